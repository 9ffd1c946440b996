//! Applying suggested fixes: to a text (repeated until stable), and to a file on disk
//! (atomically, never losing data).

use std::io::Write;
use std::path::Path;

use crate::document::{Document, Format};
use crate::engine::Linter;
use crate::finding::{Finding, Fix};

/// Upper bound on fix rounds; each round re-checks the fixed text, and fixes may enable others.
pub const MAX_ROUNDS: usize = 10;

/// The result of fixing a text.
#[derive(Debug, Clone)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied over all rounds.
    pub applied: usize,
    /// Findings on the text as given (the first round's check), so callers need not check it
    /// again when the fixes are only shown or cannot be written.
    pub original: Vec<Finding>,
    /// Findings on the final text.
    pub remaining: Vec<Finding>,
}

/// Applies fixes round after round until no finding offers one (or `MAX_ROUNDS`).
pub fn fix_text(linter: &Linter, name: &str, format: Format, source: &str) -> Fixed {
    let mut text = source.to_string();
    let mut applied = 0;
    let original = linter.check(&Document::parse(name, text.clone(), format));
    let mut findings = original.clone();
    for _ in 0..MAX_ROUNDS {
        let (next, n) = apply(&text, &findings);
        if n == 0 || next == text {
            break;
        }
        applied += n;
        text = next;
        findings = linter.check(&Document::parse(name, text.clone(), format));
    }
    Fixed {
        text,
        applied,
        original,
        remaining: findings,
    }
}

/// Why a fixed file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("changed on disk since it was read; not written (run again)")]
    Changed,
    #[error("is a symbolic link; not written through it (pass --follow-symlinks to allow)")]
    Symlink,
    #[error("is not UTF-8 encoded (UTF-16); --fix only rewrites UTF-8 files")]
    NotUtf8,
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes `text` to `path` if the file still holds `original`: through a temporary file in
/// the same directory, renamed over the original, with the original's permissions. On any
/// error the original is left as it was.
pub fn write_atomically(
    path: &Path,
    original: &[u8],
    text: &str,
    follow_symlinks: bool,
) -> Result<(), WriteError> {
    write_with(path, original, text, follow_symlinks, |file, text| {
        file.write_all(text.as_bytes())
    })
}

/// `write_atomically` with the content writer injectable, so tests can make it fail midway.
fn write_with(
    path: &Path,
    original: &[u8],
    text: &str,
    follow_symlinks: bool,
    write: impl FnOnce(&mut std::fs::File, &str) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let link = std::fs::symlink_metadata(path)?;
    let target = if link.file_type().is_symlink() {
        if !follow_symlinks {
            return Err(WriteError::Symlink);
        }
        std::fs::canonicalize(path)?
    } else {
        path.to_path_buf()
    };
    if original.starts_with(&[0xFF, 0xFE]) || original.starts_with(&[0xFE, 0xFF]) {
        return Err(WriteError::NotUtf8);
    }
    if std::fs::read(&target)? != original {
        return Err(WriteError::Changed);
    }
    let permissions = std::fs::metadata(&target)?.permissions();
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".seigo-fix-")
        .tempfile_in(dir)?;
    write(tmp.as_file_mut(), text)?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), permissions)?;
    tmp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// A unified diff of a fix, for `--diff`.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(1)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Applies the first fix of each finding, skipping any that overlaps one already taken
/// (earlier spans win). Returns the new text and the number of fixes applied.
pub fn apply(source: &str, findings: &[Finding]) -> (String, usize) {
    let fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fixes.first()).collect();
    apply_fixes(source, fixes)
}

pub fn apply_fixes<'a>(source: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|f| {
            f.span.start <= f.span.end
                && f.span.end <= source.len()
                && source.is_char_boundary(f.span.start)
                && source.is_char_boundary(f.span.end)
        })
        .collect();
    fixes.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = String::with_capacity(source.len());
    let mut cursor = 0;
    let mut applied = 0;
    for fix in fixes {
        if fix.span.start < cursor {
            continue;
        }
        out.push_str(&source[cursor..fix.span.start]);
        out.push_str(&fix.replacement);
        cursor = fix.span.end;
        applied += 1;
    }
    out.push_str(&source[cursor..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn atomic_write_keeps_permissions_and_refuses_changed_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"old", "new", false).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert!(matches!(
            write_atomically(&path, b"old", "newer", false),
            Err(WriteError::Changed)
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        // Only the file itself is in the directory: no temporary files left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn atomic_write_refuses_symlinks_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(matches!(
            write_atomically(&link, b"old", "new", false),
            Err(WriteError::Symlink)
        ));
        write_atomically(&link, b"old", "new", true).unwrap();
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn failed_write_leaves_the_original_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        let result = write_with(&path, b"old", "new text", false, |file, text| {
            file.write_all(&text.as_bytes()[..3])?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(matches!(result, Err(WriteError::Io(ref e)) if e.to_string() == "disk full"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    fn fix(start: usize, end: usize, r: &str) -> Fix {
        Fix {
            span: Span::new(start, end),
            replacement: r.into(),
        }
    }

    #[test]
    fn applies_non_overlapping_fixes_in_order() {
        let src = "aaa bbb ccc";
        let fixes = [fix(8, 11, "C"), fix(0, 3, "A"), fix(1, 5, "X")];
        assert_eq!(apply_fixes(src, &fixes), ("A bbb C".to_string(), 2));
    }

    #[test]
    fn ignores_fixes_out_of_bounds_or_off_char_boundaries() {
        let src = "帰り先";
        let fixes = [fix(1, 3, "x"), fix(0, 99, "y")];
        assert_eq!(apply_fixes(src, &fixes), (src.to_string(), 0));
    }
}

//! Applying suggested fixes: to a text (repeated until stable), and to a file on disk
//! (atomically, never losing data).

use std::io::Write;
use std::path::Path;

use crate::document::{Document, Format};
use crate::engine::Linter;
use crate::finding::{Applicability, Finding, Severity};
use crate::span::SourceSpan;

/// A fix of a finding: in source coordinates.
type Fix = crate::finding::Fix<SourceSpan>;

/// Upper bound on fix rounds; each round re-checks the fixed text, and fixes may enable others.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes a run applies (ruff's model): safe ones, and with `unsafe_fixes` suggestions too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FixOptions {
    /// `--unsafe-fixes`: apply fixes that are only suggestions too.
    pub unsafe_fixes: bool,
}

/// A fix not applied because the text it makes has an error finding at the fix's place that
/// the original did not (返り咲き for 帰り先 where the article also says 再選 makes an election
/// conflict): it is left for a person, as a suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBack {
    pub rule: String,
    /// Where the fix applies, in the final text, and its line and column (1-based, code
    /// points) there.
    pub span: SourceSpan,
    pub line: usize,
    pub column: usize,
    pub original: String,
    pub replacement: String,
    /// The rules whose errors the fix would have created.
    pub creates: Vec<String>,
    /// The rules that would at once undo the fix, with a finding at least as severe as the
    /// fix's own (以外→意外 of one rule, 意外→以外 of another at the same place): two rules
    /// disagree, and the text is left for the editor.
    pub reverted_by: Vec<String>,
}

/// The result of fixing a text.
#[derive(Debug, Clone)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied over all rounds.
    pub applied: usize,
    /// Findings on the text as given (the first round's check), so callers need not check it
    /// again when the fixes are only shown or cannot be written.
    pub original: Vec<Finding>,
    /// Findings on the final text; the fixes held back are suggestions there.
    pub remaining: Vec<Finding>,
    /// Fixes not applied because they would create an error.
    pub held_back: Vec<HeldBack>,
}

/// Why fixes were not applied: they do not reach a text that needs no more fixing. Nothing is
/// written then; the rules named are the ones to look at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    #[error(
        "fixes do not converge: after {MAX_ROUNDS} rounds {} still offer fixes (a replacement the rules match again); nothing was written",
        list(.rules)
    )]
    NotConverging { rules: Vec<String> },
    #[error(
        "fixes do not converge: {} make the text grow without end ({from} bytes became {to}); nothing was written",
        list(.rules)
    )]
    Growing {
        rules: Vec<String>,
        from: usize,
        to: usize,
    },
    #[error(
        "fixes do not converge: {} undo each other (the text returns to an earlier state); nothing was written",
        list(.rules)
    )]
    Cycle { rules: Vec<String> },
}

fn list(rules: &[String]) -> String {
    rules
        .iter()
        .map(|r| format!("`{r}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A fix applied in a round: where it was and where its replacement now is.
struct Placed {
    rule: String,
    before: SourceSpan,
    after: SourceSpan,
    original: String,
    replacement: String,
}

/// Applies fixes round after round until no finding offers one that `options` allow. `check`
/// gives the findings of a text. A fix whose result has an error finding touching the fix's
/// place that the text before did not have, or a finding at least as severe as the fix's own
/// that offers to put the original text back there (two rules disagree about the place), is
/// held back (the others of its round are applied without it; the next round weighs it again)
/// and, if still held back on the final text, reported in [`Fixed::held_back`]. Fails, rather than returning a half-fixed
/// text, when the fixes do not settle within [`MAX_ROUNDS`], when the text returns to an
/// earlier state (rules undoing each other), or when it grows past twice its size (plus 64 KB):
/// a replacement that the rules match again.
pub fn fix_with(
    source: &str,
    options: FixOptions,
    mut check: impl FnMut(&str) -> Vec<Finding>,
) -> Result<Fixed, FixError> {
    use std::hash::{BuildHasher, RandomState};
    let hasher = RandomState::new();
    let limit = source.len().saturating_mul(2).max(source.len() + 64 * 1024);
    let original = check(source);
    let mut findings = original.clone();
    let mut text = source.to_string();
    let mut applied = 0;
    let mut seen = std::collections::HashSet::from([hasher.hash_one(source)]);
    let mut applied_by: Vec<String> = Vec::new();
    // Fixes held back in the latest round, kept in the current text's coordinates. Each round
    // weighs every fix again against the text as it is then, so the result does not depend on
    // which fixes happened to share a round (fixing twice gives what fixing once gives).
    let mut held: Vec<HeldBack> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        held.clear();
        let mut chosen = choose(&text, &findings, options, &[]);
        if chosen.is_empty() {
            break;
        }
        // Only errors matter, and there are few: filtered once per text, not per fix.
        let errors_before = errors(&findings);
        // Apply the round; drop the fixes that create errors and apply the rest again.
        let round = loop {
            let (next, placed) = apply_placed(&text, &chosen);
            if placed.is_empty() || next == text {
                break None;
            }
            let next_findings = check(&next);
            let errors_after = errors(&next_findings);
            let mut bad = Vec::new();
            let offers = Offers::new(&findings, &next_findings);
            for p in &placed {
                let creates = created_errors(&errors_before, &errors_after, p);
                let reverted_by = offers.reverting(p);
                if !creates.is_empty() || !reverted_by.is_empty() {
                    bad.push((p.before, p.rule.clone()));
                    held.push(HeldBack {
                        rule: p.rule.clone(),
                        span: p.before,
                        line: 0,
                        column: 0,
                        original: p.original.clone(),
                        replacement: p.replacement.clone(),
                        creates,
                        reverted_by,
                    });
                }
            }
            if bad.is_empty() {
                break Some((next, next_findings, placed));
            }
            chosen.retain(|(rule, fix)| !bad.iter().any(|(s, r)| *s == fix.span && r == rule));
            if chosen.is_empty() {
                break None;
            }
        };
        let Some((next, next_findings, placed)) = round else {
            break;
        };
        let rules = rules_of(placed.iter().map(|p| p.rule.as_str()));
        if next.len() > limit {
            return Err(FixError::Growing {
                rules,
                from: source.len(),
                to: next.len(),
            });
        }
        applied_by.extend(rules);
        if !seen.insert(hasher.hash_one(&next)) {
            return Err(FixError::Cycle {
                rules: rules_of(applied_by.iter().map(String::as_str)),
            });
        }
        // The round's text is replaced: what it held back moves with it, in case this was the
        // last round allowed and they are reported as they are.
        held = held.into_iter().filter_map(|h| shift(h, &placed)).collect();
        applied += placed.len();
        text = next;
        findings = next_findings;
    }
    let pending = choose(&text, &findings, options, &held);
    if !pending.is_empty() {
        return Err(FixError::NotConverging {
            rules: rules_of(pending.iter().map(|(rule, _)| *rule)),
        });
    }
    for f in &mut findings {
        for fix in &mut f.fixes {
            if is_held(&held, &f.rule, fix) {
                fix.applicability = Applicability::Suggestion;
            }
        }
    }
    let index = crate::span::LineIndex::new(&text);
    for h in &mut held {
        let at = index.line_col(&text, h.span.start);
        (h.line, h.column) = (at.line, at.column);
    }
    Ok(Fixed {
        text,
        applied,
        original,
        remaining: findings,
        held_back: held,
    })
}

/// Whether two spans overlap or touch.
fn touches(a: SourceSpan, b: SourceSpan) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// The rules with an error finding touching a fix's place after it that had none there before
/// (`before` and `after` hold the error findings only).
fn created_errors(before: &[&Finding], after: &[&Finding], p: &Placed) -> Vec<String> {
    let at = |f: &Finding, site: SourceSpan| {
        touches(f.span, site) || f.related.iter().any(|r| touches(r.span, site))
    };
    let had: std::collections::BTreeSet<&str> = before
        .iter()
        .filter(|f| at(f, p.before))
        .map(|f| f.rule.as_str())
        .collect();
    rules_of(
        after
            .iter()
            .filter(|f| at(f, p.after) && !had.contains(f.rule.as_str()))
            .map(|f| f.rule.as_str()),
    )
}

/// The fixes offered before a round (by rule and place, with their findings' severity) and
/// after it (by place), indexed once per round: a round may place thousands of fixes.
struct Offers<'f> {
    own: std::collections::HashMap<(&'f str, SourceSpan), Severity>,
    after: std::collections::HashMap<SourceSpan, Vec<(&'f str, &'f str, Severity)>>,
}

impl<'f> Offers<'f> {
    /// `before`: the findings the round's fixes were chosen from; `after`: the findings of
    /// the text the round made.
    fn new(before: &'f [Finding], after: &'f [Finding]) -> Self {
        let mut own: std::collections::HashMap<(&str, SourceSpan), Severity> =
            std::collections::HashMap::new();
        for f in before {
            for x in &f.fixes {
                let s = own.entry((f.rule.as_str(), x.span)).or_insert(f.severity);
                *s = (*s).max(f.severity);
            }
        }
        let mut by_place: std::collections::HashMap<SourceSpan, Vec<(&str, &str, Severity)>> =
            std::collections::HashMap::new();
        for f in after {
            if let Some(x) = f.fixes.first() {
                by_place.entry(x.span).or_default().push((
                    f.rule.as_str(),
                    x.replacement.as_str(),
                    f.severity,
                ));
            }
        }
        Offers {
            own,
            after: by_place,
        }
    }

    /// The rules whose findings after the round offer to put fix `p`'s original text back at
    /// its place, with a severity at least that of the finding `p` came from: rules that
    /// disagree about the place.
    fn reverting(&self, p: &Placed) -> Vec<String> {
        let Some(&own) = self.own.get(&(p.rule.as_str(), p.before)) else {
            return Vec::new();
        };
        rules_of(
            self.after
                .get(&p.after)
                .into_iter()
                .flatten()
                .filter(|(_, replacement, severity)| *severity >= own && *replacement == p.original)
                .map(|(rule, _, _)| *rule),
        )
    }
}

/// A held-back fix's place after a round's fixes; gone when a fix rewrote it.
fn shift(mut h: HeldBack, placed: &[Placed]) -> Option<HeldBack> {
    let mut delta: isize = 0;
    for p in placed {
        if p.before.end <= h.span.start {
            delta += p.after.len() as isize - p.before.len() as isize;
        } else if p.before.start < h.span.end {
            return None;
        }
    }
    h.span = SourceSpan::new(
        h.span.start.checked_add_signed(delta)?,
        h.span.end.checked_add_signed(delta)?,
    );
    Some(h)
}

fn is_held(held: &[HeldBack], rule: &str, fix: &Fix) -> bool {
    held.iter()
        .any(|h| h.rule == rule && h.span == fix.span && h.replacement == fix.replacement)
}

/// Sorted, deduplicated rule IDs.
fn rules_of<'a>(rules: impl Iterator<Item = &'a str>) -> Vec<String> {
    let set: std::collections::BTreeSet<&str> = rules.collect();
    set.into_iter().map(str::to_string).collect()
}

/// The first fix of each finding that applies to `text` (in bounds, on character
/// boundaries), is allowed by `options` and not held back, with its rule.
fn choose<'f>(
    text: &str,
    findings: &'f [Finding],
    options: FixOptions,
    held: &[HeldBack],
) -> Vec<(&'f str, &'f Fix)> {
    findings
        .iter()
        .filter_map(|f| f.fixes.first().map(|fix| (f.rule.as_str(), fix)))
        .filter(|(_, fix)| options.unsafe_fixes || fix.applicability == Applicability::Safe)
        .filter(|(rule, fix)| !is_held(held, rule, fix))
        .filter(|(_, fix)| applicable(text, fix))
        .collect()
}

fn applicable(text: &str, fix: &Fix) -> bool {
    fix.span.start <= fix.span.end
        && fix.span.end <= text.len()
        && text.is_char_boundary(fix.span.start)
        && text.is_char_boundary(fix.span.end)
        && text[fix.span.range()] != *fix.replacement
}

/// Applies fixes like [`apply_fixes`], telling where each applied one went.
fn apply_placed(source: &str, chosen: &[(&str, &Fix)]) -> (String, Vec<Placed>) {
    let mut fixes: Vec<&(&str, &Fix)> = chosen
        .iter()
        .filter(|(_, f)| applicable(source, f))
        .collect();
    fixes.sort_by_key(|(_, f)| (f.span.start, f.span.end));
    let mut out = String::with_capacity(source.len());
    let mut cursor = 0;
    let mut placed = Vec::new();
    for (rule, fix) in fixes {
        if fix.span.start < cursor {
            continue;
        }
        out.push_str(&source[cursor..fix.span.start]);
        let start = out.len();
        out.push_str(&fix.replacement);
        placed.push(Placed {
            rule: rule.to_string(),
            before: fix.span,
            after: SourceSpan::new(start, out.len()),
            original: source[fix.span.range()].to_string(),
            replacement: fix.replacement.clone(),
        });
        cursor = fix.span.end;
    }
    out.push_str(&source[cursor..]);
    (out, placed)
}

/// Applies the linter's fixes to a text until they settle (see [`fix_with`]).
pub fn fix_text(
    linter: &Linter,
    name: &str,
    format: Format,
    source: &str,
    options: FixOptions,
) -> Result<Fixed, FixError> {
    fix_with(source, options, |text| {
        linter.check(&Document::parse(name, text.to_string(), format))
    })
}

/// Why a fixed file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("changed on disk since it was read; not written (run again)")]
    Changed,
    #[error("is a symbolic link; not written through it (pass --follow-symlinks to allow)")]
    Symlink,
    #[error(
        "has {0} hard links; not written, as the other names would keep the old text (pass --allow-hardlinks to rewrite it in place)"
    )]
    HardLinks(u64),
    #[error("is not UTF-8 encoded (UTF-16); --fix only rewrites UTF-8 files")]
    NotUtf8,
    #[error(
        "is owned by another user (uid {uid}, gid {gid}) and the fixed copy could not be given to them; not written"
    )]
    Owner { uid: u32, gid: u32 },
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
}

/// How `--fix` may write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Write through a symbolic link to its target.
    pub follow_symlinks: bool,
    /// Rewrite a file with several hard links in place, so that every name sees the fix.
    pub allow_hardlinks: bool,
}

/// Writes `text` to `path` if the file still holds `original`: through a temporary file in
/// the same directory, with the original's permissions, owner and group, renamed over the
/// original. The original is compared again just before the rename, so a writer that
/// appended meanwhile is not overwritten; what remains is the moment between that comparison
/// and the rename itself (no portable lock closes it). On any error the original is left as
/// it was. A file with several hard links is refused unless allowed, and then rewritten in
/// place (not atomically: a crash midway can leave it half written).
pub fn write_atomically(
    path: &Path,
    original: &[u8],
    text: &str,
    options: WriteOptions,
) -> Result<(), WriteError> {
    write_with(path, original, text, options, |file, text| {
        file.write_all(text.as_bytes())
    })
}

/// `write_atomically` with the content writer injectable, so tests can make it fail midway
/// (or change the original while it runs).
fn write_with(
    path: &Path,
    original: &[u8],
    text: &str,
    options: WriteOptions,
    write: impl FnOnce(&mut std::fs::File, &str) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    let link = std::fs::symlink_metadata(path)?;
    let target = if link.file_type().is_symlink() {
        if !options.follow_symlinks {
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
    let meta = std::fs::metadata(&target)?;
    if meta.nlink() > 1 {
        if !options.allow_hardlinks {
            return Err(WriteError::HardLinks(meta.nlink()));
        }
        return write_in_place(&target, original, text, write);
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".seigo-fix-")
        .tempfile_in(dir)?;
    write(tmp.as_file_mut(), text)?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), meta.permissions())?;
    let created = tmp.as_file().metadata()?;
    if (created.uid(), created.gid()) != (meta.uid(), meta.gid())
        && std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid())).is_err()
    {
        return Err(WriteError::Owner {
            uid: meta.uid(),
            gid: meta.gid(),
        });
    }
    // Checked again as late as possible: another process may have written meanwhile.
    if std::fs::read(&target)? != original {
        return Err(WriteError::Changed);
    }
    tmp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// Rewrites a file through its own inode, so that its other hard links see the new text.
fn write_in_place(
    target: &Path,
    original: &[u8],
    text: &str,
    write: impl FnOnce(&mut std::fs::File, &str) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let mut file = std::fs::OpenOptions::new().write(true).open(target)?;
    if std::fs::read(target)? != original {
        return Err(WriteError::Changed);
    }
    file.set_len(0)?;
    write(&mut file, text)?;
    file.sync_all()?;
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
        .filter(|f| applicable(source, f))
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

    #[test]
    fn atomic_write_keeps_permissions_and_refuses_changed_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"old", "new", WriteOptions::default()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert!(matches!(
            write_atomically(&path, b"old", "newer", WriteOptions::default()),
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
            write_atomically(&link, b"old", "new", WriteOptions::default()),
            Err(WriteError::Symlink)
        ));
        let follow = WriteOptions {
            follow_symlinks: true,
            ..WriteOptions::default()
        };
        write_atomically(&link, b"old", "new", follow).unwrap();
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
        let result = write_with(
            &path,
            b"old",
            "new text",
            WriteOptions::default(),
            |file, text| {
                file.write_all(&text.as_bytes()[..3])?;
                Err(std::io::Error::other("disk full"))
            },
        );
        assert!(matches!(result, Err(WriteError::Io(ref e)) if e.to_string() == "disk full"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    fn fix(start: usize, end: usize, r: &str) -> Fix {
        Fix {
            span: SourceSpan::new(start, end),
            replacement: r.into(),
            applicability: Applicability::Safe,
        }
    }

    #[test]
    fn a_write_by_another_process_meanwhile_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old\n").unwrap();
        let result = write_with(
            &path,
            b"old\n",
            "new\n",
            WriteOptions::default(),
            |file, text| {
                // Another process appends while the fixed copy is being written.
                let mut other = std::fs::OpenOptions::new().append(true).open(&path)?;
                other.write_all(b"appended\n")?;
                file.write_all(text.as_bytes())
            },
        );
        assert!(matches!(result, Err(WriteError::Changed)), "{result:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\nappended\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    fn finding(rule: &str, start: usize, end: usize, r: &str) -> Finding {
        Finding {
            rule: rule.into(),
            kind: "test",
            severity: crate::finding::Severity::Warning,
            message: String::new(),
            span: SourceSpan::new(start, end),
            related: vec![],
            fixes: vec![fix(start, end, r)],
        }
    }

    /// Findings of a swap `from` → `to` (every occurrence) by rule `rule`.
    fn swap<'a>(rules: &'a [(&'a str, &'a str, &'a str)]) -> impl FnMut(&str) -> Vec<Finding> + 'a {
        move |text: &str| {
            rules
                .iter()
                .flat_map(|(rule, from, to)| {
                    text.match_indices(from)
                        .map(|(i, _)| finding(rule, i, i + from.len(), to))
                        .collect::<Vec<_>>()
                })
                .collect()
        }
    }

    #[test]
    fn fixes_that_enable_others_run_to_a_fixed_point() {
        let fixed = fix_with(
            "aXb",
            FixOptions::default(),
            swap(&[("r/1", "X", "Y"), ("r/2", "Y", "Z")]),
        )
        .unwrap();
        assert_eq!(fixed.text, "aZb");
        assert_eq!(fixed.applied, 2);
        assert_eq!(fixed.original.len(), 1);
        assert!(fixed.remaining.is_empty());
    }

    #[test]
    fn rules_going_round_in_a_circle_are_a_cycle() {
        let e = fix_with(
            "aXb",
            FixOptions::default(),
            swap(&[("r/1", "X", "Y"), ("r/2", "Y", "Z"), ("r/3", "Z", "X")]),
        )
        .unwrap_err();
        assert_eq!(
            e,
            FixError::Cycle {
                rules: vec!["r/1".into(), "r/2".into(), "r/3".into()]
            }
        );
    }

    #[test]
    fn a_fix_another_rule_would_undo_is_left_for_the_editor() {
        // Two rules of one strength disagree about one place: neither fix is applied, from
        // either text, so fixing twice gives what fixing once gives.
        let rules = [("r/there", "X", "Y"), ("r/back", "Y", "X")];
        for source in ["aXb", "aYb"] {
            let fixed = fix_with(source, FixOptions::default(), swap(&rules)).unwrap();
            assert_eq!(fixed.text, source);
            assert_eq!(fixed.applied, 0);
            assert_eq!(fixed.held_back.len(), 1);
            assert!(!fixed.held_back[0].reverted_by.is_empty());
            assert!(fixed.held_back[0].creates.is_empty());
        }
        // A weaker rule's undo does not hold back a stronger fix (以外→意外 of a substitution
        // warning against the reading kind's info 意外→以外): the stronger is applied, the
        // weaker held back, and a second pass changes nothing.
        let weighted = |text: &str| {
            let mut found = swap(&rules)(text);
            for f in &mut found {
                if f.rule == "r/back" {
                    f.severity = Severity::Info;
                }
            }
            found
        };
        let all = FixOptions { unsafe_fixes: true };
        let once = fix_with("aXb", all, weighted).unwrap();
        assert_eq!(once.text, "aYb");
        assert_eq!(once.applied, 1);
        assert_eq!(once.held_back[0].rule, "r/back");
        assert_eq!(once.held_back[0].reverted_by, ["r/there"]);
        let twice = fix_with(&once.text, all, weighted).unwrap();
        assert_eq!((twice.text.as_str(), twice.applied), ("aYb", 0));
    }

    #[test]
    fn a_replacement_that_contains_its_match_grows_and_is_refused() {
        let source = "x".repeat(40_000);
        let e = fix_with(
            &source,
            FixOptions::default(),
            swap(&[("r/grow", "x", "xxxx")]),
        )
        .unwrap_err();
        assert!(
            matches!(&e, FixError::Growing { rules, from: 40_000, to } if rules == &["r/grow"] && *to > 80_000),
            "{e:?}"
        );
        assert!(e.to_string().contains("`r/grow`"));
    }

    #[test]
    fn fixes_still_pending_after_the_last_round_do_not_converge() {
        // Each round moves the text one step along a chain longer than the rounds allowed.
        let chain: Vec<(String, String)> = (0..=MAX_ROUNDS + 1)
            .map(|i| (format!("<{i}>"), format!("<{}>", i + 1)))
            .collect();
        let rules: Vec<(&str, &str, &str)> = chain
            .iter()
            .map(|(from, to)| ("r/step", from.as_str(), to.as_str()))
            .collect();
        let e = fix_with("<0>", FixOptions::default(), swap(&rules)).unwrap_err();
        assert_eq!(
            e,
            FixError::NotConverging {
                rules: vec!["r/step".into()]
            }
        );
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

    #[test]
    fn suggestions_are_applied_only_with_unsafe_fixes() {
        let check = |text: &str| {
            let mut found = swap(&[("r/safe", "X", "Y"), ("r/guess", "P", "Q")])(text);
            for f in &mut found {
                if f.rule == "r/guess" {
                    f.fixes[0].applicability = Applicability::Suggestion;
                }
            }
            found
        };
        let fixed = fix_with("aXbP", FixOptions::default(), check).unwrap();
        assert_eq!(fixed.text, "aYbP");
        assert_eq!(fixed.remaining.len(), 1, "the suggestion remains");
        let all = FixOptions { unsafe_fixes: true };
        assert_eq!(fix_with("aXbP", all, check).unwrap().text, "aYbQ");
    }

    #[test]
    fn a_fix_that_creates_an_error_at_its_place_is_held_back() {
        // X → Y is safe, but Y next to a later Z is an error (a conflict) pointing at both.
        let check = |text: &str| {
            let mut found = swap(&[("r/swap", "X", "Y"), ("r/other", "P", "Q")])(text);
            if let (Some(y), Some(z)) = (text.find('Y'), text.find('Z')) {
                let mut conflict = finding("r/conflict", z, z + 1, "");
                conflict.fixes.clear();
                conflict.severity = Severity::Error;
                conflict.related.push(crate::finding::Related {
                    span: SourceSpan::new(y, y + 1),
                    message: String::new(),
                });
                found.push(conflict);
            }
            found
        };
        let fixed = fix_with("PaXbZ", FixOptions::default(), check).unwrap();
        assert_eq!(fixed.text, "QaXbZ", "the other fix of the round is applied");
        assert_eq!(fixed.applied, 1);
        assert_eq!(
            fixed.held_back,
            [HeldBack {
                rule: "r/swap".into(),
                span: SourceSpan::new(2, 3),
                line: 1,
                column: 3,
                original: "X".into(),
                replacement: "Y".into(),
                creates: vec!["r/conflict".into()],
                reverted_by: vec![],
            }]
        );
        let x = &fixed.remaining[0];
        assert_eq!(x.rule, "r/swap");
        assert_eq!(x.fixes[0].applicability, Applicability::Suggestion);
        // Where the text has no Z, the same fix creates nothing and is applied.
        assert_eq!(
            fix_with("PaXb", FixOptions::default(), check).unwrap().text,
            "QaYb"
        );
    }

    #[test]
    fn a_fix_held_back_is_weighed_again_after_other_fixes() {
        // Y is an error next to Z; the other rule's fix turns Z into W. In the first round
        // X → Y is held back (Z is still there); once Z is W it creates nothing and applies:
        // the same text as fixing the result again would give.
        let check = |text: &str| {
            let mut found = swap(&[("r/swap", "X", "Y"), ("r/other", "Z", "W")])(text);
            if let (Some(y), Some(z)) = (text.find('Y'), text.find('Z')) {
                let mut conflict = finding("r/conflict", z, z + 1, "");
                conflict.fixes.clear();
                conflict.severity = Severity::Error;
                conflict.related.push(crate::finding::Related {
                    span: SourceSpan::new(y, y + 1),
                    message: String::new(),
                });
                found.push(conflict);
            }
            found
        };
        let once = fix_with("aXbZ", FixOptions::default(), check).unwrap();
        assert_eq!(once.text, "aYbW");
        assert!(once.held_back.is_empty());
        let twice = fix_with(&once.text, FixOptions::default(), check).unwrap();
        assert_eq!(twice.text, once.text);
    }

    #[test]
    fn a_fix_held_back_in_the_last_round_is_reported_where_it_is_in_the_final_text() {
        // A chain of MAX_ROUNDS steps before X grows the text by one byte in the last round
        // (<9> → <10>); X → Y is held back every round, as Y next to Z is an error.
        let chain: Vec<(String, String)> = (0..MAX_ROUNDS)
            .map(|i| (format!("<{i}>"), format!("<{}>", i + 1)))
            .collect();
        let mut rules: Vec<(&str, &str, &str)> = chain
            .iter()
            .map(|(from, to)| ("r/step", from.as_str(), to.as_str()))
            .collect();
        rules.push(("r/swap", "X", "Y"));
        let check = |text: &str| {
            let mut found = swap(&rules)(text);
            if let (Some(y), Some(z)) = (text.find('Y'), text.find('Z')) {
                let mut conflict = finding("r/conflict", z, z + 1, "");
                conflict.fixes.clear();
                conflict.severity = Severity::Error;
                conflict.related.push(crate::finding::Related {
                    span: SourceSpan::new(y, y + 1),
                    message: String::new(),
                });
                found.push(conflict);
            }
            found
        };
        let fixed = fix_with("<0>aXbZ", FixOptions::default(), check).unwrap();
        assert_eq!(fixed.text, format!("<{MAX_ROUNDS}>aXbZ"));
        let x = fixed.text.find('X').unwrap();
        assert_eq!(fixed.held_back.len(), 1);
        assert_eq!(fixed.held_back[0].span, SourceSpan::new(x, x + 1));
        assert_eq!(fixed.held_back[0].column, x + 1);
    }
}

//! `--fix` never damages a file: it writes a temporary file in the same directory and renames
//! it over the original, keeps the permissions, refuses symlinks unless asked, and leaves the
//! original intact when anything fails (read-only directory, full disk, UTF-16 source).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::hostile::{GARBLED, is_root, open_tempdir, seigo_unprivileged};
use crate::{seigo_in, stderr_of};

const FIXED: &str = "トランプ氏に備える\n\nトランプ氏の返り咲きに備える。\n";

fn fix(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = seigo_in(dir)
        .args(["check", "--no-config", "--fix", "--quiet"])
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), stderr_of(&out))
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn fix_keeps_permissions_and_refuses_symlinks_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("private.txt"), GARBLED).unwrap();
    fs::set_permissions(p.join("private.txt"), fs::Permissions::from_mode(0o600)).unwrap();
    fs::write(p.join("target.txt"), GARBLED).unwrap();
    std::os::unix::fs::symlink("target.txt", p.join("link.txt")).unwrap();

    let (code, err) = fix(p, &["private.txt", "link.txt"]);
    assert_eq!(code, Some(2), "the symlink was refused: {err}");
    assert!(
        err.contains("error: link.txt: is a symbolic link; not written through it (pass --follow-symlinks to allow)"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(p.join("private.txt")).unwrap(), FIXED);
    let mode = fs::metadata(p.join("private.txt"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(fs::read_to_string(p.join("target.txt")).unwrap(), GARBLED);

    let (code, err) = fix(p, &["--follow-symlinks", "link.txt"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(fs::read_to_string(p.join("target.txt")).unwrap(), FIXED);
    assert!(
        fs::symlink_metadata(p.join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(entries(p), ["link.txt", "private.txt", "target.txt"]);
}

/// A directory where no temporary file can be created: nothing is written, the original is
/// intact, and it is an error. Run as `nobody` when the tests run as root.
#[test]
fn read_only_directory_leaves_the_original_intact() {
    let dir = open_tempdir();
    let p = dir.path();
    let ro = p.join("ro");
    fs::create_dir(&ro).unwrap();
    fs::write(ro.join("a.txt"), GARBLED).unwrap();
    // Writable file (so only the directory stops the write), read-only directory.
    fs::set_permissions(ro.join("a.txt"), fs::Permissions::from_mode(0o666)).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let out = seigo_unprivileged(p)
        .args(["check", "--no-config", "--fix", "ro/a.txt"])
        .output()
        .unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: ro/a.txt: cannot write: Permission denied"),
        "{err}"
    );
    assert!(err.contains("applied 0 fix(es)"), "{err}");
    assert_eq!(fs::read_to_string(ro.join("a.txt")).unwrap(), GARBLED);
    assert_eq!(entries(&ro), ["a.txt"]);
}

/// Unmounts a tmpfs when dropped.
struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// A full disk (a 64 KB tmpfs, mountable when the tests run as root): the temporary file
/// cannot be written, so the original stays as it was and no temporary file is left.
#[test]
fn full_disk_leaves_the_original_intact() {
    if !is_root() {
        eprintln!(
            "skipped: mounting a tmpfs needs root (the injected-error unit test in src/fix.rs covers this)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let _guard = Mount(mnt.clone());
    // About 40 KB: fits once, not twice.
    let text = GARBLED.repeat(40 * 1024 / GARBLED.len());
    fs::write(mnt.join("a.txt"), &text).unwrap();
    let (code, err) = fix(&mnt, &["a.txt"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("error: a.txt: cannot write: No space left on device"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(mnt.join("a.txt")).unwrap(), text);
    assert_eq!(entries(&mnt), ["a.txt"]);
}

#[test]
fn utf16_files_are_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in GARBLED.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    fs::write(dir.path().join("u16.txt"), &bytes).unwrap();
    let (code, err) = fix(dir.path(), &["u16.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains(
            "error: u16.txt: is not UTF-8 encoded (UTF-16); --fix only rewrites UTF-8 files"
        ),
        "{err}"
    );
    assert_eq!(fs::read(dir.path().join("u16.txt")).unwrap(), bytes);
}

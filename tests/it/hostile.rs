//! Hostile article trees: what CI feeds seigo without anyone looking. Each case must end with
//! a clear message (or correct findings), never a panic or a hang, and the other files in the
//! run are still checked. Timing is never asserted; completion and output are.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::{seigo_in, stderr_of, stdout_of};

/// A short article with exactly one finding (ja-news/kaerisaki on 帰り先).
pub const GARBLED: &str = "トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n";

fn json_of(out: &Output) -> Value {
    serde_json::from_str(&stdout_of(out))
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {}", stderr_of(out)))
}

fn check_json(dir: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let out = seigo_in(dir)
        .args(["check", "--no-config", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), json_of(&out), stderr_of(&out))
}

/// The paths in a JSON report.
fn paths(json: &Value) -> Vec<String> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

fn findings<'a>(json: &'a Value, path: &str) -> &'a Vec<Value> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} not in the report"))["findings"]
        .as_array()
        .unwrap()
}

/// True when the tests run as root, for whom permission bits do not stop reads or writes.
pub fn is_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// `seigo` in `dir`, as the unprivileged user `nobody` when the tests run as root (as in CI),
/// so that permission bits apply. `dir` must be readable by that user.
pub fn seigo_unprivileged(dir: &Path) -> std::process::Command {
    use std::os::unix::process::CommandExt;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_seigo"));
    cmd.current_dir(dir).env("NO_COLOR", "1");
    if is_root() {
        cmd.uid(65534).gid(65534);
    }
    cmd
}

/// A temp dir any user may enter and read (tempfile makes them 0700).
pub fn open_tempdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[test]
fn file_over_the_size_limit_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.txt"), GARBLED.repeat(40)).unwrap();
    fs::write(dir.path().join("small.txt"), GARBLED).unwrap();
    let (code, json, err) = check_json(dir.path(), &["--max-file-size", "1000", "."]);
    assert_eq!(code, Some(1), "small.txt still has its finding");
    let size = GARBLED.repeat(40).len();
    assert!(
        err.contains(&format!(
            "warning: ./big.txt: file is {size} bytes, over the 1000-byte limit; skipped (raise it with --max-file-size)"
        )),
        "{err}"
    );
    assert_eq!(paths(&json), ["./small.txt"]);
    // stdin has the same limit.
    let out = seigo_in(dir.path())
        .args(["check", "--no-config", "--max-file-size", "1000", "-"])
        .write_stdin(GARBLED.repeat(40))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr_of(&out).contains("over the 1000-byte limit"),
        "{}",
        stderr_of(&out)
    );
}

/// A 10 MB file that is one line: it used to overflow lindera's path cost (a long run without
/// 。、) and took minutes to render (every column counted from the line start).
#[test]
fn a_single_ten_megabyte_line_is_checked_with_exact_columns() {
    let dir = tempfile::tempdir().unwrap();
    let unit = format!("トランプ氏の帰り先に備える{}", "x".repeat(2000));
    let repeats = 10 * 1024 * 1024 / unit.len();
    let line = unit.repeat(repeats);
    let text = format!("トランプ氏に備える\n\n{line}\n");
    fs::write(dir.path().join("line.txt"), &text).unwrap();
    let (code, json, err) = check_json(dir.path(), &["line.txt"]);
    assert_eq!(code, Some(1), "{err}");
    let found: Vec<&Value> = findings(&json, "line.txt")
        .iter()
        .filter(|f| f["rule"] == "ja-news/kaerisaki")
        .collect();
    assert_eq!(found.len(), repeats);
    let last = found.last().unwrap();
    let start = last["span"]["start"].as_u64().unwrap() as usize;
    let end = last["span"]["end"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..end], "帰り先");
    let line_start = text.find("\n\n").unwrap() + 2;
    let column = text[line_start..start].chars().count() + 1;
    assert_eq!(last["span"]["line"], 3);
    assert_eq!(last["span"]["column"], column);

    // The human format cuts the line to a window and keeps the real column.
    let out = seigo_in(dir.path())
        .args(["check", "--no-config", "line.txt"])
        .output()
        .unwrap();
    let human = stdout_of(&out);
    assert!(
        human.contains(&format!("┌─ line.txt:3:{column}\n")),
        "last column"
    );
    assert!(
        human.lines().all(|l| l.chars().count() < 400),
        "lines are cut"
    );
}

/// A NUL byte anywhere (not only in the first kilobytes) marks a binary file: skipped with a
/// warning naming the offset, the exit code unchanged, the other files checked.
#[test]
fn nul_bytes_mean_binary_and_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut late = "本文です。".repeat(2000).into_bytes();
    let at = late.len();
    late.extend(b"\0\0tail");
    fs::write(dir.path().join("late-nul.txt"), &late).unwrap();
    fs::write(dir.path().join("early-nul.md"), b"\0\x01\x02PK").unwrap();
    fs::write(dir.path().join("ok.txt"), "本文です\n\n本文です。\n").unwrap();
    let (code, json, err) = check_json(dir.path(), &["."]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains(&format!(
            "warning: ./late-nul.txt: looks like a binary file (NUL byte at offset {at}); skipped"
        )),
        "{err}"
    );
    assert!(
        err.contains("warning: ./early-nul.md: looks like a binary file (NUL byte at offset 0)"),
        "{err}"
    );
    assert_eq!(paths(&json), ["./ok.txt"]);
}

/// Shift_JIS (what Japanese Windows tools still write) and a truncated UTF-8 sequence at the
/// very end: errors naming the byte offset and line; other files still checked.
#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    // 「日本語」 in Shift_JIS after an ASCII line.
    fs::write(
        dir.path().join("sjis.txt"),
        b"title\n\x93\xfa\x96\x7b\x8c\xea\n",
    )
    .unwrap();
    let mut truncated = "題\n\n本文".as_bytes().to_vec();
    let at = truncated.len();
    truncated.extend([0xE6, 0x9C]);
    fs::write(dir.path().join("truncated.md"), &truncated).unwrap();
    fs::write(dir.path().join("good.txt"), GARBLED).unwrap();
    let (code, json, err) = check_json(dir.path(), &["."]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("error: ./sjis.txt: not valid UTF-8: invalid byte 0x93 at byte offset 6 (line 2); re-save the file as UTF-8"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: ./truncated.md: not valid UTF-8: invalid byte 0xE6 at byte offset {at} (line 3)"
        )),
        "{err}"
    );
    assert_eq!(paths(&json), ["./good.txt"]);
    assert_eq!(findings(&json, "./good.txt").len(), 1);
}

/// UTF-16 with a BOM, both byte orders, is decoded and checked (spans are into the decoded
/// text); truncated or unpaired UTF-16 is an error naming the offset.
#[test]
fn utf16_with_bom_is_decoded_and_broken_utf16_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut be = vec![0xFE, 0xFF];
    for u in GARBLED.encode_utf16() {
        be.extend(u.to_be_bytes());
    }
    fs::write(dir.path().join("be.txt"), &be).unwrap();
    let mut le = vec![0xFF, 0xFE];
    for u in GARBLED.encode_utf16() {
        le.extend(u.to_le_bytes());
    }
    fs::write(dir.path().join("le.md"), &le).unwrap();
    let mut odd = le.clone();
    odd.push(0x41);
    fs::write(dir.path().join("odd.txt"), &odd).unwrap();
    let mut lone = vec![0xFF, 0xFE, 0x42, 0x30];
    lone.extend(0xD800u16.to_le_bytes()); // a high surrogate with no low one
    lone.extend(0x3042u16.to_le_bytes());
    fs::write(dir.path().join("surrogate.txt"), &lone).unwrap();
    let (code, json, err) = check_json(dir.path(), &["."]);
    assert_eq!(code, Some(2));
    assert_eq!(paths(&json), ["./be.txt", "./le.md"]);
    for p in ["./be.txt", "./le.md"] {
        assert_eq!(findings(&json, p)[0]["rule"], "ja-news/kaerisaki");
    }
    assert!(
        err.contains(&format!(
            "error: ./odd.txt: invalid UTF-16 text at byte offset {}",
            odd.len() - 1
        )),
        "{err}"
    );
    assert!(
        err.contains("error: ./surrogate.txt: invalid UTF-16 text at byte offset 4"),
        "{err}"
    );
}

/// Markdown nested tens of thousands of levels deep (quotes, lists, both, brackets and
/// emphasis runs): parsed without stack overflow, and the text at the bottom still checked.
#[test]
fn deeply_nested_markdown_completes_with_findings() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let tail = "トランプ氏の帰り先に備える。\n";
    let cases = [
        ("quotes.md", format!("{} {tail}", ">".repeat(50_000))),
        ("lists.md", format!("{}{tail}", "- ".repeat(20_000))),
        ("mixed.md", format!("{}{tail}", "> - ".repeat(10_000))),
        (
            "indented.md",
            (0..800)
                .map(|i| format!("{}- 項目\n", "  ".repeat(i)))
                .collect::<String>()
                + &"  ".repeat(800)
                + "- "
                + tail,
        ),
        (
            "brackets.md",
            format!(
                // A line of backticks would open a code block hiding the rest: keep it inline.
                "{}x{}\n\n{}\n\nx{}\n\n{tail}",
                "[".repeat(30_000),
                "]".repeat(30_000),
                "*".repeat(30_000),
                "`".repeat(10_000)
            ),
        ),
    ];
    for (name, text) in &cases {
        fs::write(p.join(name), text).unwrap();
    }
    let (code, json, err) = check_json(p, &["."]);
    assert_eq!(code, Some(1), "{err}");
    for (name, _) in &cases {
        let found = findings(&json, &format!("./{name}"));
        assert!(
            found.iter().any(|f| f["rule"] == "ja-news/kaerisaki"),
            "{name}: {found:?}"
        );
    }
}

/// Symbolic link loops inside a walked tree are not followed; named on the command line, a
/// loop is an error saying so. Other files are checked either way.
#[test]
fn symlink_loops_do_not_hang_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir(p.join("sub")).unwrap();
    fs::write(p.join("sub/good.txt"), GARBLED).unwrap();
    std::os::unix::fs::symlink("..", p.join("sub/parent")).unwrap();
    std::os::unix::fs::symlink(".", p.join("sub/self")).unwrap();
    std::os::unix::fs::symlink("b.md", p.join("sub/a.md")).unwrap();
    std::os::unix::fs::symlink("a.md", p.join("sub/b.md")).unwrap();
    let (code, json, err) = check_json(p, &["."]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(paths(&json), ["./sub/good.txt"]);

    let (code, json, err) = check_json(p, &["sub/a.md", "sub/good.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("error: sub/a.md: Too many levels of symbolic links"),
        "{err}"
    );
    assert_eq!(paths(&json), ["sub/good.txt"]);
}

/// Unreadable files and directories (permission denied): an error naming the path, the other
/// files still checked. Run as `nobody` when the tests run as root.
#[test]
fn unreadable_files_are_errors_and_others_are_still_checked() {
    let dir = open_tempdir();
    let p = dir.path();
    fs::write(p.join("secret.txt"), GARBLED).unwrap();
    fs::set_permissions(p.join("secret.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::create_dir(p.join("locked")).unwrap();
    fs::write(p.join("locked/inner.txt"), GARBLED).unwrap();
    fs::set_permissions(p.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::write(p.join("open.txt"), GARBLED).unwrap();
    fs::set_permissions(p.join("open.txt"), fs::Permissions::from_mode(0o644)).unwrap();
    let out = seigo_unprivileged(p)
        .args(["check", "--no-config", "--format", "json", "."])
        .output()
        .unwrap();
    let (json, err) = (json_of(&out), stderr_of(&out));
    // Restore access so the temp dir can be removed.
    fs::set_permissions(p.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: ./secret.txt: cannot read: Permission denied"),
        "{err}"
    );
    assert!(
        err.contains("error: ./locked: cannot read: Permission denied"),
        "{err}"
    );
    assert_eq!(paths(&json), ["./open.txt"]);
    assert_eq!(findings(&json, "./open.txt").len(), 1);
}

/// Paths that are directories where a file is expected, or not regular files at all.
#[test]
fn directories_and_special_files_where_files_are_expected() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // A directory named like an article is walked, not read.
    fs::create_dir(p.join("notes.md")).unwrap();
    fs::write(p.join("notes.md/inner.txt"), GARBLED).unwrap();
    let (code, json, err) = check_json(p, &["notes.md"]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(paths(&json), ["notes.md/inner.txt"]);

    // A FIFO named on the command line is refused (reading it would block); in a walked tree
    // it is not an article at all.
    let fifo = p.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let (code, json, err) = check_json(p, &["pipe.txt", "notes.md"]);
        assert_eq!(code, Some(2));
        assert!(
            err.contains("error: pipe.txt: not a regular file (a FIFO, socket or device)"),
            "{err}"
        );
        assert_eq!(paths(&json), ["notes.md/inner.txt"]);
        let (code, json, err) = check_json(p, &["."]);
        assert_eq!(code, Some(1), "{err}");
        assert_eq!(paths(&json), ["./notes.md/inner.txt"]);
    }

    // A directory as the config, as a pack, as a user dictionary, as `tokens` input.
    let out = seigo_in(p)
        .args(["check", "--config", "notes.md", "notes.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("cannot read config: Is a directory"),
        "{}",
        stderr_of(&out)
    );
    fs::write(p.join("seigo.yaml"), "packs: [notes.md/inner.txt]\n").unwrap();
    let out = seigo_in(p).args(["rules"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("unknown pack `notes.md/inner.txt`"),
        "{}",
        stderr_of(&out)
    );
    let out = seigo_in(p)
        .args([
            "check",
            "--no-config",
            "--user-dict",
            "notes.md",
            "notes.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("cannot load user dictionary notes.md: is a directory"),
        "{}",
        stderr_of(&out)
    );
    let out = seigo_in(p).args(["tokens", "notes.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("is a directory"),
        "{}",
        stderr_of(&out)
    );
}

/// Thousands of suppression comments, each above a finding: all suppressed, none unused.
/// Matching every directive against every finding made 2 MB of these take 20 s (quadratic).
#[test]
fn many_suppressions_are_applied_without_a_quadratic_blow_up() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "<!-- seigo-disable-next-line ja-news/kaerisaki -->\nトランプ氏の帰り先に備える。\n";
    let text = format!("トランプ氏に備える\n\n{}", unit.repeat(5000));
    fs::write(dir.path().join("many.md"), &text).unwrap();
    let (code, json, err) = check_json(dir.path(), &["--report-unused-disables", "many.md"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(findings(&json, "many.md").len(), 0, "{json}");
}

/// File names that are not UTF-8, hold a newline, or look like options or escapes: checked,
/// reported in valid JSON (names shown lossily) and fixed in place by their real names.
#[test]
fn odd_file_names_are_checked_and_fixed() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let names: [&[u8]; 4] = [
        b"bad\xff\xfename.txt",
        b"new\nline.md",
        b"-rf.txt",
        b"a%2C,b:c.txt",
    ];
    for name in names {
        fs::write(dir.path().join(OsStr::from_bytes(name)), GARBLED).unwrap();
    }
    let (code, json, err) = check_json(dir.path(), &["."]);
    assert_eq!(code, Some(1), "{err}");
    let mut shown = paths(&json);
    shown.sort();
    assert_eq!(
        shown,
        [
            "./-rf.txt",
            "./a%2C,b:c.txt",
            "./bad\u{FFFD}\u{FFFD}name.txt",
            "./new\nline.md"
        ]
    );
    let out = seigo_in(dir.path())
        .args(["check", "--no-config", "--fix", "--", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    for name in names {
        let text = fs::read_to_string(dir.path().join(OsStr::from_bytes(name))).unwrap();
        assert!(
            text.contains("返り咲き"),
            "{}",
            String::from_utf8_lossy(name)
        );
    }
}

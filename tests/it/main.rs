//! Integration tests: one test binary (each extra binary links the 75 MB dictionary again).

mod authoring;
mod bad_input;
mod broken_rules;
mod ci;
mod cli;
mod config;
mod fix;
mod formats;
mod fuzz_regressions;
mod hostile;
mod hostile2;
mod hostile_rules;
mod properties;
mod safe_writes;
mod serve;
mod suppress;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root, so tests can name fixtures by relative path (stable in snapshots).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `seigo` run from the repository root, without colour and without any user config.
pub fn seigo() -> Command {
    seigo_in(&root())
}

/// `seigo` run in `dir`, without colour, in English whatever the tester's locale.
pub fn seigo_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("seigo").expect("binary built");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// Replaces a temp dir path by a fixed name so snapshots are stable.
pub fn redact(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "[TMP]")
}

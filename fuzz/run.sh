#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60), one after another, and prints how many
# inputs each executed. Not part of CI: run it by hand after changing parsing or loading code.
#
#   fuzz/run.sh 600                        # every target, 10 minutes each
#   TARGETS="load_rule" fuzz/run.sh 120    # one target
#
# Needs `cargo install cargo-fuzz`. Works on a stable toolchain: RUSTC_BOOTSTRAP lets
# cargo-fuzz pass its flags, and `--sanitizer none` avoids the nightly-only sanitizers
# (libFuzzer's coverage guidance and crash detection still work; Rust's own checks -
# overflow, bounds, debug assertions - catch what ASan would in safe code).
# Crashes land in fuzz/artifacts/<target>/; once fixed, copy the input to tests/fuzz/<target>/,
# where tests/it/fuzz_regressions.rs replays it in `cargo test`.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
targets="${TARGETS:-parse_document load_rule check_text user_dict}"
mkdir -p logs
export RUSTC_BOOTSTRAP=1
cargo fuzz build --sanitizer none --release --debug-assertions
status=0
for target in $targets; do
  case "$target" in
    load_rule) max_len=8192 ;;
    user_dict) max_len=4096 ;;
    # Each input runs every built-in rule (~30-60 inputs/s): short inputs explore more.
    check_text) max_len=4096 ;;
    *) max_len=16384 ;;
  esac
  log="logs/$target.log"
  echo "== $target: ${seconds}s (log: fuzz/$log)"
  # -timeout: an input taking longer than 20 s counts as a hang and is saved as a crash.
  if ! cargo fuzz run --sanitizer none --release --debug-assertions "$target" -- \
      -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len="$max_len" \
      -print_final_stats=1 >"$log" 2>&1; then
    status=1
    echo "   CRASH: see fuzz/$log and fuzz/artifacts/$target/"
  fi
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  echo "   executions: $execs  $cov"
done
exit "$status"

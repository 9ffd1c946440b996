#!/usr/bin/env python3
"""A seigo stand-in for eval/run.py that keeps only some garble findings, to score each
signal of the `reading` kind on its own (issue 15):

    SEIGO_BIN=target/release/seigo SEIGO_KEEP=reading-same \
        python3 eval/run.py --seigo eval/tools/seigo_filter.py

SEIGO_KEEP:
  base          no `reading` findings (the hand-written rules alone)
  reading       only `reading` findings (substitution/existence dropped)
  reading-same  only `reading` findings of the same reading (同じ読み)
  reading-near  only `reading` findings of a near reading (読みの近い語)
  reading-homophone  only `reading` findings of the homophone signal (…に合いにくい語です)
  same / near / homophone   the hand-written rules plus one kind of `reading` finding
SEIGO_CONFIG: a config file used instead of --no-config (to score a variant rule: disable
ja-news/garble-by-reading there and add a local pack with the variant).
"""
import json
import os
import subprocess
import sys

MODES = {
    "base": lambda signal: False,
    "reading": lambda signal: True,
    "reading-same": lambda signal: signal == "same",
    "reading-near": lambda signal: signal == "near",
    "reading-homophone": lambda signal: signal == "homophone",
    "same": lambda signal: signal == "same",
    "near": lambda signal: signal == "near",
    "homophone": lambda signal: signal == "homophone",
}


def signal(message: str) -> str:
    """Which signal of the `reading` kind a finding's message comes from."""
    if "読みの近い語" in message:
        return "near"
    if "に合いにくい語" in message:
        return "homophone"
    return "same"


def main() -> int:
    args = sys.argv[1:]
    config = os.environ.get("SEIGO_CONFIG")
    if config:
        args = [a for a in args if a != "--no-config"] + ["--config", config]
    binary = os.environ.get("SEIGO_BIN", "target/release/seigo")
    proc = subprocess.run([binary, *args], capture_output=True, text=True)
    mode = os.environ.get("SEIGO_KEEP", "all")
    keep_reading = MODES.get(mode, lambda signal: True)

    def keep(f: dict) -> bool:
        if f["kind"] == "reading":
            return keep_reading(signal(f["message"]))
        if f["kind"] in ("substitution", "existence") and mode.startswith("reading"):
            return False
        return True

    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.stdout.write(proc.stdout)
    else:
        for file in report["files"]:
            file["findings"] = [f for f in file["findings"] if keep(f)]
        sys.stdout.write(json.dumps(report, ensure_ascii=False))
    sys.stderr.write(proc.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())

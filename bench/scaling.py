#!/usr/bin/env python3
"""Scaling check: seigo's cost must grow linearly with its input.

For each case below, an input is generated at three sizes, each twice the one before, and
`seigo check` runs on each (CPU time of the process, the minimum of several runs). A linear
path takes about twice as long for twice the input; a quadratic one four times. The check
fails when doubling the input costs 2.5x or more: a super-linear path that a user's file could
stall a CI job on (issue 12: token patterns of many optional steps, headings with distinct
numbers, piles of suppression comments all took minutes on a few MB).

    python3 bench/scaling.py                       # target/release/seigo, default sizes
    python3 bench/scaling.py --seigo target/debug/seigo --kb 96   # what CI runs

Each case is one generator of text of a given size in bytes; add a case when a new kind or a
new input shape appears. The ratio of the two largest sizes is judged (the smallest only
warms up the comparison: start-up cost hides more of it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 2.5

PROSE = [
    "日本政府は、アメリカ大統領選でトランプ前大統領の当選が確実となったことを受け、関係構築を急いでいる。",
    "石破茂首相は記者会見で「日米同盟の強化が重要だ」と述べた。",
    "同社の山田社長は新製品の価格を据え置く方針を示した。",
    "県は避難指示を出したが、町は避難指示を出していない。",
    "今年の売上高は前年比8%増の1200億円となった。",
    "専門家は、二国間協力を重視しない姿勢に懸念を示している。",
    "鈴木監督は試合後、「選手はよく戦った」と話した。",
    "新しい制度は4月1日から施行される。",
]


def prose(size: int, tag: str = "") -> str:
    """Articles of the kind seigo checks: a headline, headings, prose that repeats itself and
    names people with titles, numbers and negations (every consistency kind has work)."""
    out = ["日米首脳が電話会談、同盟強化で一致\n\n"]
    n = 0
    while sum(map(len, out)) * 3 < size:
        out.append(f"## {n % 9 + 1}. 第{n}節の{tag}内容\n\n")
        for j in range(6):
            s = PROSE[(n + j) % len(PROSE)]
            out.append(s.replace("1200", str(1200 + n)) + "\n")
        out.append("\n")
        n += 1
    return "".join(out)


def headings_distinct_numbers(size: int) -> str:
    # Half body prose without the headings' numbers, half headings each with its own number:
    # every heading's number is searched for in a body that does not have it.
    out = ["# 今週の話題\n\n"]
    while sum(map(len, out)) * 3 < size // 2:
        out.append("参加者は会場に集まり、熱心に議論を交わした。\n")
    out.append("\n")
    n = 0
    while sum(map(len, out)) * 3 < size:
        out.append(f"## 第{n}回 {n * 7 + 3}万{n}千人が参加\n\n")
        n += 1
    return "".join(out)


def headings_one_integer(size: int) -> str:
    # Headings sharing the integer 1 with different counters, and a body full of 1s.
    counters = ["人", "日", "年", "月", "位", "回", "枚", "件", "社", "点", "つ", "度", "校", "店"]
    out = ["# 今週の話題\n\n"]
    while sum(map(len, out)) * 3 < size // 2:
        out.append("本文には1が何度も出てくる。1、1、1、1。\n")
    out.append("\n")
    n = 0
    while sum(map(len, out)) * 3 < size:
        out.append(f"## 1{counters[n % len(counters)]}{'ア' * (n % 40)}の見出し\n\n")
        n += 1
    return "".join(out)


def suppress_next_line_pile(size: int) -> str:
    # N directives on one line, then M blank lines, N and M both growing with the size.
    directive = "<!-- seigo-disable-next-line -->"
    n = max(1, size // 2 // len(directive))
    return "題\n\n" + directive * n + "\n" * (size // 2) + "本文。\n"


def suppress_disable_enable(size: int) -> str:
    k = max(1, size // 90)
    return ("題\n\n" + "<!-- seigo-disable ja-news/kaerisaki -->\n" * k
            + "<!-- seigo-enable ja-news/kenen-ken-i -->\n" * k + "本文。\n")


def one_long_line(size: int) -> str:
    unit = "トランプ氏の帰り先に備え、日本政府は関係構築を急いでいる、"
    return "題\n\n" + unit * max(1, size // (len(unit) * 3)) + "\n"


def repeated_sentences(size: int) -> str:
    out = ["題\n\n"]
    n = 0
    while sum(map(len, out)) * 3 < size:
        out.append(f"日本政府は関係構築を急いでおり、{n % 50}日に会談する予定です。\n")
        n += 1
    return "".join(out)


def same_openings(size: int) -> str:
    """Paragraph sentences that all open alike (repetition's containment bucket) and names
    with a long clause before their predicate (conflict's look-ahead)."""
    out = ["題\n\n"]
    n = 0
    while sum(map(len, out)) * 3 < size:
        out.append(
            f"小鹿温泉は昔ながらの湯治場で、第{n}回の祭りに{n % 97}人が訪れ、"
            f"木村一郎氏は、{n % 31}票を集めて初当選を果たした。\n\n"
        )
        n += 1
    return "".join(out)


def many_findings(size: int) -> str:
    unit = "トランプ氏の帰り先に備える。支援兵士を主張した。\n"
    return "題\n\n" + unit * max(1, size // len(unit.encode()))


def numbers_one_sentence(size: int) -> str:
    """Numbers in one sentence without end (a fuzzer's 1a1a1a…): every figure's clause
    reads back toward the sentence's start."""
    return "題\n\n" + "1a" * max(1, size // 2) + "\n"


def decisions_and_open_dates(size: int) -> str:
    """Decisions with dates and open dates of one event in turn (polarity's undecided pass
    pairs each mention with the earlier ones)."""
    out = ["題\n\n"]
    n = 0
    while sum(map(len, out)) * 3 < size:
        out.append("工事は来年7月に再開することが決まった。\n" if n % 2 else "現時点で再開時期は未定だという。\n")
        n += 1
    return "".join(out)


def optional_steps_pattern(size: int) -> str:
    return prose(size, "会見")


CASES = [
    ("prose (all kinds)", prose, None),
    ("headings with distinct numbers", headings_distinct_numbers, None),
    ("headings sharing one integer", headings_one_integer, None),
    ("disable-next-line piles over blank lines", suppress_next_line_pile, None),
    ("disable X / enable Y", suppress_disable_enable, None),
    ("one long line", one_long_line, None),
    ("repeated sentences", repeated_sentences, None),
    ("sentences opening alike, long clauses", same_openings, None),
    ("many findings", many_findings, None),
    ("numbers in one endless sentence", numbers_one_sentence, None),
    ("decisions and open dates of one event", decisions_and_open_dates, None),
    # A user rule of 40 optional steps (2^N before issue 12).
    ("40 optional pattern steps", optional_steps_pattern,
     "kind: existence\nmessage: x\ntokens:\n  - \"" + "*? " * 40 + "re:^[0-9]{9}$\"\n"),
]


class TooSlow(Exception):
    """A run exceeded the time limit: a hang counts as super-linear."""


def cpu_seconds(argv: list[str], cwd: Path, timeout: float) -> float:
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # reaped here; keeps Popen from waiting again
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if code == -9:
        raise TooSlow
    if code not in (0, 1):
        raise SystemExit(f"seigo exited {code}: {' '.join(argv)}\n{err}")
    return usage.ru_utime + usage.ru_stime


def measure(seigo: str, texts: list[str], rule: str | None, runs: int,
            timeout: float) -> list[float]:
    """The fastest of `runs` CPU times for each text. The sizes are run in turn (small,
    medium, large, small, …), so that a busy moment of the machine slows one run of every
    size rather than every run of one size."""
    with tempfile.TemporaryDirectory(prefix="seigo-scaling-") as tmp:
        dirs = []
        for n, text in enumerate(texts):
            d = Path(tmp) / str(n)
            d.mkdir()
            (d / "a.md").write_text(text, encoding="utf-8")
            if rule:
                (d / "pk").mkdir()
                (d / "pk" / "rule.yaml").write_text(rule, encoding="utf-8")
                (d / "seigo.yaml").write_text("packs: [ja-news, pk]\n", encoding="utf-8")
            dirs.append(d)
        if rule:
            argv = [seigo, "check", "--quiet", "--format", "json", "a.md"]
        else:
            argv = [seigo, "check", "--no-config", "--quiet", "--format", "json", "a.md"]
        best = [float("inf")] * len(texts)
        for _ in range(runs):
            for n, d in enumerate(dirs):
                best[n] = min(best[n], cpu_seconds(argv, d, timeout))
        return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seigo", default=str(ROOT / "target" / "release" / "seigo"))
    ap.add_argument("--kb", type=int, default=256, help="smallest input size in KB (default 256)")
    ap.add_argument("--runs", type=int, default=3, help="runs per size (minimum taken)")
    ap.add_argument("--only", help="run only cases whose name contains this")
    ap.add_argument("--timeout", type=float, default=120,
                    help="seconds one run may take before it counts as super-linear (120)")
    args = ap.parse_args()
    seigo = str(Path(shutil.which(args.seigo) or args.seigo).resolve())
    if not Path(seigo).exists():
        print(f"no seigo binary at {seigo} (cargo build --release)", file=sys.stderr)
        return 2
    sizes = [args.kb * 1024 * 2**i for i in range(3)]
    print(f"{'case':44} " + " ".join(f"{s // 1024:>7} KB" for s in sizes) + "   ratio")
    failed = []
    for name, make, rule in CASES:
        if args.only and args.only not in name:
            continue
        try:
            texts = [make(size) for size in sizes]
            times = measure(seigo, texts, rule, args.runs, args.timeout)
            ratio = times[2] / max(times[1], 1e-6)
            # Up to two more, longer looks before calling it super-linear: the machine may be
            # busy. Each size keeps its fastest run over all looks (a busy moment only ever
            # adds time), so slow runs of one size cannot fail a linear case.
            for _ in range(2):
                if ratio < LIMIT:
                    break
                again = measure(seigo, texts, rule, args.runs + 2, args.timeout)
                times = [min(t, u) for t, u in zip(times, again)]
                ratio = times[2] / max(times[1], 1e-6)
            shown = " ".join(f"{t * 1000:>8.0f}ms" for t in times)
        except TooSlow:
            ratio, shown = float("inf"), f"a run took over {args.timeout:.0f} s".rjust(32)
        verdict = "ok" if ratio < LIMIT else "SUPER-LINEAR"
        print(f"{name:44} {shown}   {ratio:4.2f} {verdict}", flush=True)
        if ratio >= LIMIT:
            failed.append(name)
    if failed:
        print(f"super-linear (doubling the input cost >= {LIMIT}x): {', '.join(failed)}",
              file=sys.stderr)
        return 1
    print(f"all cases linear (doubling the input cost < {LIMIT}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

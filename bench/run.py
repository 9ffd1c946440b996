#!/usr/bin/env python3
"""Benchmark harness for seigo (standard library only, Python 3.11+).

    python3 bench/run.py                 # full benchmark: 1,000 articles, 5 runs each
    python3 bench/run.py --smoke         # tiny corpus, 1 run, prints the table, judges nothing
    python3 bench/run.py --articles 2000 --runs 7 --json bench.json

Builds target/release/seigo if it is missing, generates the corpus into
target/bench-corpus/ (cached, keyed on the generator's hash, seed and size), then measures
whole-process wall times (median of --runs) and peak RSS (os.wait4 rusage):

  (a) floor     seigo tokens --segmenter lindera --count FILES...   lindera segmentation only
  (b) check     seigo check --quiet --format json DIR   RAYON_NUM_THREADS=1 and =2
  (c) latency   seigo check --quiet fixtures/seed-article.txt
  (d) scaling   seigo check on one 1 MB and one 5 MB document, ratio 5MB/1MB
  (e) memory    peak RSS of the corpus checks and of the 5 MB check

and prints a Markdown table with the targets from the performance issue (PASS/MISS). Exit code
1 from `seigo check` means "findings" and is expected; 2 (or a signal) aborts the benchmark.
Times are never asserted; --strict makes a MISS exit 1 (not with --smoke).
MB means 10**6 bytes throughout.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
GEN = BENCH_DIR / "gen_corpus.py"
SEED_ARTICLE = ROOT / "fixtures" / "seed-article.txt"
MB = 1_000_000

# Targets from the issue.
T_FLOOR_RATIO = 1.5
T_SPEEDUP = 1.7
T_LATENCY_MS = 30.0
T_SCALING = 6.0
T_RSS_MB = 300.0

# Other processes (or the hypervisor) taking more than this share of one CPU while the
# harness measures make wall times unreliable.
BUSY_SHARE = 0.15


class BenchError(Exception):
    pass


# ---------------------------------------------------------------------------
# Running processes
# ---------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float      # seconds, spawn to reap
    cpu: float       # user + sys seconds of the child
    maxrss: int      # bytes
    rc: int


@dataclass
class Measurement:
    name: str
    commands: list[list[str]]
    env: dict[str, str]
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def maxrss(self) -> int:
        return max(s.maxrss for s in self.samples)


def spawn(argv: list[str], env: dict[str, str], stdout_path: str = os.devnull) -> tuple[Sample, str]:
    """Run argv; return its wall time, CPU time, peak RSS and exit code, and its stderr."""
    with tempfile.NamedTemporaryFile(prefix="seigo-bench-", suffix=".err", delete=False) as err:
        err_path = err.name
    try:
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
            (os.POSIX_SPAWN_OPEN, 2, err_path, os.O_WRONLY | os.O_TRUNC, 0o644),
        ]
        t0 = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        _, status, ru = os.wait4(pid, 0)
        wall = time.perf_counter() - t0
        with open(err_path, encoding="utf-8", errors="replace") as f:
            stderr = f.read()
    finally:
        os.unlink(err_path)
    rc = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux.
    return Sample(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss * 1024, rc), stderr


def run_checked(argv: list[str], env: dict[str, str], ok: set[int], stdout_path: str = os.devnull
                ) -> Sample:
    sample, stderr = spawn(argv, env, stdout_path)
    if sample.rc not in ok:
        what = f"signal {-sample.rc}" if sample.rc < 0 else f"exit code {sample.rc}"
        cmd = " ".join(argv[:6]) + (f" ... ({len(argv)} arguments)" if len(argv) > 6 else "")
        raise BenchError(f"`{cmd}` failed with {what}:\n{stderr.strip()[-4000:]}")
    return sample


def measure_group(specs: list[tuple[str, list[list[str]], dict[str, str], set[int]]], runs: int,
                  warmup: int) -> list[Measurement]:
    """Median-of-runs measurements, interleaved (A B C A B C ...) so that a change in the
    background load biases the figures of a group, and their ratios, as little as possible.
    A run of several commands (argument-list chunks) sums their times."""
    ms = [Measurement(name, commands, env) for name, commands, env, _ in specs]
    for i in range(warmup + runs):
        for m, (_, commands, env, ok) in zip(ms, specs):
            parts = [run_checked(c, env, ok) for c in commands]
            if i >= warmup:
                m.samples.append(Sample(sum(p.wall for p in parts), sum(p.cpu for p in parts),
                                        max(p.maxrss for p in parts), max(p.rc for p in parts)))
    for m in ms:
        print(f"  {m.name:<28} median {m.wall * 1000:9.1f} ms   cpu {m.cpu * 1000:9.1f} ms   "
              f"max RSS {m.maxrss / MB:7.1f} MB   ({runs} runs)", file=sys.stderr, flush=True)
    return ms


def capture(argv: list[str], env: dict[str, str], ok: set[int]) -> str:
    """Run once (untimed) and return stdout."""
    with tempfile.NamedTemporaryFile(prefix="seigo-bench-", suffix=".out", delete=False) as out:
        out_path = out.name
    try:
        run_checked(argv, env, ok, out_path)
        with open(out_path, encoding="utf-8", errors="replace") as f:
            return f.read()
    finally:
        os.unlink(out_path)


# ---------------------------------------------------------------------------
# Setup: binary, corpus, machine
# ---------------------------------------------------------------------------


def ensure_binary(path: Path, build: bool) -> str | None:
    """Build the binary if asked or missing; return a warning if it is older than the sources."""
    if build or not path.exists():
        print(f"building seigo: cargo build --release (in {ROOT})", file=sys.stderr, flush=True)
        r = subprocess.run(["cargo", "build", "--release"], cwd=ROOT)
        if r.returncode != 0:
            raise BenchError("cargo build --release failed")
    if not path.exists():
        raise BenchError(f"{path} does not exist")
    newest_src = max((p.stat().st_mtime for d in ("src", "rules") for p in (ROOT / d).rglob("*")
                      if p.is_file()), default=0.0)
    if newest_src > path.stat().st_mtime:
        msg = (f"{path.name} is older than src/ or rules/: the figures are for the binary as "
               "built (use --build to rebuild first)")
        print(f"warning: {msg}", file=sys.stderr)
        return msg
    return None


def generator_hash() -> str:
    return hashlib.sha256(GEN.read_bytes()).hexdigest()[:16]


def cached(target: Path, key: dict, make) -> None:
    """(Re)create target (a file or directory) unless its stamp matches key."""
    stamp = target.with_name(target.name + ".stamp")
    if target.exists() and stamp.exists():
        try:
            if json.loads(stamp.read_text()) == key:
                return
        except ValueError:
            pass
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
    stamp.unlink(missing_ok=True)
    make()
    stamp.write_text(json.dumps(key))


def gen(args: list[str]) -> None:
    r = subprocess.run([sys.executable, str(GEN), *args], stdout=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise BenchError(f"gen_corpus.py {' '.join(args)} failed")
    print(f"  generated {r.stdout.strip()}", file=sys.stderr)


def prepare_corpus(cache: Path, articles: int, seed: int, small_mb: float, large_mb: float
                   ) -> tuple[Path, Path, Path]:
    cache.mkdir(parents=True, exist_ok=True)
    h = generator_hash()
    corpus = cache / f"articles-{articles}-seed{seed}"
    cached(corpus, {"gen": h, "articles": articles, "seed": seed},
           lambda: gen(["--out", str(corpus), "--articles", str(articles), "--seed", str(seed)]))
    docs = []
    for mb in (small_mb, large_mb):
        doc = cache / f"single-{mb:g}mb-seed{seed}.txt"
        cached(doc, {"gen": h, "mb": mb, "seed": seed},
               lambda doc=doc, mb=mb: gen(["--out", str(doc), "--single-mb", f"{mb:g}",
                                           "--seed", str(seed)]))
        docs.append(doc)
    return corpus, docs[0], docs[1]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_commit() -> str:
    try:
        r = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                           capture_output=True, text=True, timeout=10)
        return r.stdout.strip() if r.returncode == 0 else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def cpu_snapshot() -> tuple[float, float, float, float] | None:
    """(machine busy CPU seconds, stolen seconds, this process's and its children's CPU
    seconds, wall time): the difference of two tells how much CPU *other* processes used."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()
        ticks = [int(x) for x in fields[1:]]
        hz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    # user nice system idle iowait irq softirq steal ...
    busy = sum(ticks[i] for i in (0, 1, 2, 5, 6) if i < len(ticks)) / hz
    steal = (ticks[7] if len(ticks) > 7 else 0) / hz
    own = sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                               resource.getrusage(resource.RUSAGE_CHILDREN)))
    return busy, steal, own, time.monotonic()


def background_cpu(start, end) -> tuple[float, float, float] | None:
    """Other processes' CPU seconds, stolen seconds and wall seconds between two snapshots."""
    if start is None or end is None:
        return None
    busy, steal, own, wall = (b - a for a, b in zip(start, end))
    return max(0.0, busy - own), steal, wall


def loadavg() -> float | None:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def chunk_args(prefix: list[str], files: list[str], env: dict[str, str]) -> list[list[str]]:
    """Split `prefix + files` into commands that fit the kernel's argument-size limit."""
    try:
        arg_max = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        arg_max = 131072
    env_size = sum(len(k) + len(v) + 2 for k, v in env.items())
    budget = max(16384, min(arg_max, 2 * 1024 * 1024) // 2 - env_size)
    commands, current, size = [], [], 0
    base = sum(len(a) + 1 + 8 for a in prefix)
    for f in files:
        cost = len(f.encode()) + 1 + 8  # bytes + NUL + argv pointer
        if current and base + size + cost > budget:
            commands.append(prefix + current)
            current, size = [], 0
        current.append(f)
        size += cost
    if current:
        commands.append(prefix + current)
    return commands


def summarize_json(text: str) -> dict:
    try:
        data = json.loads(text)
        s = data["summary"]
        return {"files": s.get("files"), "errors": s.get("errors"), "warnings": s.get("warnings"),
                "infos": s.get("infos")}
    except (ValueError, KeyError, TypeError):
        return {}


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def fmt_ms(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 10 else f"{s:.2f} s"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="seigo benchmark harness (see bench/README.md)")
    ap.add_argument("--articles", type=int, default=None, help="corpus size (default 1000)")
    ap.add_argument("--runs", type=int, default=None, help="timed runs per figure (default 5)")
    ap.add_argument("--latency-runs", type=int, default=None,
                    help="timed runs for the one-file latency (default max(runs, 20))")
    ap.add_argument("--warmup", type=int, default=None,
                    help="untimed runs before each figure (default 1; 0 with --smoke)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--small-mb", type=float, default=None, help="small single document (default 1)")
    ap.add_argument("--large-mb", type=float, default=None, help="large single document (default 5)")
    ap.add_argument("--smoke", action="store_true",
                    help="10 articles, 0.01/0.05 MB documents, 1 run; print the table, judge nothing")
    ap.add_argument("--seigo", type=Path, default=ROOT / "target" / "release" / "seigo",
                    help="binary to measure (default target/release/seigo)")
    ap.add_argument("--build", action="store_true", help="run cargo build --release first")
    ap.add_argument("--cache-dir", type=Path, default=ROOT / "target" / "bench-corpus",
                    help="where the corpus is generated (default target/bench-corpus)")
    ap.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    ap.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = ap.parse_args(argv)

    smoke = args.smoke
    articles = args.articles or (10 if smoke else 1000)
    runs = args.runs or (1 if smoke else 5)
    latency_runs = args.latency_runs or (1 if smoke else max(runs, 20))
    warmup = args.warmup if args.warmup is not None else (0 if smoke else 1)
    small_mb = args.small_mb or (0.01 if smoke else 1.0)
    large_mb = args.large_mb or (0.05 if smoke else 5.0)
    if min(articles, runs, latency_runs) < 1 or warmup < 0:
        ap.error("--articles, --runs and --latency-runs must be at least 1, --warmup at least 0")

    try:
        return bench(args, smoke, articles, runs, latency_runs, warmup, small_mb, large_mb)
    except BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def bench(args, smoke: bool, articles: int, runs: int, latency_runs: int, warmup: int,
          small_mb: float, large_mb: float) -> int:
    seigo = args.seigo.resolve()
    stale = ensure_binary(seigo, args.build)
    print("preparing corpus ...", file=sys.stderr, flush=True)
    corpus, small_doc, large_doc = prepare_corpus(args.cache_dir.resolve(), articles, args.seed,
                                                  small_mb, large_mb)
    files = sorted(str(p) for p in corpus.iterdir() if p.suffix in (".txt", ".md"))
    corpus_bytes = sum(os.path.getsize(f) for f in files)
    if len(files) != articles:
        raise BenchError(f"{corpus} holds {len(files)} articles, expected {articles}")

    base_env = {k: v for k, v in os.environ.items() if k not in ("RAYON_NUM_THREADS", "NO_COLOR")}
    env1 = dict(base_env, RAYON_NUM_THREADS="1")
    env2 = dict(base_env, RAYON_NUM_THREADS="2")
    s = str(seigo)
    load_start = loadavg()
    cpu_start = cpu_snapshot()
    version = capture([s, "--version"], base_env, {0}).strip()
    print("measuring ...", file=sys.stderr, flush=True)

    # (a) segmentation floor
    floor_cmds = chunk_args([s, "tokens", "--segmenter", "lindera", "--count"], files, env1)
    seg_cmds = chunk_args([s, "tokens", "--segmenter", "seigo", "--count"], files, env1)
    floor_out = "".join(capture(c, env1, {0}) for c in floor_cmds)
    seg_out = "".join(capture(c, env1, {0}) for c in seg_cmds)
    if seg_out != floor_out:
        raise BenchError(f"the segmenters disagree: lindera {floor_out!r}, seigo {seg_out!r}")
    tokens = sum(int(line.split()[5]) for line in floor_out.splitlines() if line.startswith("files "))

    # (b) corpus check, 1 and 2 threads; one untimed run keeps the JSON for a sanity check
    check_cmd = [s, "check", "--quiet", "--format", "json", "--no-config", "--color", "never",
                 str(corpus)]
    corpus_summary = summarize_json(capture(check_cmd, env1, {0, 1}))
    if corpus_summary.get("files") not in (None, articles):
        raise BenchError(f"seigo check saw {corpus_summary['files']} files, expected {articles}")
    floor, segmenter, check1, check2 = measure_group([
        ("floor (tokens --count)", floor_cmds, env1, {0}),
        ("seigo segmenter (tokens --count)", seg_cmds, env1, {0}),
        ("check, 1 thread", [check_cmd], env1, {0, 1}),
        ("check, 2 threads", [check_cmd], env2, {0, 1}),
    ], runs, warmup)

    # (c) one-file latency
    lat_cmd = [s, "check", "--quiet", "--no-config", "--color", "never", str(SEED_ARTICLE)]
    (latency,) = measure_group([("latency (seed article)", [lat_cmd], base_env, {0, 1})],
                               latency_runs, warmup)

    # (d) single documents
    doc_summaries, specs = {}, []
    for label, doc in (("small", small_doc), ("large", large_doc)):
        cmd = [s, "check", "--quiet", "--format", "json", "--no-config", "--color", "never",
               str(doc)]
        doc_summaries[label] = summarize_json(capture(cmd, base_env, {0, 1}))
        specs.append((f"check {os.path.getsize(doc) / MB:.2f} MB document", [cmd], base_env, {0, 1}))
    docs = dict(zip(("small", "large"), measure_group(specs, runs, warmup)))
    load_end = loadavg()
    background = background_cpu(cpu_start, cpu_snapshot())

    # ---- figures
    mb = corpus_bytes / MB
    ratio = check1.wall / floor.wall
    speedup = check1.wall / check2.wall
    lat_ms = latency.wall * 1000
    scaling = docs["large"].wall / docs["small"].wall
    size_ratio = os.path.getsize(large_doc) / os.path.getsize(small_doc)
    nproc = os.cpu_count() or 1

    def judge(ok: bool | None) -> str:
        if smoke:
            return "not judged (smoke)"
        if ok is None:
            return "n/a"
        return "PASS" if ok else "MISS"

    small_lbl, large_lbl = f"{small_mb:g}MB", f"{large_mb:g}MB"
    rows = [
        ("(b) check 1 thread / (a) floor", f"{ratio:.2f}×", f"≤ {T_FLOOR_RATIO}×",
         judge(ratio <= T_FLOOR_RATIO)),
        ("(a) floor throughput", f"{mb / floor.wall:.2f} MB/s", "", ""),
        ("(a') seigo's segmenter: throughput, time / floor",
         f"{mb / segmenter.wall:.2f} MB/s, {segmenter.wall / floor.wall:.2f}×", "", ""),
        ("(b) check throughput, 1 thread", f"{mb / check1.wall:.2f} MB/s", "", ""),
        ("(b) check throughput, 2 threads", f"{mb / check2.wall:.2f} MB/s", "", ""),
        (f"2-thread speedup ({articles} files)", f"{speedup:.2f}×", f"≥ {T_SPEEDUP}×",
         judge(None if nproc < 2 else speedup >= T_SPEEDUP)),
        ("(c) latency, seed article", f"{lat_ms:.1f} ms", f"< {T_LATENCY_MS:g} ms",
         judge(lat_ms < T_LATENCY_MS)),
        (f"(d) {large_lbl}/{small_lbl} time ratio", f"{scaling:.2f}× (size ×{size_ratio:.2f})",
         f"< {T_SCALING:g}", judge(scaling < T_SCALING)),
        ("(e) peak RSS, corpus check 1 thread", f"{check1.maxrss / MB:.1f} MB", f"< {T_RSS_MB:g} MB",
         judge(check1.maxrss / MB < T_RSS_MB)),
        ("(e) peak RSS, corpus check 2 threads", f"{check2.maxrss / MB:.1f} MB",
         f"< {T_RSS_MB:g} MB", judge(check2.maxrss / MB < T_RSS_MB)),
        (f"(e) peak RSS, {large_lbl} document", f"{docs['large'].maxrss / MB:.1f} MB",
         f"< {T_RSS_MB:g} MB", judge(docs["large"].maxrss / MB < T_RSS_MB)),
    ]
    details = [
        ("(a) floor: tokens --segmenter lindera --count", floor, mb),
        ("(a') tokens --segmenter seigo --count", segmenter, mb),
        ("(b) check, RAYON_NUM_THREADS=1", check1, mb),
        ("(b) check, RAYON_NUM_THREADS=2", check2, mb),
        ("(c) check seed-article.txt", latency, os.path.getsize(SEED_ARTICLE) / MB),
        (f"(d) check {small_lbl} document", docs["small"], os.path.getsize(small_doc) / MB),
        (f"(d) check {large_lbl} document", docs["large"], os.path.getsize(large_doc) / MB),
    ]

    # ---- report
    out = []
    title = "seigo benchmark" + (" (smoke: tiny inputs, 1 run, nothing judged)" if smoke else "")
    out.append(f"## {title}\n")
    out.append(f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}")
    out.append(f"- machine: {nproc} CPUs (nproc), {cpu_model()}, {platform.system()} "
               f"{platform.release()}, Python {platform.python_version()}")
    load_txt = " → ".join(f"{x:.2f}" for x in (load_start, load_end) if x is not None)
    out.append(f"- load average (1 min) before → after: {load_txt or 'unknown'}")
    out.append(f"- seigo: {version}, commit {git_commit()} ({seigo})")
    out.append(f"- corpus: {articles} articles (seed {args.seed}), {mb:.2f} MB, "
               f"{corpus_bytes / articles / 1000:.1f} kB/article, {tokens} tokens; "
               f"single documents {os.path.getsize(small_doc) / MB:.2f} MB and "
               f"{os.path.getsize(large_doc) / MB:.2f} MB")
    out.append(f"- runs: median of {runs} (latency: {latency_runs}), {warmup} warm-up run(s) each; "
               f"floor in {len(floor_cmds)} process(es)")
    busy = False
    if background is not None:
        other, steal, wall = background
        share = (other + steal) / wall if wall > 0 else 0.0
        out.append(f"- other processes during the measurements: {other:.1f} CPU-s, "
                   f"hypervisor steal {steal:.1f} s, over {wall:.0f} s of wall time "
                   f"({share:.0%} of one CPU)")
        busy = share > BUSY_SHARE
    else:
        # No /proc/stat: fall back to the load average, which counts this harness's own
        # 2-thread runs too.
        busy = (load_start or 0) > nproc * 0.5 or (load_end or 0) > nproc * 0.5
    if busy:
        out.append("- **warning: the machine was busy (other processes or the hypervisor took "
                   f"more than {BUSY_SHARE:.0%} of a CPU); wall times and the 2-thread speedup "
                   "are unreliable — compare the CPU times below**")
    if stale:
        out.append(f"- warning: {stale}")
    if not smoke and articles != 1000:
        out.append("- note: the speedup target is defined on 1,000 files")
    out.append("")
    out.append("| measure | value | target | result |")
    out.append("| --- | ---: | --- | --- |")
    for r in rows:
        out.append("| " + " | ".join(r) + " |")
    out.append("")
    out.append("| run | median wall | min–max wall | median CPU (user+sys) | CPU/wall | MB/s (wall) "
               "| peak RSS |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, m, size in details:
        walls = [x.wall for x in m.samples]
        out.append(f"| {name} | {fmt_ms(m.wall)} | {fmt_ms(min(walls))}–{fmt_ms(max(walls))} | "
                   f"{fmt_ms(m.cpu)} | {m.cpu / m.wall:.2f} | {size / m.wall:.2f} | "
                   f"{m.maxrss / MB:.1f} MB |")
    out.append("")
    out.append(f"CPU-time ratio check(1 thread)/floor: {check1.cpu / floor.cpu:.2f}×; "
               f"CPU-time {large_lbl}/{small_lbl}: {docs['large'].cpu / docs['small'].cpu:.2f}×")

    def findings(sm: dict) -> str:
        if not sm:
            return "?"
        return f"{sm['errors']} errors, {sm['warnings']} warnings, {sm['infos']} infos"

    out.append(f"Findings: corpus {findings(corpus_summary)}; {small_lbl} document "
               f"{findings(doc_summaries['small'])}; {large_lbl} document "
               f"{findings(doc_summaries['large'])}.")
    out.append("")
    out.append("Commands (RAYON_NUM_THREADS as noted; stdout to /dev/null):")
    out.append("```")
    rel = lambda c: " ".join(os.path.relpath(a, ROOT) if a.startswith("/") else a for a in c)
    out.append(f"{rel(floor_cmds[0][:5])} FILES...   # {len(files)} files (floor)")
    out.append(f"{rel(seg_cmds[0][:5])} FILES...   # seigo's segmenter")
    out.append(f"RAYON_NUM_THREADS=1|2 {rel(check_cmd)}")
    out.append(rel(lat_cmd))
    out.append(f"{rel(check_cmd[:-1])} {os.path.relpath(small_doc, ROOT)}|{os.path.relpath(large_doc, ROOT)}")
    out.append("```")
    print("\n".join(out))

    misses = [r[0] for r in rows if r[3] == "MISS"]
    if args.json:
        result = {
            "smoke": smoke, "seigo": version, "commit": git_commit(), "nproc": nproc,
            "cpu": cpu_model(), "articles": articles, "corpus_bytes": corpus_bytes,
            "tokens": tokens, "runs": runs, "load": [load_start, load_end],
            "background_cpu_s": background and background[0],
            "steal_s": background and background[1],
            "figures": {"floor_ratio": ratio, "floor_mb_s": mb / floor.wall,
                        "check1_mb_s": mb / check1.wall, "check2_mb_s": mb / check2.wall,
                        "speedup": speedup, "latency_ms": lat_ms, "scaling": scaling,
                        "rss_check1_mb": check1.maxrss / MB, "rss_check2_mb": check2.maxrss / MB,
                        "rss_large_doc_mb": docs["large"].maxrss / MB},
            "samples": {name: [vars(x) for x in m.samples] for name, m, _ in details},
            "misses": misses,
        }
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 1 if (args.strict and not smoke and misses) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Speed benchmark: `timeline export --json` against dateparser's search_dates, same run, same files.

    python bench/speed.py [--sizes 1000,10000] [--runs 3] [--sample 100] [--large 100000]

For each size it writes a synthetic corpus (bench/corpus.py) and times, as cold processes, the
timeline export with --jobs 1 and --jobs 2, and the dateparser baseline on a fixed random sample
of the same files; with both --jobs, also two --jobs 1 exports side by side, one on each half of
the files: what two independent processes get on this machine, for --jobs 2 to be judged by.
Figures are medians over --runs, the timeline runs and the baseline taking turns; the ratios are
what to compare. --large N adds one run of the export on an N-article corpus (minutes at
100,000): its time and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from corpus import OUT, ROOT, build_corpus, corpus_files, corpus_halves
from installed import write_bytecode

BIN = Path(sys.executable).parent
TIMELINE = str(BIN / "timeline")
T = TypeVar("T")


@dataclass(frozen=True)
class Run:
    """One timed child process: wall seconds and its peak resident set size."""

    seconds: float
    peak_rss_mb: float


def timed(command: list[str]) -> Run:
    """Run `command` with no output and measure it (rusage of the child and what it waited for)."""
    return side_by_side([command])


def side_by_side(commands: list[list[str]]) -> Run:
    """Start every command at once, each with no output: seconds until the last ends, and the highest peak RSS."""
    started = time.perf_counter()
    children = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        for command in commands
    ]
    peak_rss_mb = 0.0
    for command, child in zip(commands, children, strict=True):
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):
            raise SystemExit(f"bench: {' '.join(command)} failed with status {child.returncode}")
        peak_rss_mb = max(peak_rss_mb, usage.ru_maxrss / 1024)
    return Run(time.perf_counter() - started, peak_rss_mb)


def taking_turns(measures: dict[str, Callable[[], T]], runs: int) -> dict[str, list[T]]:
    """What each measure gives, `runs` times, the measures taking turns (a, b, c, a, b, c...).

    A spell of load from elsewhere on the shared machine then slows each of them alike instead of
    one more than the others, so the ratios between them, which the targets are about, hold better.
    """
    results: dict[str, list[T]] = {key: [] for key in measures}
    for _ in range(runs):
        for key, measure in measures.items():
            results[key].append(measure())
    return results


def median_run(results: list[Run]) -> Run:
    """The median time and the highest peak RSS of several runs of one command."""
    return Run(statistics.median(r.seconds for r in results), max(r.peak_rss_mb for r in results))


def baseline_run(files: list[Path]) -> dict[str, float]:
    """One run of dateparser's search_dates on `files`: articles, bytes, seconds (see bench/baseline.py)."""
    command = [sys.executable, str(ROOT / "bench" / "baseline.py"), *map(str, files)]
    figures: dict[str, float] = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return figures


def latency(command: list[str], runs: int) -> float:
    """Median wall time of a short command."""
    return statistics.median(timed(command).seconds for _ in range(runs))


def bench_size(size: int, runs: int, sample: int, jobs: list[int]) -> dict[str, float]:
    """Time timeline (each --jobs) and the baseline on one corpus size; print and return the figures."""
    folder = build_corpus(size)
    files = corpus_files(folder)
    megabytes = sum(path.stat().st_size for path in files) / 1e6
    print(f"\n== {size:,} articles, {megabytes:.1f} MB of article files ==")
    figures: dict[str, float] = {"mb": megabytes}
    export = export_command(folder, f"export-{size}")
    chosen = sorted(random.Random(size).sample(files, min(sample, len(files))))
    measures: dict[str, Callable[[], Any]] = {
        f"jobs{count}": partial(timed, [*export, "--jobs", str(count)]) for count in jobs
    }
    if {1, 2} <= set(jobs):
        measures["halves"] = partial(side_by_side, [_export_half(half, size) for half in corpus_halves(folder)])
    measures["baseline"] = partial(baseline_run, chosen)
    results = taking_turns(measures, runs)
    for count in jobs:
        run = median_run(results[f"jobs{count}"])
        figures[f"seconds_jobs{count}"] = run.seconds
        figures[f"rss_jobs{count}"] = run.peak_rss_mb
        print(
            f"timeline --jobs {count}: {run.seconds:7.2f} s  {size / run.seconds:8.0f} articles/s  "
            f"{megabytes / run.seconds:6.2f} MB/s  {1000 * run.seconds / size:6.3f} ms/article  "
            f"peak RSS {run.peak_rss_mb:.0f} MB (largest process)"
        )
    events, sentences, extra = sentence_repetition(OUT / f"export-{size}.json")
    print(
        f"the chronology's {events:,} events stand in {sentences:,} distinct sentences (the corpus repeats its "
        f"sources): were each new, finding their stems, which the merge keeps per sentence, would add about "
        f"{extra:.2f} s to --jobs 1"
    )
    base = results["baseline"]
    seconds = statistics.median(each["seconds"] for each in base)
    per_article, per_mb = seconds / base[0]["articles"], seconds / (base[0]["bytes"] / 1e6)
    figures["baseline_per_mb"] = per_mb
    figures["baseline_per_article"] = per_article
    print(
        f"dateparser search_dates (sample of {len(chosen)} of these files, in-process, after import): "
        f"{1 / per_article:8.0f} articles/s  {1 / per_mb:6.3f} MB/s"
    )
    for count in jobs:
        seconds = figures[f"seconds_jobs{count}"]
        print(
            f"ratio timeline --jobs {count} / dateparser: {per_mb * megabytes / seconds:6.1f}x per MB, "
            f"{per_article * size / seconds:6.1f}x per article"
        )
    if "halves" in results:
        figures["seconds_halves"] = halves = median_run(results["halves"]).seconds
        print(f"--jobs 2 speed-up over --jobs 1: {figures['seconds_jobs1'] / figures['seconds_jobs2']:.2f}x")
        print(
            f"two timeline --jobs 1 runs side by side, one on each half of the files: {halves:.2f} s, "
            f"{figures['seconds_jobs1'] / halves:.2f}x --jobs 1 on them all (what two independent processes get here)"
        )
    return figures


def sentence_repetition(export: Path) -> tuple[int, int, float]:
    """The events of the chronology exported to `export` (JSON), their distinct sentences, and the seconds
    finding the stems of a sentence not seen before would add were every event's sentence new.
    """
    from csto_timeline.merge import content_stems

    entries = json.loads(export.read_text(encoding="utf-8"))
    # An event with several date expressions is one mention per expression, all in one article and sentence.
    events = [{(each["article"], each["sentence"]) for each in entry["mentions"]} for entry in entries]
    sentences = {sentence for entry in events for _, sentence in entry}
    uncached = content_stems.__wrapped__  # type: ignore[attr-defined]
    per_sentence = min(_seconds_each(uncached, sentences) for _ in range(5))  # the first pass loads the lexicon
    count = sum(map(len, events))
    return count, len(sentences), per_sentence * (count - len(sentences))


def _seconds_each(function: Callable[[str], object], texts: set[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        function(text)
    return (time.perf_counter() - start) / max(1, len(texts))


def export_command(folder: Path, name: str) -> list[str]:
    """`timeline export --json` of the articles in `folder`, to bench/out/<name>.json."""
    return [TIMELINE, "export", "--json", str(folder), "-o", str(OUT / f"{name}.json")]


def _export_half(half: Path, size: int) -> list[str]:
    """The export with --jobs 1 of one half of a corpus, to its own file."""
    return [*export_command(half, f"export-{size}-{half.name}"), "--jobs", "1"]


def bench_large(size: int) -> None:
    """One export of a large corpus with the default --jobs: the memory it peaks at, and its time."""
    folder = build_corpus(size)
    run = timed(export_command(folder, f"export-{size}"))
    print(
        f"\n== {size:,} articles, one run, default --jobs ==\ntimeline: {run.seconds:7.1f} s  "
        f"{1000 * run.seconds / size:6.3f} ms/article  peak RSS {run.peak_rss_mb:.0f} MB (largest process)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is shown)")
    parser.add_argument("--sample", type=int, default=100, help="articles the dateparser baseline reads")
    parser.add_argument("--jobs", default="1,2", help="--jobs values to time timeline with, comma-separated")
    parser.add_argument("--large", type=int, help="also export a corpus this large once: time and peak RSS")
    args = parser.parse_args()
    write_bytecode()
    jobs = [int(count) for count in args.jobs.split(",")]
    sizes = [int(size) for size in args.sizes.split(",")]
    print("Start-up (median of 5): ", end="")
    help_seconds = latency([TIMELINE, "--help"], 5)
    show_seconds = latency([TIMELINE, "show", "articles"], 5)
    print(f"timeline --help {help_seconds:.3f} s, timeline show articles/ {show_seconds:.3f} s")
    results = {size: bench_size(size, args.runs, args.sample, jobs) for size in sizes}
    growth = {}
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        for count in jobs:
            per_small = results[small][f"seconds_jobs{count}"] / small
            per_large = results[large][f"seconds_jobs{count}"] / large
            growth[count] = per_large / per_small
            print(f"time per article at {large:,} / at {small:,} (--jobs {count}): {growth[count]:.2f}x")
    if args.large:
        bench_large(args.large)
    cores = len(os.sched_getaffinity(0))
    print(f"(machine: {cores} cores; MB/s per core is the --jobs 1 figure)")
    if 1 in jobs:
        print_targets(results[max(sizes)], max(sizes), growth.get(1), help_seconds, show_seconds)


def print_targets(
    figures: dict[str, float], size: int, growth: float | None, help_seconds: float, show_seconds: float
) -> None:
    """Each target of the speed issue with today's figure: met or not, nothing rounded in our favour."""
    one_process = figures["seconds_jobs1"]
    checks = [
        (
            f"throughput >= 30x dateparser per MB, one process ({size:,})",
            figures["baseline_per_mb"] * figures["mb"] / one_process,
            30,
            "x",
        ),
        (f"MB/s of article text per core ({size:,})", figures["mb"] / one_process, 5, " MB/s"),
    ]
    if "seconds_jobs2" in figures:
        checks.append((f"--jobs 2 speed-up over --jobs 1 ({size:,})", one_process / figures["seconds_jobs2"], 1.7, "x"))
    print("\nTargets:")
    for name, value, least, unit in checks:
        print(f"  {'met    ' if value >= least else 'NOT met'}  {name}: {value:.2f}{unit} (at least {least}{unit})")
    if "seconds_halves" in figures and "seconds_jobs2" in figures:
        independent = one_process / figures["seconds_halves"]
        share = figures["seconds_halves"] / figures["seconds_jobs2"]
        print(f"{'':11}(two independent processes on the halves: {independent:.2f}x; --jobs 2 gets {share:.0%} of it)")
    ceilings = [
        ("timeline --help, median", help_seconds, 0.3, " s"),
        ("timeline show articles/, median", show_seconds, 1.0, " s"),
        (f"peak RSS, --jobs 1 ({size:,})", figures["rss_jobs1"], 300, " MB"),
    ]
    if growth is not None:
        ceilings.append(("time per article, largest / smallest corpus", growth, 1.3, "x"))
    for name, value, most, unit in ceilings:
        print(f"  {'met    ' if value <= most else 'NOT met'}  {name}: {value:.2f}{unit} (at most {most}{unit})")


if __name__ == "__main__":
    main()

"""Instructions per article, counted by callgrind: a speed figure the machine's noise does not move.

    python bench/instructions.py [--articles 100]

Runs the analysis of the first N articles of the 1,000-article corpus under `valgrind
--tool=callgrind` twice, once reading them only and once analysing them twice more, and prints
the difference per article for `find_mentions` alone and for the whole analysis (recognition,
resolution, events, packing). Caches are warm: it compares code, not first runs.

Then it exports the whole corpus with `--jobs 1` and with `--jobs 2`, counting every process
(each worker from the moment it forks, not with what it inherits), and prints how much more work
`--jobs 2` does in all: what passing the events between processes costs, which is what holds its
speed-up below 2x, measured without the noise of a shared machine. Needs valgrind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from corpus import build_corpus
from installed import write_bytecode

# The work measured, run in a child process: analyse each article `repeats` times after one warm-up pass.
_CHILD = """
import sys
from csto_timeline.articles import find_files, load_article
from csto_timeline.pipeline import held_each
from csto_timeline.recognize import find_mentions

folder, count, stage, repeats = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
articles = [load_article(path, None) for path in sorted(find_files([folder]))[:count]]
for _ in range(repeats):
    if stage == "find_mentions":
        for article in articles:
            find_mentions(article.body)
    else:
        held_each(articles)
"""
_REPEATS = 2
# A forked process's count starts at zero, not at its parent's count when it forked.
_CALLGRIND = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "--zero-before=PyOS_AfterFork_Child"]
_COLLECTED = re.compile(r"==(\d+)== Collected : (\d+)")


def counted(command: list[str]) -> tuple[int, int]:
    """Run `command` under callgrind: (instructions of its process, of the processes it forked).

    String hashing is seeded, so that a run counts the same whatever the seed would have been.
    """
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    run = subprocess.Popen([*_CALLGRIND, *command], stderr=subprocess.PIPE, text=True, env=environment)
    _, errors = run.communicate()
    found = {int(pid): int(count) for pid, count in _COLLECTED.findall(errors)}
    if run.returncode or run.pid not in found:  # valgrind runs the command in its own process
        raise SystemExit(f"instructions: callgrind failed:\n{errors[-2000:]}")
    return found[run.pid], sum(found.values()) - found[run.pid]


def instructions(folder: str, count: int, stage: str, repeats: int) -> int:
    """The instructions callgrind counts for the child process doing `repeats` passes."""
    total, _ = counted([sys.executable, "-c", _CHILD, folder, str(count), stage, str(repeats)])
    return total


def export_instructions(folder: str, jobs: int) -> tuple[int, int]:
    """Instructions of one `timeline export --json` of `folder`: (the first process, the processes it forked)."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "csto_timeline", "export", "--json", "--jobs", str(jobs), folder]
        return counted([*command, "-o", os.path.join(out, "export.json")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="articles analysed (of the 1,000-article corpus)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind is not installed (Debian package: valgrind)")
    write_bytecode()
    folder = str(build_corpus(1000))
    for stage in ("find_mentions", "held_each"):
        base = instructions(folder, args.articles, stage, 1)
        more = instructions(folder, args.articles, stage, 1 + _REPEATS)
        per_article = (more - base) / (_REPEATS * args.articles)
        label = "find_mentions" if stage == "find_mentions" else "whole analysis (pipeline.held_each)"
        print(f"{label}: {per_article / 1e6:.2f} million instructions per article")
    one, _ = export_instructions(folder, 1)
    parent, workers = export_instructions(folder, 2)
    print(
        f"export --json of the 1,000 articles: --jobs 1 {one / 1e6:,.0f} million instructions; --jobs 2 "
        f"{(parent + workers) / 1e6:,.0f} million ({parent / 1e6:,.0f} in the first process, {workers / 1e6:,.0f} "
        f"in its forks), {(parent + workers) / one - 1:+.0%}: the cost of passing events and results between the "
        "processes, and of the fork's own first articles (rule plans, caches)"
    )


if __name__ == "__main__":
    main()

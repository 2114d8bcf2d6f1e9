"""Instructions per article, counted by callgrind: a speed figure the machine's noise does not move.

    python bench/instructions.py [--articles 100]

Runs the analysis of the first N articles of the 1,000-article corpus under `valgrind
--tool=callgrind` twice, once reading them only and once analysing them twice more, and prints
the difference per article for `find_mentions` alone and for the whole analysis (recognition,
resolution, events, packing). Caches are warm: it compares code, not first runs. Needs valgrind.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys

from corpus import build_corpus

# The work measured, run in a child process: analyse each article `repeats` times after one warm-up pass.
_CHILD = """
import sys
from csto_timeline.articles import find_files, load_article
from csto_timeline.pipeline import pack
from csto_timeline.recognize import find_mentions

folder, count, stage, repeats = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
articles = [load_article(path, None) for path in sorted(find_files([folder]))[:count]]
work = (lambda article: find_mentions(article.body)) if stage == "find_mentions" else pack
for _ in range(repeats):
    for article in articles:
        work(article)
"""
_REPEATS = 2


def instructions(folder: str, count: int, stage: str, repeats: int) -> int:
    """The instructions callgrind counts for the child process doing `repeats` passes."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", _CHILD]
    result = subprocess.run([*command, folder, str(count), stage, str(repeats)], capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode or not found:
        raise SystemExit(f"instructions: callgrind failed:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="articles analysed (of the 1,000-article corpus)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind is not installed (Debian package: valgrind)")
    folder = str(build_corpus(1000))
    for stage in ("find_mentions", "pack"):
        base = instructions(folder, args.articles, stage, 1)
        more = instructions(folder, args.articles, stage, 1 + _REPEATS)
        per_article = (more - base) / (_REPEATS * args.articles)
        label = "find_mentions" if stage == "find_mentions" else "whole analysis (pipeline.pack)"
        print(f"{label}: {per_article / 1e6:.2f} million instructions per article")


if __name__ == "__main__":
    main()

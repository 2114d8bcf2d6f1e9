"""Where the time goes: `timeline export --json --jobs 1` on the 1,000-article corpus under cProfile.

    python bench/hotspots.py [--size 1000] [--top 20]

Prints the functions that cost most time of their own, then the pipeline's functions by cumulative
time: the profile the speed work starts from. One process (--jobs 1), so the analysis and the merge both show.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys

from corpus import OUT, build_corpus
from installed import write_bytecode

from csto_timeline.cli import run

# The cumulative listing shows the layers of the pipeline, not the command-line plumbing above them.
_LAYERS = r"^(articles|recognize|windowed|resolve|sentences|events|merge|spill|pipeline|\w+_format)\.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="articles in the synthetic corpus")
    parser.add_argument("--top", type=int, default=20, help="lines of each listing")
    args = parser.parse_args()
    write_bytecode()
    folder = build_corpus(args.size)
    out = OUT / f"profile-{args.size}.json"
    profile = cProfile.Profile()
    try:
        profile.runcall(run, ["export", "--json", "--jobs", "1", str(folder), "-o", str(out)])
    except SystemExit as ended:  # run() raises it where the console script ends its process
        if ended.code:
            raise SystemExit(f"profile: the export ended with status {ended.code}") from None
    for order, only in (("tottime", ()), ("cumulative", (_LAYERS,))):
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text)
        stats.strip_dirs().sort_stats(order).print_stats(*only, args.top)
        listing = text.getvalue()
        print(f"== by {order} ==\n" + listing[listing.index("   ncalls") :].rstrip() + "\n")
    print(f"(profile of {args.size:,} articles in {folder}; cProfile adds overhead of its own)", file=sys.stderr)


if __name__ == "__main__":
    main()

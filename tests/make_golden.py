"""Regenerate the golden export files from the seed articles (`make golden`); never hand-edit them."""

from __future__ import annotations

import io
from pathlib import Path

from csto_timeline.exporters import FORMATS
from csto_timeline.pipeline import Timeline, build_timeline

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
ARTICLES = HERE.parent / "articles"
ENTRY_FORMATS = ("csv", "json", "jsonl", "text")
MENTION_FORMATS = ("jsonl",)


def render(timeline: Timeline, name: str, what: str) -> str:
    """The text a format writes for the seed timeline: its entries or its mentions."""
    out = io.StringIO()
    fmt = FORMATS[name]
    if what == "entries":
        fmt.write_entries(timeline.entries, out)
    else:
        assert fmt.write_mentions is not None
        fmt.write_mentions([record for item in timeline.articles for record in item.mentions], out)
    return out.getvalue()


def golden_cases() -> list[tuple[str, str, Path]]:
    """(format, entries|mentions, golden file) for every golden file."""
    cases = [(name, "entries", GOLDEN / f"entries.{name}") for name in ENTRY_FORMATS]
    return cases + [(name, "mentions", GOLDEN / f"mentions.{name}") for name in MENTION_FORMATS]


def main() -> None:
    timeline = build_timeline([str(ARTICLES)])
    GOLDEN.mkdir(exist_ok=True)
    for name, what, path in golden_cases():
        path.write_text(render(timeline, name, what), encoding="utf-8")
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()

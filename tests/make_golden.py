"""Regenerate the golden export files from the seed articles (`make golden`); never hand-edit them."""

from __future__ import annotations

import io
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from csto_timeline.exporters import FORMATS
from csto_timeline.pipeline import Timeline, build_timeline

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
ARTICLES = HERE.parent / "articles"
ENTRY_FORMATS = ("csv", "json", "jsonl", "text", "timelinejs", "ics", "html", "markdown", "sqlite")
MENTION_FORMATS = ("jsonl",)


def render(timeline: Timeline, name: str, what: str) -> str:
    """The text a format writes for the seed timeline: its entries or its mentions."""
    out = io.StringIO()
    fmt = FORMATS[name]
    if fmt.write_file is not None:
        return database_dump(timeline, name)
    if what == "entries":
        assert fmt.write_entries is not None
        fmt.write_entries(timeline.entries, out)
    else:
        assert fmt.write_mentions is not None
        fmt.write_mentions([record for item in timeline.articles for record in item.mentions], out)
    return out.getvalue()


def database_dump(timeline: Timeline, name: str) -> str:
    """The SQL text (`iterdump`) of the database a file format writes for the seed timeline."""
    write_file = FORMATS[name].write_file
    assert write_file is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"entries.{name}"
        write_file(timeline.entries, path)
        with closing(sqlite3.connect(path)) as db:
            return "".join(f"{line}\n" for line in db.iterdump())


def read_golden(path: Path) -> str:
    """A golden file's text exactly as written (CRLF line ends, as iCalendar has, stay CRLF)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def golden_cases() -> list[tuple[str, str, Path]]:
    """(format, entries|mentions, golden file) for every golden file."""
    suffix = {"sqlite": ".sqlite.sql"}
    cases = [(name, "entries", GOLDEN / f"entries{suffix.get(name, '.' + name)}") for name in ENTRY_FORMATS]
    return cases + [(name, "mentions", GOLDEN / f"mentions.{name}") for name in MENTION_FORMATS]


def main() -> None:
    timeline = build_timeline([str(ARTICLES)])
    GOLDEN.mkdir(exist_ok=True)
    for name, what, path in golden_cases():
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(render(timeline, name, what))
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()

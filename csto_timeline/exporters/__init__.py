"""Output formats: one module each, registered here by name.

A format writes the merged chronology to a text stream (`write_entries`) and, where it makes
sense, the list of every date mention (`write_mentions`). A format that is a binary file (SQLite)
writes to a path instead (`write_file`): it needs `-o`. Adding a format is one module and one line.
Writers take the entries as any iterable, in chronology order, and read it once: a format that
needs them all before writing (a count, a column width) gathers them itself; the others stream.
A format that can render each entry on its own says how (`entry_parts`): with several processes,
the entries are then rendered where they are merged, and only the parts come back to be written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TextIO, TypeVar

from ..models import MentionRecord, TimelineEntry
from . import (
    csv_format,
    html_format,
    ics_format,
    json_format,
    jsonl_format,
    markdown_format,
    sqlite_format,
    text_format,
    timelinejs_format,
)

EntryWriter = Callable[[Iterable[TimelineEntry], TextIO], None]
MentionWriter = Callable[[Iterable[MentionRecord], TextIO], None]
FileWriter = Callable[[Iterable[TimelineEntry], Path], None]
P = TypeVar("P")


@dataclass(frozen=True)
class EntryParts(Generic[P]):
    """How a format writes entries that render one at a time: each entry's part, then how the parts are written.

    `write(map(part, entries), out)` writes what the format's `write_entries` writes; the parts
    (the entry's text, or the pieces a layout needs) can then be made in other processes.
    """

    part: Callable[[TimelineEntry], P]
    write: Callable[[Iterable[P], TextIO], None]


@dataclass(frozen=True)
class Format:
    """A named output format and its writers."""

    name: str
    description: str
    write_entries: EntryWriter | None
    write_mentions: MentionWriter | None = None
    write_file: FileWriter | None = None
    entry_parts: EntryParts[Any] | None = None

    @property
    def needs_path(self) -> bool:
        """True for a format written to a file path (`-o FILE`) rather than a text stream."""
        return self.write_file is not None


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format(
            "text",
            "aligned plain text, one entry per line",
            text_format.write_entries,
            text_format.write_mentions,
            entry_parts=EntryParts(text_format.entry_line, text_format.write_lines),
        ),
        Format(
            "csv",
            "CSV with a header row",
            csv_format.write_entries,
            csv_format.write_mentions,
            entry_parts=EntryParts(csv_format.entry_text, csv_format.write_entry_rows),
        ),
        Format(
            "json",
            "a JSON array of entries",
            json_format.write_entries,
            json_format.write_mentions,
            entry_parts=EntryParts(json_format.entry_text, json_format.write_array),
        ),
        Format(
            "jsonl",
            "JSON Lines, one object per line",
            jsonl_format.write_entries,
            jsonl_format.write_mentions,
            entry_parts=EntryParts(jsonl_format.entry_text, jsonl_format.write_lines),
        ),
        Format(
            "timelinejs",
            "TimelineJS3 JSON for a timeline embed",
            timelinejs_format.write_entries,
            entry_parts=EntryParts(timelinejs_format.entry_slide, timelinejs_format.write_slides),
        ),
        Format("ics", "iCalendar all-day events", ics_format.write_entries),
        Format(
            "html",
            "one self-contained web page",
            html_format.write_entries,
            entry_parts=EntryParts(html_format.entry_item, html_format.write_items),
        ),
        Format(
            "markdown",
            "Markdown, a heading per month",
            markdown_format.write_entries,
            entry_parts=EntryParts(markdown_format.entry_bullet, markdown_format.write_bullets),
        ),
        Format("sqlite", "a SQLite database file (needs -o)", None, write_file=sqlite_format.write_database),
    )
}


def get_format(name: str) -> Format:
    """Return the registered format called `name` (KeyError when there is none)."""
    return FORMATS[name]

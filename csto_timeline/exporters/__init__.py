"""Output formats: one module each, registered here by name.

A format writes the merged chronology to a text stream (`write_entries`) and, where it makes
sense, the list of every date mention (`write_mentions`). A format that is a binary file (SQLite)
writes to a path instead (`write_file`): it needs `-o`. Adding a format is one module and one line.
Writers take the entries as any iterable, in chronology order, and read it once: a format that
needs them all before writing (a count, a column width) gathers them itself; the others stream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

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


@dataclass(frozen=True)
class EntryTexts:
    """How a format writes entries that render one at a time: each entry's text, then how the texts are laid out.

    `write(map(text, entries), out)` writes what the format's `write_entries` writes; the texts
    can then be made in other processes.
    """

    text: Callable[[TimelineEntry], str]
    write: Callable[[Iterable[str], TextIO], None]


@dataclass(frozen=True)
class Format:
    """A named output format and its writers."""

    name: str
    description: str
    write_entries: EntryWriter | None
    write_mentions: MentionWriter | None = None
    write_file: FileWriter | None = None
    entry_texts: EntryTexts | None = None

    @property
    def needs_path(self) -> bool:
        """True for a format written to a file path (`-o FILE`) rather than a text stream."""
        return self.write_file is not None


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("text", "aligned plain text, one entry per line", text_format.write_entries, text_format.write_mentions),
        Format(
            "csv",
            "CSV with a header row",
            csv_format.write_entries,
            csv_format.write_mentions,
            entry_texts=EntryTexts(csv_format.entry_text, csv_format.write_entry_rows),
        ),
        Format(
            "json",
            "a JSON array of entries",
            json_format.write_entries,
            json_format.write_mentions,
            entry_texts=EntryTexts(json_format.entry_text, json_format.write_array),
        ),
        Format(
            "jsonl",
            "JSON Lines, one object per line",
            jsonl_format.write_entries,
            jsonl_format.write_mentions,
            entry_texts=EntryTexts(jsonl_format.entry_text, jsonl_format.write_lines),
        ),
        Format("timelinejs", "TimelineJS3 JSON for a timeline embed", timelinejs_format.write_entries),
        Format("ics", "iCalendar all-day events", ics_format.write_entries),
        Format("html", "one self-contained web page", html_format.write_entries),
        Format("markdown", "Markdown, a heading per month", markdown_format.write_entries),
        Format("sqlite", "a SQLite database file (needs -o)", None, write_file=sqlite_format.write_database),
    )
}


def get_format(name: str) -> Format:
    """Return the registered format called `name` (KeyError when there is none)."""
    return FORMATS[name]

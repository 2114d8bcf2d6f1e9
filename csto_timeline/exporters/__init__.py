"""Output formats: one module each, registered here by name.

A format writes the merged chronology (`write_entries`) and, where it makes sense, the list of
every date mention (`write_mentions`). Adding a format is one module and one line below.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from ..models import MentionRecord, TimelineEntry
from . import csv_format, json_format, jsonl_format, text_format

EntryWriter = Callable[[Sequence[TimelineEntry], TextIO], None]
MentionWriter = Callable[[Sequence[MentionRecord], TextIO], None]


@dataclass(frozen=True)
class Format:
    """A named output format and its writers."""

    name: str
    description: str
    write_entries: EntryWriter
    write_mentions: MentionWriter | None = None


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("text", "aligned plain text, one entry per line", text_format.write_entries, text_format.write_mentions),
        Format("csv", "CSV with a header row", csv_format.write_entries, csv_format.write_mentions),
        Format("json", "a JSON array of entries", json_format.write_entries, json_format.write_mentions),
        Format("jsonl", "JSON Lines, one object per line", jsonl_format.write_entries, jsonl_format.write_mentions),
    )
}


def get_format(name: str) -> Format:
    """Return the registered format called `name` (KeyError when there is none)."""
    return FORMATS[name]

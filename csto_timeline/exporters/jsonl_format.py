"""JSON Lines: one object per line, for streaming tools (jq -c, pandas.read_json(lines=True))."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..models import MentionRecord, TimelineEntry
from .records import entry_record, mention_record


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def entry_text(entry: TimelineEntry) -> str:
    """One chronology entry as a JSON object on a line of its own."""
    return _line(entry_record(entry))


def write_lines(lines: Iterable[str], out: TextIO) -> None:
    """Write lines made by `entry_text`, as they are."""
    out.writelines(lines)


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write one JSON object per chronology entry."""
    write_lines(map(entry_text, entries), out)


def write_mentions(records: Iterable[MentionRecord], out: TextIO) -> None:
    """Write one JSON object per date mention."""
    write_lines((_line(mention_record(record)) for record in records), out)

"""JSON Lines: one object per line, for streaming tools (jq -c, pandas.read_json(lines=True))."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..models import MentionRecord, TimelineEntry
from .records import entry_record, mention_record


def _write_lines(objects: Iterable[dict[str, Any]], out: TextIO) -> None:
    for obj in objects:
        out.write(json.dumps(obj, ensure_ascii=False))
        out.write("\n")


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write one JSON object per chronology entry."""
    _write_lines((entry_record(entry) for entry in entries), out)


def write_mentions(records: Iterable[MentionRecord], out: TextIO) -> None:
    """Write one JSON object per date mention."""
    _write_lines((mention_record(record) for record in records), out)

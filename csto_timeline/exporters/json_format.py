"""JSON: one array holding every entry (or every mention)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..models import MentionRecord, TimelineEntry
from .records import entry_record, mention_record

_INDENT = "  "


def _write_array(items: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write what json.dump(list(items), indent=2) writes, one item at a time (no whole list in memory)."""
    separator = "[\n"
    for item in items:
        out.write(separator + _INDENT + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + _INDENT))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


def write_entries(entries: Sequence[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as a JSON array of entries."""
    _write_array(map(entry_record, entries), out)


def write_mentions(records: Sequence[MentionRecord], out: TextIO) -> None:
    """Write every date mention as a JSON array."""
    _write_array(map(mention_record, records), out)

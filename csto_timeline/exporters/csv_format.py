"""CSV with a header row, one row per entry (or per mention)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..models import MentionRecord, TimelineEntry
from .records import entry_row, mention_row

ENTRY_COLUMNS = ("date", "start", "end", "granularity", "event", "sources", "expressions")
MENTION_COLUMNS = (
    "article",
    "published",
    "expression",
    "span_start",
    "span_end",
    "value",
    "start",
    "end",
    "granularity",
    "sentence",
)


def _write_rows(columns: Sequence[str], rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as CSV: date,start,end,granularity,event,sources,expressions."""
    _write_rows(ENTRY_COLUMNS, (entry_row(entry) for entry in entries), out)


def write_mentions(records: Iterable[MentionRecord], out: TextIO) -> None:
    """Write every date mention as a CSV row."""
    _write_rows(MENTION_COLUMNS, (mention_row(record) for record in records), out)

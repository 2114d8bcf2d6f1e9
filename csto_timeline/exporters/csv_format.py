"""CSV with a header row, one row per entry (or per mention)."""

from __future__ import annotations

import csv
import io
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


def entry_text(entry: TimelineEntry) -> str:
    """One chronology entry as a CSV row, its line end included."""
    line = io.StringIO()
    csv.DictWriter(line, fieldnames=ENTRY_COLUMNS, lineterminator="\n").writerow(entry_row(entry))
    return line.getvalue()


def write_entry_rows(rows: Iterable[str], out: TextIO) -> None:
    """Write the header row, then rows made by `entry_text`."""
    csv.writer(out, lineterminator="\n").writerow(ENTRY_COLUMNS)
    out.writelines(rows)


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as CSV: date,start,end,granularity,event,sources,expressions."""
    write_entry_rows(map(entry_text, entries), out)


def write_mentions(records: Iterable[MentionRecord], out: TextIO) -> None:
    """Write every date mention as a CSV row."""
    _write_rows(MENTION_COLUMNS, (mention_row(record) for record in records), out)

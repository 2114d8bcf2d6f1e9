"""Plain aligned text: what `show` prints when its output is not a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from ..models import MentionRecord, TimelineEntry
from .records import SOURCE_SEPARATOR


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write one line per entry: date, event, [sources], the date column aligned."""
    chronology = tuple(entries)  # the width of the date column needs every entry first
    width = max((len(entry.date.value) for entry in chronology), default=0)
    for entry in chronology:
        out.write(f"{entry.date.value:<{width}}  {entry.event}  [{SOURCE_SEPARATOR.join(entry.sources)}]\n")


def write_mentions(records: Sequence[MentionRecord], out: TextIO) -> None:
    """Write one line per mention: article, span, expression and resolved value."""
    for record in records:
        span = f"{record.mention.start}-{record.mention.end}"
        out.write(
            f"{record.article.name}\t{span}\t{record.mention.text!r}\t{record.date.value}\t{record.date.granularity.value}\n"
        )

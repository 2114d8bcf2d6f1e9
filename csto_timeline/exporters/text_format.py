"""Plain aligned text: what `show` prints when its output is not a terminal."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, TextIO

from ..models import MentionRecord, TimelineEntry
from .records import SOURCE_SEPARATOR

_SPOOL_BYTES = 8 * 1024 * 1024


def entry_line(entry: TimelineEntry) -> tuple[str, str]:
    """One entry's line in two parts: its date, and the rest (event and [sources])."""
    return entry.date.value, f"{entry.event}  [{SOURCE_SEPARATOR.join(entry.sources)}]"


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write one line per entry: date, event, [sources], the date column aligned."""
    write_lines(map(entry_line, entries), out)


def write_lines(lines: Iterable[tuple[str, str]], out: TextIO) -> None:
    """Write lines made by `entry_line`, the date column as wide as the widest date."""
    # The column's width is known after the last entry only: the lines wait in a spool (on disk
    # past a few megabytes), so a chronology of any length is written in bounded memory.
    width = 0
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
        for line in lines:
            width = max(width, len(line[0]))
            pickle.dump(line, spool)
        spool.seek(0)
        for value, rest in _unpickled(spool):
            out.write(f"{value:<{width}}  {rest}\n")


def _unpickled(spool: IO[bytes]) -> Iterator[tuple[str, str]]:
    while True:
        try:
            yield pickle.load(spool)
        except EOFError:
            return


def write_mentions(records: Iterable[MentionRecord], out: TextIO) -> None:
    """Write one line per mention: article, span, expression and resolved value."""
    for record in records:
        span = f"{record.mention.start}-{record.mention.end}"
        out.write(
            f"{record.article.name}\t{span}\t{record.mention.text!r}\t{record.date.value}\t{record.date.granularity.value}\n"
        )

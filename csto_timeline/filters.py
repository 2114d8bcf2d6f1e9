"""Narrow a chronology to a date range; bounds are read like any date in an article."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .errors import UsageError
from .models import ResolvedDate, TimelineEntry
from .recognize import find_mentions
from .resolve import resolve


def parse_bound(text: str, anchor: date, option: str) -> ResolvedDate:
    """Read a filter bound such as '2021-08', 'August 2021' or '2021-08-15'.

    Raises UsageError naming `option` when the text is not exactly one calendar date.
    """
    mentions = find_mentions(text.strip())
    if len(mentions) == 1 and mentions[0].text == text.strip():
        resolved = resolve(mentions[0], anchor)
        if resolved is not None and resolved.start is not None:
            return resolved
    raise UsageError(f"{option} {text!r} is not a date", "use a form like 2021-08-15, 2021-08 or 'August 2021'")


def within(
    entries: Iterable[TimelineEntry], since: ResolvedDate | None, until: ResolvedDate | None
) -> list[TimelineEntry]:
    """Keep the entries whose whole date lies from the start of `since` to the end of `until`."""
    kept = []
    for entry in entries:
        start, end = entry.date.start, entry.date.end
        if start is None or end is None:
            continue
        if since is not None and since.start is not None and start < since.start:
            continue
        if until is not None and until.end is not None and end > until.end:
            continue
        kept.append(entry)
    return kept

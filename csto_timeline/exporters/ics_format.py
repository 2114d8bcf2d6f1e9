"""iCalendar (RFC 5545): one all-day VEVENT per entry, for any calendar application.

A day spans one day; a week, a range, a month or a year spans DTSTART to DTEND, DTEND being
the day after the last (exclusive, per RFC 5545). The UID is a hash of the date value and the
event text, so importing a newer export updates the events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta
from types import ModuleType
from typing import TYPE_CHECKING, TextIO

from ..models import TimelineEntry
from .calendar import entry_articles, headline, outlet

if TYPE_CHECKING:
    from icalendar import Event as CalendarEvent

PRODUCT_ID = "-//csto-timeline//timeline export//EN"
UID_DOMAIN = "csto-timeline"


def _icalendar() -> ModuleType:
    """icalendar, imported when a calendar is written: it costs every other command 40 ms of start-up."""
    import icalendar

    return icalendar


def entry_uid(entry: TimelineEntry) -> str:
    """A UID that stays the same for the same date and event across exports."""
    digest = hashlib.sha256(f"{entry.date.value}\n{entry.event}".encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _description(entry: TimelineEntry) -> str:
    lines = [entry.event, "", "Sources:"]
    for article in entry_articles(entry):
        link = f" {article.url}" if article.url else ""
        lines.append(f"- {outlet(article)} ({article.name}, {article.published.isoformat()}){link}")
    return "\n".join(lines)


def _calendar_event(entry: TimelineEntry) -> CalendarEvent | None:
    start, end = entry.date.start, entry.date.end
    if start is None or end is None:
        return None
    articles = entry_articles(entry)
    latest = max(article.published for article in articles)
    event = _icalendar().Event()
    event.add("uid", entry_uid(entry))
    # DTSTAMP must be stable for re-imports to be idempotent: the newest report's publication day.
    event.add("dtstamp", datetime.combine(latest, time(), tzinfo=UTC))
    event.add("dtstart", start)
    event.add("dtend", end + timedelta(days=1))
    event.add("summary", headline(entry.event))
    event.add("description", _description(entry))
    event.add("categories", [entry.date.granularity.value])
    urls = [article.url for article in articles if article.url]
    if urls:
        event.add("url", urls[0])
    return event


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as an iCalendar file of all-day events."""
    calendar = _icalendar().Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Chronology")
    for entry in entries:
        event = _calendar_event(entry)
        if event is not None:
            calendar.add_component(event)
    out.write(calendar.to_ical().decode("utf-8"))

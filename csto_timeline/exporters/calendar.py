"""Calendar views of an entry shared by the reader-facing formats: precision, labels, sources."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..models import Article, Granularity, ResolvedDate, TimelineEntry

_DAY_PRECISE = {Granularity.DAY, Granularity.WEEK, Granularity.RANGE}
_MONTH_PRECISE = {Granularity.MONTH, Granularity.QUARTER, Granularity.HALF, Granularity.SEASON}


def precision(resolved: ResolvedDate) -> str:
    """The finest calendar field the date really fixes: 'day', 'month' or 'year'."""
    if resolved.granularity in _DAY_PRECISE:
        return "day"
    if resolved.granularity in _MONTH_PRECISE:
        return "month"
    return "year"


def date_parts(day: date, finest: str) -> dict[str, Any]:
    """{'year', 'month'?, 'day'?} of `day`, leaving out the fields finer than `finest`."""
    parts: dict[str, Any] = {"year": day.year}
    if finest in ("month", "day"):
        parts["month"] = day.month
    if finest == "day":
        parts["day"] = day.day
    return parts


def _day_label(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def date_label(resolved: ResolvedDate) -> str:
    """A reader's label for a date: '15 August 2021', 'June 2021', '4–5 July 2021', '2021'."""
    start, end = resolved.start, resolved.end
    if start is None or end is None:
        return resolved.value
    if resolved.granularity == Granularity.DAY:
        return _day_label(start)
    if resolved.granularity == Granularity.MONTH:
        return f"{start:%B %Y}"
    if resolved.granularity == Granularity.YEAR:
        return str(start.year)
    if precision(resolved) == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_day_label(end)}"
    if precision(resolved) == "day":
        return f"{_day_label(start)} – {_day_label(end)}"
    if precision(resolved) == "month":
        return f"{start:%B %Y} – {end:%B %Y}"
    return f"{start.year}–{end.year}"


def month_heading(resolved: ResolvedDate) -> str:
    """The month an entry falls in ('August 2021'), or its own label when it spans more than a month."""
    start, end = resolved.start, resolved.end
    if start is not None and end is not None and (start.year, start.month) == (end.year, end.month):
        return f"{start:%B %Y}"
    return date_label(resolved)


def entry_articles(entry: TimelineEntry) -> list[Article]:
    """The articles reporting an entry, each once, in the order they were merged."""
    return list({event.article.path: event.article for event in entry.events}.values())


def outlet(article: Article) -> str:
    """The outlet named in an article's header, or its file name when the header names none."""
    return article.source or article.name


def headline(text: str, limit: int = 90) -> str:
    """The text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"


def counted(count: int, noun: str) -> str:
    """'1 event', '3 events': a count with its noun in the right number."""
    return f"{count} {noun}{'' if count == 1 else 's'}"

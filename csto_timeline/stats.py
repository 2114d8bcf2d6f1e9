"""Summaries of a chronology: entries per month, the busiest days, the articles dating most events."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from .models import Granularity, TimelineEntry
from .pipeline import ArticleCounts

K = TypeVar("K", str, date)


@dataclass(frozen=True)
class Summary:
    """Counts over a chronology, each list most relevant first."""

    per_month: tuple[tuple[str, int], ...]
    coarser: int
    busiest_days: tuple[tuple[date, int], ...]
    top_articles: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ArticleSummary:
    """One article as `timeline articles` lists it."""

    name: str
    published: date
    published_from: str
    source: str
    title: str
    mentions: int
    events: int


def entry_month(entry: TimelineEntry) -> str | None:
    """'YYYY-MM' of the month an entry lies in, or None when it is not within one month."""
    start, end = entry.date.start, entry.date.end
    if start is None or end is None or (start.year, start.month) != (end.year, end.month):
        return None
    return f"{start:%Y-%m}"


def summarize(entries: Iterable[TimelineEntry], top: int = 5) -> Summary:
    """Entries per month (in calendar order), the `top` busiest days and articles dating most events.

    Reads the entries once, so a streamed chronology of any length is summarised in bounded memory.
    """
    months: Counter[str] = Counter()
    days: Counter[date] = Counter()
    articles: Counter[str] = Counter()
    coarser = 0
    for entry in entries:
        month = entry_month(entry)
        if month is None:
            coarser += 1
        else:
            months[month] += 1
        if entry.date.granularity == Granularity.DAY and entry.date.start:
            days[entry.date.start] += 1
        articles.update(event.article.name for event in entry.events)
    return Summary(
        per_month=tuple(sorted(months.items())),
        coarser=coarser,
        busiest_days=tuple(_most_common(days, top)),
        top_articles=tuple(_most_common(articles, top)),
    )


def _most_common(counts: Counter[K], top: int) -> list[tuple[K, int]]:
    """The `top` highest counts, ties broken by key so the order is stable."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]


def describe_articles(counted: Iterable[ArticleCounts]) -> Iterator[ArticleSummary]:
    """Each article with its publication date, where that date came from, and what it dates, as they come."""
    for item in counted:
        article = item.article
        yield ArticleSummary(
            article.name,
            article.published,
            article.published_from,
            article.source,
            article.title,
            item.mentions,
            item.events,
        )

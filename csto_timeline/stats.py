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


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """What a summary counts of one entry: small enough to be sent from a worker process."""

    month: str | None  # see entry_month
    day: date | None  # the day of an entry dated to one day
    articles: tuple[str, ...]  # the name of the article of each event


def entry_facts(entry: TimelineEntry) -> EntryFacts:
    """The facts `summarize_facts` counts of one entry."""
    day = entry.date.start if entry.date.granularity == Granularity.DAY else None
    return EntryFacts(entry_month(entry), day, tuple(event.article.name for event in entry.events))


def summarize(entries: Iterable[TimelineEntry], top: int = 5) -> Summary:
    """Entries per month (in calendar order), the `top` busiest days and articles dating most events."""
    return summarize_facts(map(entry_facts, entries), top)


def summarize_facts(entries: Iterable[EntryFacts], top: int = 5) -> Summary:
    """`summarize` given the facts of each entry.

    Reads them once, so a streamed chronology of any length is summarised in bounded memory.
    """
    months: Counter[str] = Counter()
    days: Counter[date] = Counter()
    articles: Counter[str] = Counter()
    coarser = 0
    for entry in entries:
        if entry.month is None:
            coarser += 1
        else:
            months[entry.month] += 1
        if entry.day:
            days[entry.day] += 1
        articles.update(entry.articles)
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

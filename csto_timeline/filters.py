"""Narrow a chronology: a date range (bounds read like any date in an article), a text, an outlet, a granularity."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from .errors import UsageError
from .models import Article, Granularity, ResolvedDate, TimelineEntry

T = TypeVar("T")


def parse_bound(text: str, anchor: date, option: str) -> ResolvedDate:
    """Read a filter bound such as '2021-08', 'August 2021' or '2021-08-15'.

    Raises UsageError naming `option` when the text is not exactly one calendar date.
    """
    from .recognize import find_mentions  # here, not at the top: `timeline --help` does not load the recognizer
    from .resolve import resolve

    mentions = find_mentions(text.strip())
    if len(mentions) == 1 and mentions[0].text == text.strip():
        resolved = resolve(mentions[0], anchor)
        if resolved is not None and resolved.start is not None:
            return resolved
    raise UsageError(f"{option} {text!r} is not a date", "use a form like 2021-08-15, 2021-08 or 'August 2021'")


def in_range(entry: TimelineEntry, since: ResolvedDate | None, until: ResolvedDate | None) -> bool:
    """True when the entry's whole date lies from the start of `since` to the end of `until`."""
    start, end = entry.date.start, entry.date.end
    if start is None or end is None:
        return False
    if since is not None and since.start is not None and start < since.start:
        return False
    return not (until is not None and until.end is not None and end > until.end)


def mentions_text(entry: TimelineEntry, needle: str) -> bool:
    """True when `needle` occurs, ignoring case, in the entry's event or any sentence dating it."""
    folded = needle.casefold()
    return any(folded in text.casefold() for text in (entry.event, *(event.text for event in entry.events)))


def is_from(article: Article, source: str) -> bool:
    """True when `source` names the article's outlet (header 'source') or its file, ignoring case."""
    wanted = source.strip().casefold()
    return wanted in (article.source.casefold(), article.name.casefold(), Path(article.name).stem.casefold())


def reported_by(entry: TimelineEntry, source: str) -> bool:
    """True when an article of the entry is from `source`."""
    return any(is_from(event.article, source) for event in entry.events)


def check_source(articles: Iterable[Article], source: str) -> None:
    """Raise UsageError, listing the outlets there are, when no article is from `source`."""
    articles = list(articles)
    if not any(is_from(article, source) for article in articles):
        outlets = ", ".join(sorted({article.source for article in articles if article.source})) or "none in headers"
        raise UsageError(f"--source {source!r} matches no article", f"outlets: {outlets}; or give a file name")


@dataclass(frozen=True)
class EntryFilter:
    """What `show` and `export` keep: a date range, a text, an outlet, some granularities."""

    since: ResolvedDate | None = None
    until: ResolvedDate | None = None
    grep: str | None = None
    source: str | None = None
    granularities: frozenset[Granularity] = frozenset()

    def keeps(self, entry: TimelineEntry) -> bool:
        """True when the entry lies within the date range and passes every other condition that is set."""
        return (
            in_range(entry, self.since, self.until)
            and (not self.grep or mentions_text(entry, self.grep))
            and (not self.source or reported_by(entry, self.source))
            and (not self.granularities or entry.date.granularity in self.granularities)
        )


def filter_entries(entries: Iterable[TimelineEntry], wanted: EntryFilter) -> Iterator[TimelineEntry]:
    """The entries within the filter's date range that pass all its other conditions, in order, as they come."""
    return filter(wanted.keeps, entries)


def rendered_if_kept(wanted: EntryFilter, render: Callable[[TimelineEntry], T], entry: TimelineEntry) -> T | None:
    """`render(entry)` when `wanted` keeps the entry, else None: filter and render as one step a worker can take."""
    return render(entry) if wanted.keeps(entry) else None


def apply_filter(entries: Iterable[TimelineEntry], wanted: EntryFilter) -> list[TimelineEntry]:
    """The entries within the filter's date range that pass all its other conditions, in order."""
    return list(filter_entries(entries, wanted))

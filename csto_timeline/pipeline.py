"""The core in one call: articles in, mentions, events and a merged chronology out."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .articles import SkippedInput, load_articles
from .events import extract_events, place_mentions
from .merge import merge
from .models import Article, Event, MentionRecord, TimelineEntry
from .recognize import find_mentions
from .resolve import resolve_all


@dataclass(frozen=True)
class AnalysedArticle:
    """An article with every date mention it holds and the events they date."""

    article: Article
    mentions: tuple[MentionRecord, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Timeline:
    """The result of a run: the chronology, the articles used and the inputs left out."""

    entries: tuple[TimelineEntry, ...]
    articles: tuple[AnalysedArticle, ...]
    skipped: tuple[SkippedInput, ...]


def analyse(article: Article) -> AnalysedArticle:
    """Find, resolve and place every date mention of one article, and extract its events."""
    records = place_mentions(article, resolve_all(find_mentions(article.body), article.published))
    return AnalysedArticle(article, tuple(records), tuple(extract_events(records)))


def analyse_all(
    paths: Iterable[str], published: date | None = None, stdin: Callable[[], bytes] | None = None
) -> tuple[list[AnalysedArticle], list[SkippedInput]]:
    """Analyse every article under `paths`; unusable inputs are returned, not raised."""
    analysed: list[AnalysedArticle] = []
    skipped: list[SkippedInput] = []
    for item in load_articles(paths, published, stdin):
        if isinstance(item, SkippedInput):
            skipped.append(item)
        else:
            analysed.append(analyse(item))
    return analysed, skipped


def build_timeline(
    paths: Iterable[str], published: date | None = None, stdin: Callable[[], bytes] | None = None
) -> Timeline:
    """Read the articles under `paths` and return their merged chronology."""
    analysed, skipped = analyse_all(paths, published, stdin)
    entries = merge(event for item in analysed for event in item.events)
    return Timeline(tuple(entries), tuple(analysed), tuple(skipped))

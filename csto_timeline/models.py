"""Plain frozen data passed between the layers of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Granularity(StrEnum):
    """How precise a resolved date is; a month-only date stays a month."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    RANGE = "range"
    FUZZY = "fuzzy"


class Tense(StrEnum):
    """The grammatical time of the clause a date expression stands in."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its body text and the date it was published."""

    path: str
    name: str
    body: str
    published: date
    published_from: str
    source: str = ""
    title: str = ""
    url: str = ""
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()  # things the user should know about this article, one line each


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text: its span and what the recognizer read in it."""

    text: str
    start: int
    end: int
    rule: str
    fields: tuple[tuple[str, str], ...]
    tense: Tense

    def field(self, key: str) -> str:
        """Return the named field read by the recognizer, or '' when absent."""
        for name, value in self.fields:
            if name == key:
                return value
        return ""


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A TIMEX3-style value with the inclusive days it covers (None for fuzzy references)."""

    value: str
    granularity: Granularity
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    """A date mention together with the date it resolves to."""

    mention: DateMention
    date: ResolvedDate


@dataclass(frozen=True, slots=True)
class Event:
    """A dated sentence of one article: the event the date expression stands for."""

    article: Article
    date: ResolvedDate
    text: str
    expressions: tuple[DateMention, ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One entry of the merged chronology: a date, an event, and every article reporting it."""

    date: ResolvedDate
    event: str
    events: tuple[Event, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """Names of the articles reporting this entry, without repeats, in order."""
        return tuple(dict.fromkeys(event.article.name for event in self.events))


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """A resolved date mention placed in its article and its sentence."""

    article: Article
    mention: DateMention
    date: ResolvedDate
    sentence: str

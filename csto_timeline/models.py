"""Plain frozen data passed between the layers of the pipeline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Any, TypeVar, cast

_Record = TypeVar("_Record", bound=type)


def _quick(cls: _Record) -> _Record:
    """Make a frozen slotted dataclass quicker to build and to pickle; it behaves the same.

    - Its __init__ fills each slot through the slot's own descriptor: the generated one goes
      through `object.__setattr__` to get past the class's (which refuses), 0.5 µs per object of
      six fields against 0.3. The pipeline makes tens of these per article.
    - It pickles as its class and its field values, unpickled by calling the class: the default
      for slotted classes calls Python code per object to restore the slots, and passing events
      between processes costs half as much this way.
    """
    every = fields(cast(Any, cls))
    names = [field.name for field in every]
    defaults = {field.name: field.default for field in every if field.default is not MISSING}
    parameters = ", ".join(f"{name}=_defaults[{name!r}]" if name in defaults else name for name in names)
    setters = ", ".join(f"_set_{name}" for name in names)
    body = "".join(f"\n        _set_{name}(self, {name})" for name in names)
    namespace: dict[str, Any] = {"_defaults": defaults}
    exec(f"def _make({setters}):\n    def __init__(self, {parameters}):{body}\n    return __init__", namespace)
    init = namespace["_make"](*(getattr(cls, name).__set__ for name in names))
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    values: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    setattr(cls, "__init__", init)  # noqa: B010 (assigning a method, which mypy refuses to check)
    setattr(cls, "__reduce__", lambda self: (cls, values(self)))  # noqa: B010
    return cls


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


@_quick
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


@_quick
@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text: its span and what the recognizer read in it."""

    text: str
    start: int
    end: int
    rule: str
    fields: tuple[tuple[str, str], ...]
    # The tense of its clause where that decides the date (a weekday, a day or month without its
    # year, ...); None for an expression that fixes its date itself ("2001", "yesterday").
    tense: Tense | None

    def field(self, key: str) -> str:
        """Return the named field read by the recognizer, or '' when absent."""
        for name, value in self.fields:
            if name == key:
                return value
        return ""


@_quick
@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A TIMEX3-style value with the inclusive days it covers (None for fuzzy references)."""

    value: str
    granularity: Granularity
    start: date | None
    end: date | None


@_quick
@dataclass(frozen=True, slots=True)
class ResolvedMention:
    """A date mention together with the date it resolves to."""

    mention: DateMention
    date: ResolvedDate


@_quick
@dataclass(frozen=True, slots=True)
class Event:
    """A dated sentence of one article: the event the date expression stands for."""

    article: Article
    date: ResolvedDate
    text: str
    expressions: tuple[DateMention, ...]


@_quick
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


@_quick
@dataclass(frozen=True, slots=True)
class MentionRecord:
    """A resolved date mention placed in its article and its sentence."""

    article: Article
    mention: DateMention
    date: ResolvedDate
    sentence: str

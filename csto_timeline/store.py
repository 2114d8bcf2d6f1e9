"""Where a run keeps its events until the merge: in memory up to a budget, past it in the spill on disk.

Most runs fit in memory, where the merge reads the events as they are, with no packing and no
database. A large archive does not: once the events held pass `_EVENTS_IN_MEMORY`, every article
held so far is packed into the spill (`spill.EventSpill`), and so is every later one, so that
memory stays bounded whatever the size of the archive. Either way the articles come back in the
order they were added and the events date by date, in the same order, as the same values: an
article without its body, each expression without what the recognizer read in it (`fields`).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from typing import TypeVar

from .articles import has_notes
from .models import Article, DateMention, Event, ResolvedDate
from .spill import DateRange, EventSpill, cut_by_size, is_dated, pack_article

K = TypeVar("K")
V = TypeVar("V")

# Events held in memory before the store moves to disk: about 1 kB each with their articles and stems.
_EVENTS_IN_MEMORY = 100_000


# The events of one date value, each with its stems.
OnDate = list[tuple[Event, frozenset[str]]]


@dataclass(frozen=True, slots=True)
class HeldArticle:
    """One article (without its body) and its events with their stems, as the store holds them."""

    article: Article
    events: tuple[Event, ...]
    stems: tuple[frozenset[str], ...]

    def __reduce__(self) -> tuple[object, ...]:
        return _taken_in, (self.article, self.events, self.stems)


class _Recent(dict[K, V]):
    """Values kept lately, by key: all forgotten at once when full, so that memory stays bounded."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size = size

    def keep(self, key: K, value: V) -> V:
        """Keep `value` under `key` (forgetting the others first if full), and return it."""
        if len(self) >= self._size:
            self.clear()
        self[key] = value
        return value


# Stem sets unpickled lately, one per sentence, made of this process's interned stems. One process
# gives every reprint of a sentence the same set (`merge.content_stems` remembers them) of interned
# words; a fork's results come back with a copy per chunk, which the merge, comparing sets by the
# thousand, found 9% slower to read (0.05 s of CPU after 10,000 articles).
_stems_taken_in: _Recent[str, frozenset[str]] = _Recent(4096)


def _taken_in(article: Article, events: tuple[Event, ...], stems: tuple[frozenset[str], ...]) -> HeldArticle:
    """A HeldArticle unpickled from another process, each sentence's stems shared with those taken in before."""
    return HeldArticle(article, events, tuple(map(_shared_stems, [event.text for event in events], stems)))


def _shared_stems(sentence: str, stems: frozenset[str]) -> frozenset[str]:
    found = _stems_taken_in.get(sentence)
    if found is None:
        found = _stems_taken_in.keep(sentence, frozenset(map(sys.intern, stems)))
    return found


def held_article(article: Article, events: Sequence[Event], stems: Sequence[frozenset[str]]) -> HeldArticle:
    """What the store keeps of an analysed article: no body, no expression's `fields`; each event with its stems.

    Made where the article was analysed, which may be another process: it then passes on less.
    """
    slim = replace(article, body="")
    return HeldArticle(slim, tuple(_kept(event, slim) for event in events), tuple(stems))


# Consecutive dates of the store, for one process to merge: in memory, their events; on disk, where they are.
DatesToMerge = tuple[OnDate, ...] | DateRange


class EventStore:
    """The articles and events of a run, with the counts the merge weighs stems by, kept until the merge."""

    def __init__(self) -> None:
        self.spill: EventSpill | None = None  # where everything is once the store has moved to disk
        self._held: list[HeldArticle] = []
        self._events_held = 0
        self._stems_held: Counter[str] = Counter()
        # The dated events held, with their stems, by date value, each in the order added.
        self._on_value: dict[str, OnDate] = {}

    def add(self, held: HeldArticle) -> None:
        """Keep one article (as `held_article` gives it) and its events, after those before."""
        if self.spill is not None:
            self.spill.add(pack_article(held.article, held.events, held.stems))
            return
        self._held.append(held)
        for event, event_stems in zip(held.events, held.stems, strict=True):
            if is_dated(event):  # as the spill packs them
                self._on_value.setdefault(event.date.value, []).append((event, event_stems))
                self._events_held += 1
        self._stems_held.update(chain.from_iterable(held.stems))  # every event's, dated or not, as the spill does
        if self._events_held > _EVENTS_IN_MEMORY:
            self.on_disk()

    def on_disk(self) -> EventSpill:
        """The spill, made now when the store is still in memory: every article held moves there, in order."""
        if self.spill is None:
            self.spill = EventSpill()
            for held in self._held:
                self.spill.add(pack_article(held.article, held.events, held.stems))
            self._held, self._events_held, self._stems_held, self._on_value = [], 0, Counter(), {}
        return self.spill

    @property
    def articles_count(self) -> int:
        """How many articles the store holds."""
        return self.spill.articles_count if self.spill is not None else len(self._held)

    @property
    def events_count(self) -> int:
        """How many dated events the store holds."""
        return self.spill.events_count if self.spill is not None else self._events_held

    @property
    def stem_frequency(self) -> Counter[str]:
        """How many events (dated or not) hold each stem."""
        return self.spill.stem_frequency if self.spill is not None else self._stems_held

    def articles(self) -> Iterator[Article]:
        """Every article (without its body), in the order they were added."""
        if self.spill is not None:
            return self.spill.articles()
        return (held.article for held in self._held)

    def articles_to_note(self, today: date) -> Iterator[Article]:
        """The articles with notes, or published after `today`, in the order they were added."""
        if self.spill is not None:
            return self.spill.articles_to_note(today)
        return (held.article for held in self._held if has_notes(held.article, today))

    def dates(self) -> Iterator[OnDate]:
        """The events of each date value with their stems, dates in chronology order, events in merge order.

        The order the spill reads them in (see `spill._IN_CHRONOLOGY_ORDER`): a date value always
        stands for the same days, and the sorts are stable, so among ties events stay in the order added.
        """
        if self.spill is not None:
            return self.spill.dates()
        return _in_merge_order(self._dates_in_order())

    def date_ranges(self, events: int) -> list[DatesToMerge]:
        """The dates cut into consecutive ranges of at least `events` events (the last may hold fewer), in order.

        Each range can be read on its own (`dates_in`), in this process or in a fork of it.
        """
        if self.spill is not None:
            return list(self.spill.date_ranges(events))
        return [tuple(dates) for dates in cut_by_size(self._dates_in_order(), len, events)]

    def _dates_in_order(self) -> list[OnDate]:
        """The events held, one list per date value (each in the order added), dates in chronology order."""
        return sorted(self._on_value.values(), key=_days_of_first)

    def dates_in(self, dates: DatesToMerge) -> Iterator[OnDate]:
        """The events of each date of a range of `date_ranges`, as `dates` gives them."""
        if isinstance(dates, DateRange):
            assert self.spill is not None  # only the spill cuts DateRanges
            return self.spill.dates_in(dates)
        return _in_merge_order(dates)

    def close(self) -> None:
        """Delete the spill's file if it has one; what the store holds in memory goes with the store."""
        if self.spill is not None:
            self.spill.close()


def _in_merge_order(on_values: Iterable[OnDate]) -> Iterator[OnDate]:
    """Each date's events sorted for the merge (a copy: the store keeps its own lists as they are)."""
    return (sorted(on_date, key=_merge_order) if len(on_date) > 1 else on_date[:] for on_date in on_values)


# The dates of the events kept lately, one object for each: a run's events name far fewer dates than
# they number (the publication day of each article, mostly). Sharing them leaves fewer objects to
# hold, to pickle from a fork to this process (18 us per article against 22, unpickling 14 against
# 16) and to read in the merge.
_dates_kept: _Recent[tuple[str, date | None, date | None], ResolvedDate] = _Recent(4096)


def _kept(event: Event, article: Article) -> Event:
    """The event as the store gives it back: in `article`, its expressions without fields, its date shared."""
    mentions = tuple(DateMention(m.text, m.start, m.end, m.rule, (), m.tense) for m in event.expressions)
    return Event(article, _shared_date(event.date), event.text, mentions)


def _shared_date(resolved: ResolvedDate) -> ResolvedDate:
    """The date equal to `resolved` kept lately, or `resolved` itself, kept from now on."""
    # Keyed without the granularity, whose Enum hash is Python code: compared on a hit instead.
    found = _dates_kept.get(key := (resolved.value, resolved.start, resolved.end))
    if found is None or found.granularity is not resolved.granularity:
        found = _dates_kept.keep(key, resolved)
    return found


def _days_of_first(on_date: OnDate) -> tuple[object, ...]:
    resolved = on_date[0][0].date
    return (resolved.start, resolved.end, resolved.value)


def _merge_order(item: tuple[Event, frozenset[str]]) -> tuple[object, ...]:
    # merge.event_order, which the store must not import (it comes before the merge): keep the two in step.
    event = item[0]
    return (event.article.published, event.article.name, event.expressions[0].start)

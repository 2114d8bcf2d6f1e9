"""Events kept on disk while a run merges them: a private SQLite database, read back date by date.

A large archive yields more events than are worth holding in memory until the merge. Workers pack
each analysed article (`pack_article`): the article without its body and one row per event,
pickled, with the columns the chronology is sorted by. The parent only inserts the rows; the
merge then reads them in chronology order, one date value at a time (`EventSpill.dates`), so
memory holds one date's events, never the corpus. The database is a temporary file that SQLite
deletes when it is closed.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from .errors import TimelineError
from .models import Article, DateMention, Event, Granularity, ResolvedDate, Tense

# (start, end, value, published, name, position, payload) of one event, as the worker packs it.
EventRow = tuple[int, int, str, int, bytes, int, bytes]
# Events inserted at once: few statements, and little held back in memory.
_ROWS_PER_INSERT = 2048
# Enum members by value: a dictionary look-up, several times cheaper than calling the enum.
_GRANULARITIES = {member.value: member for member in Granularity}
_TENSES = {member.value: member for member in Tense}
# Articles whose events are being merged at once: those of one date, whatever its size, mostly.
_ARTICLES_CACHED = 4096

_SCHEMA = """
CREATE TABLE articles (id INTEGER PRIMARY KEY, record BLOB NOT NULL);
CREATE TABLE events (
    start INTEGER NOT NULL, end INTEGER NOT NULL, value TEXT NOT NULL,
    published INTEGER NOT NULL, name BLOB NOT NULL, position INTEGER NOT NULL,
    article INTEGER NOT NULL, record BLOB NOT NULL
);
"""
# Chronology order (merge.event_order within a date); rowid keeps the order of arrival among ties.
# A date value always stands for the same days, so the events of one value are consecutive; names
# are compared as UTF-8 bytes, which order as Python orders the strings (by code point).
_IN_CHRONOLOGY_ORDER = """
SELECT value, start, end, article, record FROM events ORDER BY start, end, value, published, name, position, rowid
"""


@dataclass(frozen=True, slots=True)
class PackedArticle:
    """One analysed article as a worker hands it over: the pickled article, its event rows, their stems.

    `stems` holds a stem once per event holding it, for the parent to count with Counter.update (in C).
    """

    article: bytes
    events: tuple[EventRow, ...]
    stems: tuple[str, ...]


def pack_article(article: Article, events: Sequence[Event], stems: Sequence[frozenset[str]]) -> PackedArticle:
    """Pack an article (without its body) and its events, each with the content stems of its sentence.

    Each expression keeps its text, span, rule and tense; what the recognizer read in it (`fields`)
    served its resolution and stays behind. Plain tuples unpickle several times faster than dataclasses.
    """
    slim = replace(article, body="")
    # File names may hold undecodable bytes (lone surrogates), which SQLite text cannot store.
    name = slim.name.encode("utf-8", "surrogatepass")
    rows = tuple(
        (
            event.date.start.toordinal(),
            event.date.end.toordinal(),
            event.date.value,
            slim.published.toordinal(),
            name,
            event.expressions[0].start,
            pickle.dumps(
                (
                    event.date.granularity.value,
                    event.text,
                    tuple((m.text, m.start, m.end, m.rule, m.tense.value) for m in event.expressions),
                    tuple(event_stems),
                ),
                pickle.HIGHEST_PROTOCOL,
            ),
        )
        for event, event_stems in zip(events, stems, strict=True)
        if event.date.start is not None and event.date.end is not None
    )
    every_stem = tuple(stem for event_stems in stems for stem in event_stems)
    return PackedArticle(pickle.dumps(slim, pickle.HIGHEST_PROTOCOL), rows, every_stem)


@contextmanager
def _disk_errors() -> Iterator[None]:
    """Turn a failure of the temporary database (a full disk, most likely) into a one-line TimelineError."""
    try:
        yield
    except sqlite3.Error as error:
        raise TimelineError(
            f"cannot keep the events on disk while merging ({error})",
            "free some space in the temporary folder, or point TMPDIR at a disk with room",
        ) from None


class EventSpill:
    """The events of a run on disk, with the counts the merge weighs stems by."""

    def __init__(self) -> None:
        with _disk_errors():
            self._db = sqlite3.connect("")  # "": a private temporary database, deleted on close
            # SQLite's default page cache (2 MB) is enough: reading back in order costs no more with a larger one.
            self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
            self._db.executescript(_SCHEMA)
        self.articles_count = 0
        self.events_count = 0
        self.stem_frequency: Counter[str] = Counter()
        self._articles_waiting: list[tuple[int, bytes]] = []
        self._events_waiting: list[tuple[int, int, str, int, bytes, int, int, bytes]] = []
        self._article = lru_cache(maxsize=_ARTICLES_CACHED)(self._load_article)

    def add(self, packed: PackedArticle) -> None:
        """Store one packed article and its events, after those stored before."""
        self.articles_count += 1
        self._articles_waiting.append((self.articles_count, packed.article))
        self._events_waiting.extend((*row[:6], self.articles_count, row[6]) for row in packed.events)
        self.events_count += len(packed.events)
        self.stem_frequency.update(packed.stems)
        if len(self._events_waiting) >= _ROWS_PER_INSERT:
            self._store_waiting()

    def _store_waiting(self) -> None:
        """Insert the articles and events added since the last time: one statement per table, not per article."""
        with _disk_errors():
            self._db.executemany("INSERT INTO articles VALUES (?, ?)", self._articles_waiting)
            self._db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._events_waiting)
        self._articles_waiting.clear()
        self._events_waiting.clear()

    def articles(self) -> Iterator[Article]:
        """Every stored article (without its body), in the order they were added."""
        self._store_waiting()
        with _disk_errors():
            for (record,) in self._db.execute("SELECT record FROM articles ORDER BY id"):
                yield pickle.loads(record)

    def dates(self) -> Iterator[list[tuple[Event, frozenset[str]]]]:
        """The events of each date value with their stems, dates in chronology order, events in merge order."""
        self._store_waiting()
        with _disk_errors():
            for _, rows in groupby(self._db.execute(_IN_CHRONOLOGY_ORDER), key=itemgetter(0)):
                yield [self._event(*row) for row in rows]

    def _event(self, value: str, start: int, end: int, article: int, record: bytes) -> tuple[Event, frozenset[str]]:
        granularity, sentence, expressions, stems = pickle.loads(record)
        resolved = ResolvedDate(value, _GRANULARITIES[granularity], date.fromordinal(start), date.fromordinal(end))
        mentions = tuple(
            DateMention(words, at, to, rule, (), _TENSES[tense]) for words, at, to, rule, tense in expressions
        )
        return Event(self._article(article), resolved, sentence, mentions), frozenset(stems)

    def _load_article(self, article: int) -> Article:
        (record,) = self._db.execute("SELECT record FROM articles WHERE id = ?", (article,)).fetchone()
        loaded: Article = pickle.loads(record)
        return loaded

    def close(self) -> None:
        """Close the database, which deletes it."""
        self._db.close()

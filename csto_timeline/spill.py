"""Events kept on disk while a run merges them: a private SQLite database, read back date by date.

A large archive yields more events than are worth holding in memory until the merge. Each
analysed article is packed (`pack_article`): the article without its body, pickled, and one row
of plain columns per event, the columns the chronology is sorted by first. The spill stores what
it is given (`EventSpill.add`: the event store of `store.py` moves a run here once it outgrows
memory). The merge then reads the events in chronology order, one date value at a time
(`EventSpill.dates`), so memory holds one date's events, never the corpus. Forks of the process
can share the reading: the spill cuts the dates into ranges (`EventSpill.date_ranges`), and each
process reads its ranges through a read-only connection of its own (`EventSpill.dates_in`), since
a connection must not cross a fork. The database is a temporary file, deleted when the spill is
closed.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, fields
from datetime import date
from itertools import chain, groupby
from operator import attrgetter, itemgetter
from typing import TypeVar

from .errors import TimelineError
from .models import Article, DateMention, Event, Granularity, ResolvedDate, Tense

# One event as the worker packs it: its sort keys (start, end, value, published, name, position: the
# first expression's start), then granularity, sentence, stems (joined by spaces), the first expression
# (text, end, rule, tense) and the others pickled, or None: most events have one expression, and
# columns cost less to pack and to rebuild an event from than a pickle per event.
EventRow = tuple[int, int, str, int, bytes, int, str, str, str, str, int, str, str | None, bytes | None]
# The same with the number of its article after the sort keys, as the events table holds it.
StoredEventRow = tuple[int, int, str, int, bytes, int, int, str, str, str, str, int, str, str | None, bytes | None]
# Events inserted at once: few statements, and little held back in memory.
_ROWS_PER_INSERT = 2048
# Enum members by value: a dictionary look-up, several times cheaper than calling the enum.
_GRANULARITIES = {member.value: member for member in Granularity}
_TENSES: dict[str | None, Tense | None] = {None: None} | {member.value: member for member in Tense}
# An article's fields as a tuple, in the order Article() takes them: stored so, its body left out,
# without first making a copy of the article that lacks it (`dataclasses.replace` is slow).
_article_fields = attrgetter(*(field.name for field in fields(Article)))
_BODY = [field.name for field in fields(Article)].index("body")
# Neither journal nor sync: the file is private to one run, and deleted if the run fails.
_NO_JOURNAL = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
# Articles a reader keeps unpickled: those of the date being merged, mostly, and the ones later dates come back to.
_ARTICLES_CACHED = 4096

_SCHEMA = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, published INTEGER NOT NULL, noted INTEGER NOT NULL, record BLOB NOT NULL
);
CREATE TABLE events (
    start INTEGER NOT NULL, end INTEGER NOT NULL, value TEXT NOT NULL,
    published INTEGER NOT NULL, name BLOB NOT NULL, position INTEGER NOT NULL,
    article INTEGER NOT NULL, granularity TEXT NOT NULL, sentence TEXT NOT NULL, stems TEXT NOT NULL,
    expression TEXT NOT NULL, expression_end INTEGER NOT NULL, rule TEXT NOT NULL, tense TEXT,
    more_expressions BLOB
);
"""
# Chronology order (merge.event_order within a date); among ties, the order of the inputs (the article's
# number) and of the events within an article (rowid: one article's events are inserted together, in order).
# A date value always stands for the same days, so the events of one value are consecutive; names
# are compared as UTF-8 bytes, which order as Python orders the strings (by code point).
_CHRONOLOGY_INDEX = (
    "CREATE INDEX IF NOT EXISTS chronology ON events (start, end, value, published, name, position, article)"
)
_EVENTS = """
SELECT events.value, events.start, events.end, events.position, events.granularity, events.sentence, events.stems,
    events.expression, events.expression_end, events.rule, events.tense, events.more_expressions,
    articles.id, articles.record
FROM events JOIN articles ON articles.id = events.article
"""
_IN_CHRONOLOGY_ORDER = "ORDER BY start, end, value, events.published, name, position, article, events.rowid"
# The dates of a range, first and last included: (start, end, value) of each, as the index orders them.
_IN_RANGE = "WHERE (start, end, value) BETWEEN (?, ?, ?) AND (?, ?, ?)"
_DATES = "SELECT start, end, value, count(*) FROM events GROUP BY start, end, value ORDER BY start, end, value"

DateKey = tuple[int, int, str]
X = TypeVar("X")
# A row of `_EVENTS`: the event's columns, then its article's id and record.
_ReadRow = tuple[str, int, int, int, str, str, str, str, int, str, str | None, bytes | None, int, bytes]


@dataclass(frozen=True, slots=True)
class DateRange:
    """Consecutive dates of a spill, first and last included, and how many events they hold."""

    first: DateKey
    last: DateKey
    events: int


@dataclass(frozen=True, slots=True)
class PackedArticle:
    """One analysed article packed for the spill: the pickled article, its event rows, their stems.

    `stems` holds a stem once per event holding it, for whoever stores it to count with Counter.update (in C).
    `published` (an ordinal) and `noted` (whether it has notes) let the few articles to tell the user
    about be found without unpickling them all.
    """

    article: bytes
    events: tuple[EventRow, ...]
    stems: tuple[str, ...]
    published: int
    noted: bool


def _slim_fields(article: Article) -> tuple[object, ...]:
    """The article's fields as `_article_fields` gives them, the body left empty (nothing after analysis reads it)."""
    values = _article_fields(article)
    return (*values[:_BODY], "", *values[_BODY + 1 :])


def pack_article(article: Article, events: Sequence[Event], stems: Sequence[frozenset[str]]) -> PackedArticle:
    """Pack an article (without its body) and its events, each with the content stems of its sentence.

    Each expression keeps its text, span, rule and tense; what the recognizer read in it (`fields`)
    served its resolution and stays behind. Each event is a row of plain columns (`EventRow`).
    """
    # File names may hold undecodable bytes (lone surrogates), which SQLite text cannot store.
    name = article.name.encode("utf-8", "surrogatepass")
    published = article.published.toordinal()
    rows = tuple(
        _event_row(event, event_stems, published, name)
        for event, event_stems in zip(events, stems, strict=True)
        if is_dated(event)
    )
    every_stem = tuple(chain.from_iterable(stems))
    record = pickle.dumps(_slim_fields(article), pickle.HIGHEST_PROTOCOL)
    return PackedArticle(record, rows, every_stem, published, bool(article.notes))


def cut_by_size(items: Iterable[X], size: Callable[[X], int], least: int) -> Iterator[list[X]]:
    """`items` cut into consecutive runs whose sizes add up to at least `least` (the last run may fall short)."""
    run: list[X] = []
    held = 0
    for item in items:
        run.append(item)
        held += size(item)
        if held >= least:
            yield run
            run, held = [], 0
    if run:
        yield run


def is_dated(event: Event) -> bool:
    """Whether the event's date covers known days: only such events are stored, and merged."""
    return event.date.start is not None and event.date.end is not None


def _event_row(event: Event, stems: frozenset[str], published: int, name: bytes) -> EventRow:
    resolved = event.date
    assert resolved.start is not None and resolved.end is not None  # pack_article keeps dated events only
    first, *more = event.expressions
    others = tuple((m.text, m.start, m.end, m.rule, _tense_value(m.tense)) for m in more)
    return (
        resolved.start.toordinal(),
        resolved.end.toordinal(),
        resolved.value,
        published,
        name,
        first.start,
        resolved.granularity.value,
        event.text,
        " ".join(stems),  # stems are words (merge._WORD): none holds a space
        first.text,
        first.end,
        first.rule,
        _tense_value(first.tense),
        pickle.dumps(others, pickle.HIGHEST_PROTOCOL) if others else None,
    )


def _tense_value(tense: Tense | None) -> str | None:
    return None if tense is None else tense.value


def _unpickled_article(record: bytes) -> Article:
    return Article(*pickle.loads(record))


@contextmanager
def _disk_errors() -> Iterator[None]:
    """Turn a failure of the temporary database (a full disk, most likely) into a one-line TimelineError."""
    try:
        yield
    except (sqlite3.Error, OSError) as error:  # OSError: no temporary folder to make the file in
        raise TimelineError(
            f"cannot keep the events on disk while merging ({error})",
            "free some space in the temporary folder, or point TMPDIR at a disk with room",
        ) from None


class EventSpill:
    """The events of a run on disk, with the counts the merge weighs stems by."""

    def __init__(self) -> None:
        with _disk_errors():
            handle, self.path = tempfile.mkstemp(prefix="timeline-", suffix=".events.sqlite")
            os.close(handle)
            try:
                # No implicit transactions: each batch of inserts is committed, and seen by readers, at once.
                self._db = sqlite3.connect(self.path, isolation_level=None)
                # SQLite's default page cache (2 MB) is enough: reading back in order costs no more with a larger one.
                self._db.executescript(_NO_JOURNAL)
                self._db.executescript(_SCHEMA)
            except sqlite3.Error:
                os.unlink(self.path)
                raise
        self.articles_count = 0
        self.events_count = 0
        self.stem_frequency: Counter[str] = Counter()
        self._articles_waiting: list[_ArticleRow] = []
        self._events_waiting: list[StoredEventRow] = []
        self._article = _ArticleCache()
        self._reader: tuple[int, SpillReader] | None = None  # this process's, and its id

    def add(self, packed: PackedArticle) -> None:
        """Store one packed article and its events, after those stored before."""
        self.articles_count += 1
        self._articles_waiting.append(_article_row(self.articles_count, packed))
        self._events_waiting.extend(_numbered_rows(self.articles_count, packed))
        self.events_count += len(packed.events)
        self.stem_frequency.update(packed.stems)
        if len(self._events_waiting) >= _ROWS_PER_INSERT:
            self._store_waiting()

    def _store_waiting(self) -> None:
        """Insert the articles and events added since the last time: one statement per table, not per article."""
        _insert(self._db, self._articles_waiting, self._events_waiting)
        self._articles_waiting.clear()
        self._events_waiting.clear()

    def articles(self) -> Iterator[Article]:
        """Every stored article (without its body), in the order of their numbers: the order of the inputs."""
        return self._articles("", ())

    def articles_to_note(self, today: date) -> Iterator[Article]:
        """The stored articles with notes, or published after `today`, in the order of their numbers."""
        # `articles.has_notes`, in SQL: keep the two in step.
        return self._articles("WHERE noted OR published > ?", (today.toordinal(),))

    def _articles(self, where: str, parameters: tuple[int, ...]) -> Iterator[Article]:
        self._store_waiting()
        with _disk_errors():
            for (record,) in self._db.execute(f"SELECT record FROM articles {where} ORDER BY id", parameters):
                yield _unpickled_article(record)

    def dates(self) -> Iterator[list[tuple[Event, frozenset[str]]]]:
        """The events of each date value with their stems, dates in chronology order, events in merge order."""
        self._store_waiting()
        with _disk_errors():
            yield from _dates_of(self._db.execute(f"{_EVENTS} {_IN_CHRONOLOGY_ORDER}"), self._article)

    def date_ranges(self, events: int) -> Iterator[DateRange]:
        """The dates cut into consecutive ranges of at least `events` events (the last may hold fewer).

        Every stored event is then in the file, and indexed for `SpillReader.dates` to read a range.
        """
        self._store_waiting()
        with _disk_errors():
            self._db.execute(_CHRONOLOGY_INDEX)
            for dates in cut_by_size(self._db.execute(_DATES), itemgetter(3), events):
                yield DateRange(dates[0][:3], dates[-1][:3], sum(count for *_, count in dates))

    def dates_in(self, dates: DateRange) -> Iterator[list[tuple[Event, frozenset[str]]]]:
        """The events of each date of a range of `date_ranges`, as `dates` gives them; in this process or a fork."""
        if self._reader is None or self._reader[0] != os.getpid():
            self._reader = (os.getpid(), SpillReader(self.path))
        return self._reader[1].dates(dates)

    def close(self) -> None:
        """Close the database and delete its file."""
        self._db.close()
        with suppress(FileNotFoundError):
            os.unlink(self.path)


# An article as the articles table holds it: (id, published, noted, record).
_ArticleRow = tuple[int, int, bool, bytes]


def _article_row(article: int, packed: PackedArticle) -> _ArticleRow:
    return article, packed.published, packed.noted, packed.article


def _numbered_rows(article: int, packed: PackedArticle) -> Iterator[StoredEventRow]:
    """The event rows of a packed article as the events table holds them: with the article's number."""
    return ((*row[:6], article, *row[6:]) for row in packed.events)


def _insert(db: sqlite3.Connection, articles: Iterable[_ArticleRow], events: Iterable[StoredEventRow]) -> None:
    """Insert articles and their events in one transaction: one statement per table."""
    with _disk_errors():
        db.execute("BEGIN")  # one transaction for them all: one per row (autocommit) is many times slower
        db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?)", articles)
        db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        db.execute("COMMIT")


class SpillReader:
    """A read-only view of a spill's file, for one process to read ranges of dates."""

    def __init__(self, path: str) -> None:
        with _disk_errors():
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        # One cache for every range this process reads: an article's events are spread over many dates.
        self._article = _ArticleCache()

    def dates(self, dates: DateRange) -> Iterator[list[tuple[Event, frozenset[str]]]]:
        """The events of each date of the range, as `EventSpill.dates` gives them."""
        with _disk_errors():
            rows = self._db.execute(f"{_EVENTS} {_IN_RANGE} {_IN_CHRONOLOGY_ORDER}", (*dates.first, *dates.last))
            yield from _dates_of(rows, self._article)


def _dates_of(rows: Iterator[_ReadRow], article: _ArticleCache) -> Iterator[list[tuple[Event, frozenset[str]]]]:
    """Stored events grouped by date value, each with its stems and its article from `article`."""
    for _, on_date in groupby(rows, key=itemgetter(0)):
        dates: dict[tuple[str, int, int], ResolvedDate] = {}  # the events of a date share one
        stems: dict[str, frozenset[str]] = {}  # and so do the reprints of a sentence among them
        yield [_event(row, article, dates, stems) for row in on_date]


class _ArticleCache:
    """Articles by id, each unpickled once; all forgotten when it is full, so that memory stays bounded."""

    def __init__(self) -> None:
        self._by_id: dict[int, Article] = {}

    def __call__(self, article: int, record: bytes) -> Article:
        found = self._by_id.get(article)
        if found is None:
            if len(self._by_id) >= _ARTICLES_CACHED:
                self._by_id.clear()
            found = self._by_id[article] = _unpickled_article(record)
        return found


def _event(
    row: _ReadRow,
    article_of: _ArticleCache,
    dates: dict[tuple[str, int, int], ResolvedDate],
    stems_of: dict[str, frozenset[str]],
) -> tuple[Event, frozenset[str]]:
    value, start, end, at, granularity, sentence, stems, words, to, rule, tense, more, article, record = row
    resolved = dates.get(key := (granularity, start, end))
    if resolved is None:
        resolved = dates[key] = ResolvedDate(
            value, _GRANULARITIES[granularity], date.fromordinal(start), date.fromordinal(end)
        )
    mentions: tuple[DateMention, ...] = (DateMention(words, at, to, rule, (), _TENSES[tense]),)
    if more is not None:
        mentions += tuple(DateMention(w, a, t, r, (), _TENSES[x]) for w, a, t, r, x in pickle.loads(more))
    stem_set = stems_of.get(stems)
    if stem_set is None:
        stem_set = stems_of[stems] = frozenset(stems.split())
    return Event(article_of(article, record), resolved, sentence, mentions), stem_set

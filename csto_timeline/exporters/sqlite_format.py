"""SQLite: articles, mentions and entries in one database file, for sqlite3, Datasette or pandas.

`entry_mentions` links each entry to the date mentions that date it. The writer fills a new file;
the caller writes it beside the destination and renames it over, so a re-export is atomic.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from pathlib import Path

from ..errors import OutputError
from ..models import Article, TimelineEntry
from .calendar import entry_articles

SCHEMA = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    published TEXT NOT NULL,
    published_from TEXT NOT NULL,
    source TEXT,
    title TEXT,
    url TEXT
);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    granularity TEXT NOT NULL,
    event TEXT NOT NULL
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    expression TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    date TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    granularity TEXT NOT NULL,
    sentence TEXT NOT NULL
);
CREATE TABLE entry_mentions (
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    mention_id INTEGER NOT NULL REFERENCES mentions(id),
    PRIMARY KEY (entry_id, mention_id)
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX entries_dates ON entries(start_date, end_date);
CREATE INDEX mentions_dates ON mentions(start_date, end_date);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX entry_mentions_mention ON entry_mentions(mention_id);
"""


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def _article_ids(db: sqlite3.Connection, entries: Sequence[TimelineEntry]) -> dict[str, int]:
    articles: dict[str, Article] = {}
    for entry in entries:
        for article in entry_articles(entry):
            articles.setdefault(article.path, article)
    ids = {}
    for number, article in enumerate(sorted(articles.values(), key=lambda a: (a.name, a.path)), start=1):
        db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
            (number, article.name, article.published.isoformat(), article.published_from,
             article.source, article.title, article.url),
        )  # fmt: skip
        ids[article.path] = number
    return ids


def _insert_entry(db: sqlite3.Connection, entry_id: int, entry: TimelineEntry, article_ids: dict[str, int]) -> None:
    date = entry.date
    db.execute(
        "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)",
        (entry_id, date.value, _iso(date.start), _iso(date.end), date.granularity.value, entry.event),
    )
    for event in entry.events:
        for mention in event.expressions:
            cursor = db.execute(
                "INSERT INTO mentions (article_id, expression, span_start, span_end, date, start_date, end_date,"
                " granularity, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_ids[event.article.path], mention.text, mention.start, mention.end, event.date.value,
                 _iso(event.date.start), _iso(event.date.end), event.date.granularity.value, event.text),
            )  # fmt: skip
            db.execute("INSERT INTO entry_mentions VALUES (?, ?)", (entry_id, cursor.lastrowid))


def write_database(entries: Iterable[TimelineEntry], path: Path) -> None:
    """Create the database at `path` (a new, empty file) holding the chronology and its sources.

    Raises OutputError when SQLite cannot write it (a full disk, a read-only folder).
    """
    try:
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA foreign_keys = ON")
            db.executescript(SCHEMA)
            chronology = tuple(entries)  # articles are numbered by name before any entry is written
            with db:
                article_ids = _article_ids(db, chronology)
                for entry_id, entry in enumerate(chronology, start=1):
                    _insert_entry(db, entry_id, entry, article_ids)
    except sqlite3.Error as error:
        raise OutputError(f"cannot write the SQLite database ({error})", "check the disk and the permissions") from None

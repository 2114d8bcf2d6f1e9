"""SQLite: articles, mentions and entries in one database file, for sqlite3, Datasette or pandas.

`entry_mentions` links each entry to the date mentions that date it. The writer fills a new file;
the caller writes it beside the destination and renames it over, so a re-export is atomic.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

from ..errors import OutputError
from ..models import Article, TimelineEntry

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


class _ArticleNumbers:
    """The articles of the chronology, numbered as first met while entries are written, renumbered by name at the end.

    Holds one short row per article, not the entries: the chronology streams through.
    """

    def __init__(self) -> None:
        self._met: dict[str, tuple[int, tuple[str, ...]]] = {}

    def of(self, article: Article) -> int:
        """The provisional number of `article`."""
        found = self._met.get(article.path)
        if found is None:
            row = (article.name, article.published.isoformat(), article.published_from,
                   article.source, article.title, article.url)  # fmt: skip
            found = self._met[article.path] = (len(self._met) + 1, row)
        return found[0]

    def store(self, db: sqlite3.Connection) -> None:
        """Insert the articles numbered by name (then path), and point each mention to its article's number."""
        by_name = sorted(self._met.items(), key=lambda item: (item[1][1][0], item[0]))
        db.executemany(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((number, *row) for number, (_, (_, row)) in enumerate(by_name, start=1)),
        )
        db.execute("CREATE TEMP TABLE renumbered (provisional INTEGER PRIMARY KEY, final INTEGER NOT NULL)")
        db.executemany(
            "INSERT INTO renumbered VALUES (?, ?)",
            ((provisional, number) for number, (_, (provisional, _)) in enumerate(by_name, start=1)),
        )
        db.execute("UPDATE mentions SET article_id = (SELECT final FROM renumbered WHERE provisional = article_id)")
        db.execute("DROP TABLE renumbered")


def _insert_entry(db: sqlite3.Connection, entry_id: int, entry: TimelineEntry, articles: _ArticleNumbers) -> None:
    date = entry.date
    db.execute(
        "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)",
        (entry_id, date.value, _iso(date.start), _iso(date.end), date.granularity.value, entry.event),
    )
    for event in entry.events:
        article_id = articles.of(event.article)
        for mention in event.expressions:
            cursor = db.execute(
                "INSERT INTO mentions (article_id, expression, span_start, span_end, date, start_date, end_date,"
                " granularity, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, mention.text, mention.start, mention.end, event.date.value,
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
            with db:
                # Mentions name their articles before the articles, numbered by name at the end, are stored.
                db.execute("PRAGMA defer_foreign_keys = ON")
                articles = _ArticleNumbers()
                for entry_id, entry in enumerate(entries, start=1):
                    _insert_entry(db, entry_id, entry, articles)
                articles.store(db)
    except sqlite3.Error as error:
        raise OutputError(f"cannot write the SQLite database ({error})", "check the disk and the permissions") from None

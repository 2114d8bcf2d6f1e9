"""The event store: in memory up to its budget, then on disk, giving back the same either way."""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import replace
from datetime import date

import pytest

from csto_timeline import store
from csto_timeline.articles import find_files, load_article
from csto_timeline.models import Article, DateMention, Event, Granularity, ResolvedDate
from csto_timeline.pipeline import chronicle, held_each
from csto_timeline.store import EventStore, held_article
from tests.conftest import ARTICLES


def _seed_store() -> EventStore:
    kept = EventStore()
    articles = [load_article(path, None) for path in find_files([str(ARTICLES)])]
    assert all(isinstance(article, Article) for article in articles)
    for held in held_each(articles):
        kept.add(held)
    return kept


def _contents(kept: EventStore) -> tuple[object, ...]:
    dates = [[(event, stems) for event, stems in on_date] for on_date in kept.dates()]
    return list(kept.articles()), dates, kept.articles_count, kept.events_count, dict(kept.stem_frequency)


def test_events_come_back_the_same_from_memory_and_from_disk() -> None:
    kept = _seed_store()
    try:
        in_memory = _contents(kept)
        assert kept.spill is None
        spill = kept.on_disk()
        assert kept.on_disk() is spill  # moved once
        on_disk = _contents(kept)
    finally:
        kept.close()
    assert on_disk == in_memory
    articles, dates, articles_count, events_count, _ = in_memory
    assert articles_count == len(articles) == 5 and events_count == sum(map(len, dates)) > 20
    assert all(article.body == "" for article in articles)
    events: list[Event] = [event for on_date in dates for event, _ in on_date]
    assert all(mention.fields == () for event in events for mention in event.expressions)
    assert all(event.article.body == "" for event in events)


def test_dates_come_in_chronology_order_with_each_value_once() -> None:
    kept = _seed_store()
    try:
        dates = list(kept.dates())
    finally:
        kept.close()
    firsts = [on_date[0][0].date for on_date in dates]
    assert [(day.start, day.end, day.value) for day in firsts] == sorted((d.start, d.end, d.value) for d in firsts)
    assert len({day.value for day in firsts}) == len(dates)
    for on_date in dates:
        order = [(e.article.published, e.article.name, e.expressions[0].start) for e, _ in on_date]
        assert order == sorted(order)


def test_a_store_past_its_budget_moves_to_disk_and_keeps_the_order(monkeypatch: pytest.MonkeyPatch) -> None:
    with chronicle([str(ARTICLES)]) as chronology:
        expected = [(entry.date.value, entry.event, entry.sources) for entry in chronology.entries()]
        articles = [article.name for article in chronology.articles()]
    monkeypatch.setattr(store, "_EVENTS_IN_MEMORY", 10)  # the seeds hold more: the move comes midway
    with chronicle([str(ARTICLES)]) as chronology:
        assert chronology.store.spill is not None
        assert [(entry.date.value, entry.event, entry.sources) for entry in chronology.entries()] == expected
        assert [article.name for article in chronology.articles()] == articles


def test_closing_the_store_deletes_its_spill_file() -> None:
    kept = EventStore()
    kept.add(held_article(Article("a.txt", "a.txt", "body", date(2021, 8, 23), "header"), [], []))
    path = kept.on_disk().path
    assert os.path.isfile(path) and kept.articles_count == 1
    kept.close()
    assert not os.path.exists(path)


def test_held_articles_from_another_process_share_each_sentences_stems() -> None:
    """Unpickled, they equal what was sent; a sentence's stems are one set of interned words, as in one process."""
    articles = [load_article(path, None) for path in find_files([str(ARTICLES)])]
    assert all(isinstance(article, Article) for article in articles)
    sent = held_each(articles)
    reprinted = [replace(held, article=replace(held.article, name=f"reprint-{held.article.name}")) for held in sent]
    # Two results, as two chunks of a fork's work are: each unpickled on its own.
    held_once, held_again = (pickle.loads(pickle.dumps(each, pickle.HIGHEST_PROTOCOL)) for each in (sent, reprinted))
    assert held_once == sent and held_again == reprinted
    for first, again in zip(held_once, held_again, strict=True):
        assert all(a is b for a, b in zip(first.stems, again.stems, strict=True))
    stems = [stem_set for held in held_once for stem_set in held.stems]
    assert all(sys.intern(word) is word for stem_set in stems for word in stem_set)


def test_events_kept_share_one_object_per_date() -> None:
    article = Article("a.txt", "a.txt", "body", date(2021, 8, 23), "header")
    day = date(2021, 8, 15)
    expression = DateMention("August 15", 0, 9, "month_day", (("month", "8"),), None)
    dates = [
        ResolvedDate("2021-08-15", Granularity.DAY, day, day),
        ResolvedDate("2021-08-15", Granularity.DAY, day, day),  # equal, not the same object
        ResolvedDate("2021-08-15", Granularity.RANGE, day, day),  # the same days read another way
    ]
    held = held_article(
        article, [Event(article, each, f"Event {n}.", (expression,)) for n, each in enumerate(dates)], []
    )
    kept = [event.date for event in held.events]
    assert kept == dates
    assert kept[0] is kept[1] and kept[2] is not kept[0]
    assert all(event.expressions == (replace(expression, fields=()),) for event in held.events)

"""Merging: the same event told by several articles is one entry; different events stay apart."""

from __future__ import annotations

from datetime import date

from csto_timeline.events import extract_events, place_mentions
from csto_timeline.merge import merge
from csto_timeline.models import Article
from csto_timeline.recognize import find_mentions
from csto_timeline.resolve import resolve_all

PUBLISHED = date(2021, 8, 23)


def events_of(name: str, body: str, published: date = PUBLISHED):
    article = Article(path=name, name=name, body=body, published=published, published_from="header")
    return extract_events(place_mentions(article, resolve_all(find_mentions(body), published)))


def test_same_past_day_in_other_words_is_one_entry() -> None:
    a = events_of("a", "The Taliban seized power in Afghanistan on 15 August, causing the government to fall.")
    b = events_of("b", "On August 15, Taliban fighters swept into Kabul and gained full control of the Afghan capital.")
    c = events_of("c", "Grain prices in Chicago rose sharply on August 15 after a dry week in Iowa.")
    entries = merge(a + b + c)
    assert [(e.date.value, e.sources) for e in entries] == [("2021-08-15", ("a", "b")), ("2021-08-15", ("c",))]


def test_events_of_one_article_never_merge_with_each_other() -> None:
    text = "The Taliban took Kabul on August 15, officials said. They took Jalalabad on August 15 too, officials said."
    assert len(merge(events_of("a", text))) == 2


def test_a_coarse_date_needs_more_than_a_few_shared_words() -> None:
    a = events_of("a", "This year Tajikistan is chairing the group of six states.")
    b = events_of(
        "b", "It is worthy of note that the 2021 Taliban is different from its earlier version in Tajikistan."
    )
    assert len(merge(a + b)) == 2


def test_entries_are_sorted_and_keep_the_earliest_article_text() -> None:
    late = events_of("late", "Taliban fighters swept into Kabul on August 15, taking the capital.", date(2021, 8, 30))
    early = events_of(
        "early", "Taliban fighters swept into Kabul on August 15, seizing the capital.", date(2021, 8, 16)
    )
    older = events_of("older", "In June, the Taliban seized 700 trucks from the army.", date(2021, 7, 7))
    entries = merge(late + early + older)
    assert [e.date.value for e in entries] == ["2021-06", "2021-08-15"]
    assert entries[1].sources == ("early", "late")
    assert entries[1].event.endswith("seizing the capital.")

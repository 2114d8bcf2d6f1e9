"""Merging: the same event told by several articles is one entry; different events stay apart."""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from csto_timeline.events import extract_events, place_mentions
from csto_timeline.merge import _similarity, _weight_of, merge, stem_weights
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


STEMS = st.frozensets(st.sampled_from([f"w{n}" for n in range(12)]), min_size=1)


@given(a=STEMS, b=STEMS, counts=st.lists(st.integers(1, 50), min_size=12, max_size=12), events=st.integers(50, 10**6))
def test_no_similarity_exceeds_that_of_a_sentence_with_itself(
    a: frozenset[str], b: frozenset[str], counts: list[int], events: int
) -> None:
    """Why merging may stop at a score of 1.0: it is what equal stems score, and nothing scores more."""
    weight = stem_weights(Counter({f"w{n}": count for n, count in enumerate(counts)}), events)
    a_total, b_total = _weight_of(a, weight), _weight_of(b, weight)
    assert _similarity(a, a_total, a_total, weight) == 1.0
    assert _similarity(a & b, a_total, b_total, weight) <= 1.0


def test_a_reprinted_sentence_joins_the_first_cluster_holding_it() -> None:
    text = "Taliban fighters swept into Kabul on August 15, taking the capital without a fight."
    entries = merge(events_of("a", text) + events_of("b", text) + events_of("c", text))
    assert [entry.sources for entry in entries] == [("a", "b", "c")]

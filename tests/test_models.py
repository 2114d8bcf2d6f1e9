"""The records passed between layers: built, compared, frozen and pickled as plain frozen dataclasses are."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, replace
from datetime import date

import pytest

from csto_timeline.models import Article, DateMention, Event, Granularity, ResolvedDate, Tense

ARTICLE = Article("a/one.txt", "one.txt", "Body.", date(2021, 8, 15), "front matter", source="AP")
DAY = ResolvedDate("2021-08-13", Granularity.DAY, date(2021, 8, 13), date(2021, 8, 13))
MENTION = DateMention("Friday", 3, 9, "weekday", (("weekday", "Friday"),), Tense.PAST)


def test_fields_are_set_positionally_by_keyword_and_by_default() -> None:
    by_keyword = Article(
        path="a/one.txt",
        name="one.txt",
        body="Body.",
        published=date(2021, 8, 15),
        published_from="front matter",
        source="AP",
    )
    assert by_keyword == ARTICLE
    assert (ARTICLE.title, ARTICLE.url, ARTICLE.encoding, ARTICLE.notes) == ("", "", "utf-8", ())
    assert MENTION.field("weekday") == "Friday"


def test_records_stay_frozen_and_hash_by_value() -> None:
    with pytest.raises(FrozenInstanceError):
        ARTICLE.body = ""  # type: ignore[misc]
    assert hash(replace(MENTION)) == hash(MENTION)
    assert replace(ARTICLE, body="") != ARTICLE
    with pytest.raises(TypeError):
        DateMention("Friday", 3, 9, "weekday", ())  # type: ignore[call-arg]


def test_pickling_keeps_type_values_and_shared_parts() -> None:
    event = Event(ARTICLE, DAY, "On Friday, it rained.", (MENTION,))
    other = Event(ARTICLE, DAY, "It rained again.", (MENTION,))
    back, back_other = pickle.loads(pickle.dumps([event, other], pickle.HIGHEST_PROTOCOL))
    assert (back, back_other) == (event, other)
    assert type(back) is Event and type(back.expressions[0].tense) is Tense
    assert back.article is back_other.article  # one copy of a shared article, as before
    assert copy.deepcopy(event) == event

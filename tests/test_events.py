"""Which sentences tell an event: page furniture, captions and fragments do not."""

from __future__ import annotations

import pytest

from csto_timeline.events import is_event_sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "© 2021 The Associated Press. All rights reserved on Monday.",
        "  Read more: the talks held in Dushanbe on Monday",
        "Subscribe to our newsletter for the news of the day",
        "Related: Russia holds drills near the Afghan border",
        "Advertisement  ",
        "Troops at the border on Monday. PHOTO by the ministry",
    ],
)
def test_page_furniture_is_no_event(sentence: str) -> None:
    assert not is_event_sentence(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Advertisement revenue fell in the second quarter, the company said.",
        "The readers who subscribe to it read more on Monday.",
        "The photographs were taken at the border on Monday.",
    ],
)
def test_a_sentence_that_only_holds_furniture_words_is_an_event(sentence: str) -> None:
    assert is_event_sentence(sentence)


def test_a_fragment_of_fewer_than_four_lowercase_words_is_no_event() -> None:
    assert not is_event_sentence("Dushanbe, August 23")
    assert is_event_sentence("Talks were held in Dushanbe on August 23")

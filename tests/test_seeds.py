"""Every date a careful reader resolves in the seed articles, resolved right."""

from __future__ import annotations

import re

import pytest

from csto_timeline.pipeline import Timeline

EXPECTED = [
    ("000_ed1cbedd21b4813f.txt", "23 August", "2021-08-23"),
    ("000_ed1cbedd21b4813f.txt", "August 16, 2021", "2021-08-16"),
    ("000_ed1cbedd21b4813f.txt", "Earlier in the day", "2021-08-23"),
    ("000_ed1cbedd21b4813f.txt", "15 August", "2021-08-15"),
    ("000_ed1cbedd21b4813f.txt", "today", "2021-08-23"),
    ("001_8bc1901eddcf3703.txt", "September 23, 2013", "2013-09-23"),
    ("001_8bc1901eddcf3703.txt", "July 4-5", "2021-07-04/2021-07-05"),
    ("001_8bc1901eddcf3703.txt", "September 11, 2021", "2021-09-11"),
    ("001_8bc1901eddcf3703.txt", "October 2001", "2001-10"),
    ("001_8bc1901eddcf3703.txt", "2011", "2011"),
    ("001_8bc1901eddcf3703.txt", "June", "2021-06"),
    ("001_8bc1901eddcf3703.txt", "1996", "1996"),
    ("002_9e41d0f38100129b.txt", "Thursday", "2021-07-08"),
    ("002_9e41d0f38100129b.txt", "earlier in the day", "2021-07-09"),
    ("002_9e41d0f38100129b.txt", "last night", "2021-07-08"),
    ("002_9e41d0f38100129b.txt", "this morning", "2021-07-09"),
    ("002_9e41d0f38100129b.txt", "May", "2021-05"),
    ("002_9e41d0f38100129b.txt", "this week", "2021-W27"),
    ("003_969414e8ff3677b6.txt", "August 23, 2021", "2021-08-23"),
    ("003_969414e8ff3677b6.txt", "Monday", "2021-08-23"),
    ("003_969414e8ff3677b6.txt", "This year", "2021"),
    ("003_969414e8ff3677b6.txt", "August 15", "2021-08-15"),
    ("004_61b43350eca94368.txt", "2021-08-23", "2021-08-23"),
    ("004_61b43350eca94368.txt", "Monday", "2021-08-23"),
    ("004_61b43350eca94368.txt", "September 16", "2021-09-16"),
    ("004_61b43350eca94368.txt", "August 15", "2021-08-15"),
    ("004_61b43350eca94368.txt", "February 14, 2003", "2003-02-14"),
]


@pytest.mark.parametrize(("article", "expression", "value"), EXPECTED)
def test_seed_expression_resolves(seed_values, article: str, expression: str, value: str) -> None:
    values = seed_values[article].get(expression)
    assert values, f"{expression!r} not found in {article}"
    assert set(values) == {value}


def test_every_thursday_of_002_is_the_day_before_publication(seed_values) -> None:
    assert seed_values["002_9e41d0f38100129b.txt"]["Thursday"] == ["2021-07-08"] * 3


NOT_DATES = [
    "910",
    "700",
    "30,000",
    "20-year-long",
    "40 percent",
    "8th",
    "1,000",
    "650",
    "9,000",
    "261",
    "280",
    "2,300",
    "1,300",
    "70%",
]


def test_no_count_or_measure_is_a_date(seed_timeline: Timeline) -> None:
    found = [record.mention.text for item in seed_timeline.articles for record in item.mentions]
    for number in NOT_DATES:
        assert not any(number in text or text in number for text in found), (number, found)


def test_may_the_verb_is_not_a_date(seed_timeline: Timeline) -> None:
    first = next(item for item in seed_timeline.articles if item.article.name.startswith("000"))
    assert "may" not in [record.mention.text for record in first.mentions]


def test_month_only_dates_keep_month_granularity(seed_timeline: Timeline) -> None:
    months = [r for item in seed_timeline.articles for r in item.mentions if re.fullmatch(r"\d{4}-\d{2}", r.date.value)]
    assert months
    assert all(r.date.granularity.value == "month" for r in months)
    assert all(r.date.start.day == 1 for r in months)


def test_kabul_takeover_is_one_entry_with_all_three_articles(seed_timeline: Timeline) -> None:
    entries = [entry for entry in seed_timeline.entries if entry.date.value == "2021-08-15"]
    assert len(entries) == 1
    assert set(entries[0].sources) == {
        "000_ed1cbedd21b4813f.txt",
        "003_969414e8ff3677b6.txt",
        "004_61b43350eca94368.txt",
    }


def test_boilerplate_and_captions_are_not_events(seed_timeline: Timeline) -> None:
    texts = [entry.event for entry in seed_timeline.entries]
    assert not any("PHOTO" in text or "Read more" in text or "Subscribe" in text for text in texts)
    assert "2021-08-16" not in [entry.date.value for entry in seed_timeline.entries]


def test_chronology_is_sorted_by_date(seed_timeline: Timeline) -> None:
    starts = [entry.date.start for entry in seed_timeline.entries]
    assert starts == sorted(starts)


def test_datelines_are_not_event_text(seed_timeline: Timeline) -> None:
    assert not any(entry.event.startswith(("MOSCOW", "DUSHANBE")) for entry in seed_timeline.entries)

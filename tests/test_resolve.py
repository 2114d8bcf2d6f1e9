"""Resolution against a fixed publication date: value and granularity."""

from __future__ import annotations

from datetime import date

import pytest

from csto_timeline.recognize import find_mentions
from csto_timeline.resolve import resolve, resolve_all

MONDAY = date(2021, 8, 23)


def resolved(text: str, anchor: date = MONDAY) -> list[tuple[str, str]]:
    return [(r.date.value, r.date.granularity.value) for r in resolve_all(find_mentions(text), anchor)]


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("It fell on August 15.", "2021-08-15", "day"),
        ("The summit will be held on September 16.", "2021-09-16", "day"),
        ("The summit was held on September 16.", "2020-09-16", "day"),
        ("They met on Monday.", "2021-08-23", "day"),
        ("They met on Thursday.", "2021-08-19", "day"),
        ("They will meet on Thursday.", "2021-08-26", "day"),
        ("They met last Monday.", "2021-08-16", "day"),
        ("They meet next Monday.", "2021-08-30", "day"),
        ("It rained yesterday.", "2021-08-22", "day"),
        ("It rains tomorrow.", "2021-08-24", "day"),
        ("In June, trucks were seized.", "2021-06", "month"),
        ("In October, talks will resume.", "2021-10", "month"),
        ("In October, talks resumed.", "2020-10", "month"),
        ("The war began in October 2001.", "2001-10", "month"),
        ("Troops peaked in 2011.", "2011", "year"),
        ("This year the group met.", "2021", "year"),
        ("Prices rose last year.", "2020", "year"),
        ("Prices rose last week.", "2021-W33", "week"),
        ("Prices rose this week.", "2021-W34", "week"),
        ("Prices will rise next month.", "2021-09", "month"),
        ("They crossed on July 4-5.", "2021-07-04/2021-07-05", "range"),
        ("Sales rose in the third quarter of 1998.", "1998-Q3", "quarter"),
        ("It happened in the 1990s.", "199", "decade"),
        ("It happened two weeks ago.", "2021-W32", "week"),
        ("It happened a year ago.", "2020", "year"),
        ("It will happen in mid-August.", "2021-08", "month"),
        ("They are now ready.", "PRESENT_REF", "fuzzy"),
        ("It happened on Monday, Aug. 16.", "2021-08-16", "day"),
        ("Filed 2021-08-23.", "2021-08-23", "day"),
        ("Prices rose in the summer of 2020.", "2020-SU", "season"),
    ],
)
def test_resolves(text: str, value: str, granularity: str) -> None:
    assert resolved(text) == [(value, granularity)]


def test_yearless_date_across_a_year_boundary() -> None:
    assert resolved("It happened on December 30.", date(2022, 1, 3)) == [("2021-12-30", "day")]
    assert resolved("It will happen on January 3.", date(2021, 12, 30)) == [("2022-01-03", "day")]


def test_narrative_day_follows_the_story() -> None:
    text = "On August 15, the Taliban took Kabul. The next day, the president fled."
    assert resolved(text) == [("2021-08-15", "day"), ("2021-08-16", "day")]


def test_month_is_never_narrowed_to_a_day() -> None:
    (only,) = resolve_all(find_mentions("In June, it rained."), MONDAY)
    assert only.date.start == date(2021, 6, 1)
    assert only.date.end == date(2021, 6, 30)


@pytest.mark.parametrize("text", ["It happened on February 30.", "It happened on 32 August.", "Filed 0000-00-00."])
def test_nonsense_dates_resolve_to_nothing(text: str) -> None:
    assert all(resolve(mention, MONDAY) is None for mention in find_mentions(text))

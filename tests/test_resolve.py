"""Resolution against a fixed publication date: value and granularity."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from csto_timeline.recognize import find_mentions
from csto_timeline.resolve import _moved, resolve, resolve_all

MONDAY = date(2021, 8, 23)
_DATE_WORDS = [
    " February ",
    " 30 ",
    " Monday ",
    " quarter ",
    " the ",
    " fourth ",
    " year-ago ",
    " last ",
    " fall ",
    " nineteen ",
    " ninety ",
    " Thanksgiving ",
    " 0th ",
    " century ",
    " ago ",
    " weekend ",
    " that year ",
]


def resolved(text: str, anchor: date = MONDAY) -> list[tuple[str, str]]:
    return [(r.date.value, r.date.granularity.value) for r in resolve_all(find_mentions(text), anchor)]


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("It fell on August 15.", "2021-08-15", "day"),
        ("The summit will be held on September 16.", "2021-09-16", "day"),
        ("Leaders will mark the August 7 bombings with a minute of silence.", "2021-08-07", "day"),
        ("Leaders will meet on July 7.", "2022-07-07", "day"),
        ("The summit was held on September 16.", "2020-09-16", "day"),
        ("They met on Monday.", "2021-08-23", "day"),
        ("They met on Thursday.", "2021-08-19", "day"),
        ("They will meet on Thursday.", "2021-08-26", "day"),
        ("Albright heads Tuesday to Africa.", "2021-08-24", "day"),
        ("Albright headed Wednesday to Africa.", "2021-08-18", "day"),
        ("They met last Monday.", "2021-08-16", "day"),
        ("They meet next Monday.", "2021-08-30", "day"),
        ("Prices fell from the previous Friday.", "2021-08-20", "day"),
        ("They met this past Monday.", "2021-08-16", "day"),
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


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a weekday the story tells of is the day "the next day" and "the previous Friday" count from
        ("On Thursday the talks were stalled. The next day they resumed.", ["2021-08-19", "2021-08-20"]),
        ("Shares closed lower Friday, down 4% from the previous Friday.", ["2021-08-20", "2021-08-13"]),
        ("On August 2, the vote failed; it passed the following Monday.", ["2021-08-02", "2021-08-09"]),
        ("On August 15, the city fell. The preceding day, talks failed.", ["2021-08-15", "2021-08-14"]),
        # "the day before <a day>" counts from that day, and the story goes on from there
        ("Talks failed the day before last Tuesday's vote. The next day they resumed.", ["2021-08-16", "2021-08-17"]),
        ("Talks resume the day after Sept. 5.", ["2021-09-06"]),
        ("Aid came the week after last Friday.", ["2021-W34"]),
        # after a date and a comma it restates that date
        ("He was last seen Aug. 3, the day before police issued a warrant.", ["2021-08-03", "2021-08-03"]),
        # with no day named before, the story's day is the anchor
        ("Prices fell from the previous Friday.", ["2021-08-20"]),
    ],
)
def test_narrative_counts_from_the_day_the_story_last_named(text: str, values: list[str]) -> None:
    assert [value for value, _ in resolved(text)] == values


def test_a_holiday_week_already_begun_is_this_years() -> None:
    assert resolved("Crowds were praying as Easter week began.", date(2021, 3, 29)) == [("2021-W13", "week")]


def test_month_is_never_narrowed_to_a_day() -> None:
    (only,) = resolve_all(find_mentions("In June, it rained."), MONDAY)
    assert only.date.start == date(2021, 6, 1)
    assert only.date.end == date(2021, 6, 30)


@pytest.mark.parametrize("text", ["It happened on February 30.", "It happened on 32 August.", "Filed 0000-00-00."])
def test_nonsense_dates_resolve_to_nothing(text: str) -> None:
    assert all(resolve(mention, MONDAY) is None for mention in find_mentions(text))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # quarters and halves: an unnamed year is the anchor's, or the one before for a quarter not yet begun
        ("Profit rose in the second quarter.", ["2021-Q2"]),
        ("Profit fell in the fourth quarter.", ["2020-Q4"]),
        ("Profit will rise in the fourth quarter.", ["2021-Q4"]),
        ("A charge in the 1988 second quarter hurt.", ["1988-Q2"]),
        ("Sales should rise in next year's first quarter.", ["2022-Q1"]),
        ("It earned less in the year-earlier third quarter.", ["2020-Q3"]),
        ("Net fell in the first half of 2020.", ["2020-H1"]),
        ("Earnings will lag in the last half of 2021.", ["2021-H2"]),
        ("Losses go on through the first two quarters of 2022.", ["2022-H1"]),
        ("It rained for the last half hour.", []),
        ("Profit rose in the first quarter. In the 1988 period, it fell.", ["2021-Q1", "1988-Q1"]),
        ("For the nine months, net rose from $1.2 million in the 1988 period.", ["1988"]),
        # the quarter a business story reports on
        ("In the quarter, sales rose.", ["2021-Q2"]),
        ("Profit rose in the first quarter. In the year-ago quarter it fell.", ["2021-Q1", "2020-Q1"]),
        ("Profit rose in the first quarter, up from $3 a year earlier.", ["2021-Q1", "2020-Q1"]),
        ("Sales rose in the 1988 quarter. Results for the first quarter were flat.", ["1988-Q2", "2021-Q1"]),
        # the story reports on the first recent quarter it names; later or older ones are asides
        (
            "Net rose in the third quarter. It may rise in the fourth quarter. It was $3 a year ago.",
            ["2021-Q3", "2020-Q4", "2020-Q3"],
        ),
        ("It is the best since the 1984 third quarter. It was $3 a year ago.", ["1984-Q3", "2020"]),
        # a year before a span of nine or six months is a year, not a quarter
        ("Profit rose in the first quarter. For the nine months, net rose from a year earlier.", ["2021-Q1", "2020"]),
        ("Profit rose in the first quarter. For the nine months, $1.5 beat $1.25 a year ago.", ["2021-Q1", "2020"]),
        ("Profit rose in the first quarter. For the six months, net fell from year-earlier net.", ["2021-Q1", "2020"]),
        ("Profit rose in the first quarter. Nine months net fell. It was $3 a year ago.", ["2021-Q1", "2020-Q1"]),
        # seasons, decades, centuries, spelled years
        ("He was shot last fall.", ["2020-FA"]),
        ("It happened in the early 1990s.", ["199"]),
        ("Numbers dropped through the nineties.", ["199"]),
        ("Numbers grew in the twenties.", ["202"]),
        ("Sales were flat through the last half of the '80s.", ["198"]),
        ("It grew in the early ’90s.", ["199"]),
        ("Numbers grew in the '20s.", ["202"]),
        ("She is a 20th century democrat.", ["19"]),
        ("Atlanta, nineteen ninety-six.", ["1996"]),
        ("One person is killed. January nineteen ninety-seven. Atlanta again.", ["1997-01"]),
        ("Prices sank to the level of the winter of nineteen ninety-four.", ["1994-WI"]),
        # weeks, weekends, holidays
        ("Officials said over the weekend that it was over.", ["2021-W33-WE"]),
        ("Talks resume next weekend.", ["2021-W35-WE"]),
        ("The parade is on Thanksgiving Day.", ["2021-11-25"]),
        ("The boy was found on Thanksgiving Day.", ["2020-11-26"]),
        ("The boy was found last Thanksgiving.", ["2020-11-26"]),
        # Easter moves with the moon; a holiday's week or weekend holds its day
        ("The boy was found on Good Friday.", ["2021-04-02"]),
        ("Churches fill at Easter.", ["2021-04-04"]),
        ("They will meet in Easter week.", ["2022-W15"]),
        ("Stores were busy over Thanksgiving weekend.", ["2020-W48-WE"]),
        ("Crowds prayed as Easter week began.", ["2021-W13"]),
        # references
        ("Prices have recently risen.", ["PAST_REF"]),
        ("They plan for the future.", ["FUTURE_REF"]),
        ("Prices fell in the past few weeks.", ["PAST_REF"]),
        ("Sales will soon grow.", ["FUTURE_REF"]),
        ("Islam will one day be the largest faith here.", ["FUTURE_REF"]),
        # "it's the second day of the strike": the day of writing
        ("It's the second day of the strike.", ["2021-08-23"]),
        ("In the capital, today is the 12th day of the airlift.", ["2021-08-23", "2021-08-23"]),
        ("He would act on his first day in office.", []),
        ("She hopes she can some day fly.", ["FUTURE_REF"]),
        ("The strike lasted one day.", []),
        ("It will bode ill for coming quarters.", ["FUTURE_REF"]),
        ('It would sell the unit "as soon as possible," it said.', ["FUTURE_REF"]),
        ("We are now ready. Now, he says, it is over.", ["PRESENT_REF"]),
        ("Costs rose this past spring.", ["2021-SP"]),
        ("Costs rose this past winter.", ["2020-WI"]),
        ("On August 15, the city fell. The next morning, talks began.", ["2021-08-15", "2021-08-16"]),
        # relative and narrative times
        ("On August 15, the city fell. The day before, talks failed.", ["2021-08-15", "2021-08-14"]),
        ("Prices rose two weeks earlier.", ["2021-W32"]),
        ("Sales rose for the year.", ["2021"]),
        ("He left in 1998 and came back later that year.", ["1998", "1998"]),
        ("It rose earlier this year.", ["2021"]),
        ("Hate groups grew over the past year.", ["2020"]),
        ("The end of the month is near.", ["2021-08"]),
        ("It will open in early 2022.", ["2022"]),
        # months: year shifts, deadlines, possessives
        ("It rose in January this year.", ["2021-01"]),
        ("It rose in June last year.", ["2020-06"]),
        ("It rose last February.", ["2021-02"]),
        ("It rose last July.", ["2020-07"]),
        ("It rose last August.", ["2020-08"]),
        ("Loans are due by February.", ["2022-02"]),
        ("Leaders meet at the summit in September.", ["2021-09"]),
        ("The dividend will be paid to holders of record Nov. 16, the company said.", ["2021-11-16"]),
        # the full stop of "Jan." ends no clause: "will" still governs the day after it
        ("It will be payable Jan. 3 to stock of record Nov. 16, it said.", ["2022-01-03", "2021-11-16"]),
        ("Protesters were planning to march on Thursday.", ["2021-08-26"]),
        # "will" in a clause after the date's own does not move it ahead
        ("Protesters marched on Saturday and will rally again Tuesday.", ["2021-08-21", "2021-08-24"]),
        ("The firm agreed to buy the line for $22 million in February.", ["2022-02"]),
        ("The firm said it is redeeming its notes on Dec. 7.", ["2021-12-07"]),
        ("Leaders can join in planning for the summit in April.", ["2022-04"]),
        # a shifted yearless day: "last" looks back, "next" ahead, whatever the clause
        ("He was shot to death last Oct. 23 at his home.", ["2020-10-23"]),
        ("They meet again next March 5.", ["2022-03-05"]),
        ("Leaders meet at the summit in December.", ["2020-12"]),
        ("The summit was held in October.", ["2020-10"]),
        ("Revisions to December's figures were small.", ["2020-12"]),
        # days: abbreviations, ordinals, a weekday that fixes the year
        ("The deal closes Sept. 5.", ["2021-09-05"]),
        ("The deal closed Sept. 5, officials said.", ["2020-09-05"]),
        ("They said the deal would be completed by Sept. 15.", ["2021-09-15"]),
        ("He was told to return the boy by Sept. 1.", ["2021-09-01"]),
        ("The offer, which was due to expire, was extended to Sept. 16.", ["2021-09-16"]),
        ("There was a small revision to December's figures.", ["2020-12"]),
        ("They were told to leave by 1 September.", ["2021-09-01"]),
        ("The standby Sept. 5 flight was full, they said.", ["2020-09-05"]),
        ("It rose on the 15th of August.", ["2021-08-15"]),
        ("The summit meets on September 24 and 25.", ["2021-09-24", "2021-09-25"]),
        ("The Times said on Monday, Aug. 24: it is over.", ["2020-08-24"]),
        # a possessive weekday is an event already known, even in a future clause
        ("They will appeal Wednesday's ruling.", ["2021-08-18"]),
        ("They will meet on Wednesday.", ["2021-08-25"]),
        # clock times: the day named beside them, else the story's day
        ("He appeared in court at midday.", ["2021-08-23"]),
        ("The blast came at 10:35 a.m. (0735 GMT) Friday, police said.", ["2021-08-20", "2021-08-20"]),
        ("Talks broke off at noon Thursday, police said.", ["2021-08-19"]),
        ("He will leave at 4 in the morning (4 a.m. EDT Thursday).", ["2021-08-26", "2021-08-26"]),
        ("The offer expires at 5 p.m. EST, Nov. 6.", ["2021-11-06"]),
        ("Shares rose by mid-afternoon yesterday.", ["2021-08-22"]),
        ("On August 15, the city fell. Shots rang out at 10 p.m. near the gate.", ["2021-08-15", "2021-08-15"]),
        # a part of the day without a day is the story's
        ("Talks failed on August 15. Shots rang out in the morning.", ["2021-08-15", "2021-08-15"]),
        ("Shares rose late in the afternoon.", ["2021-08-23"]),
    ],
)
def test_resolves_each_expression_class(text: str, values: list[str]) -> None:
    assert [value for value, _ in resolved(text)] == values


@given(st.lists(st.sampled_from(list("0123456789 ,.-/:'") + _DATE_WORDS), max_size=12).map("".join))
def test_resolution_never_raises_on_arbitrary_text(text: str) -> None:
    for item in resolve_all(find_mentions(text), MONDAY):
        assert item.date.value


@pytest.mark.parametrize("anchor", [date(1, 1, 1), date(1, 12, 31), date(9999, 12, 31)])
def test_a_quarter_read_at_the_ends_of_the_calendar_raises_nothing(anchor: date) -> None:
    """Found by hypothesis: 'the first quarter of 0' read on 1 January of year 1 looked a year further back."""
    values = [
        item.date.value
        for item in resolve_all(find_mentions("the first quarter of 0 and then the first quarter"), anchor)
    ]
    assert values and all(values)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sales for the year rose.", "2021"),
        ("It closes by year-end.", "2021"),
        ("It closes by year's end.", "2021"),
        ("It had $6 billion in sales in the latest fiscal year.", "2020"),
    ],
)
def test_the_year_is_the_anchors_and_the_latest_fiscal_year_the_one_before(text: str, value: str) -> None:
    assert [v for v, _ in resolved(text)] == [value]


_RELATIVEDELTA_OF = {
    "day": lambda n: relativedelta(days=n),
    "weeks": lambda n: relativedelta(weeks=n),
    "weekend": lambda n: relativedelta(weeks=n),
    "Month": lambda n: relativedelta(months=n),
    "quarters": lambda n: relativedelta(months=3 * n),
    "year": lambda n: relativedelta(years=n),
    "decades": lambda n: relativedelta(years=10 * n),
    "century": lambda n: relativedelta(years=100 * n),
    "fortnight": lambda n: relativedelta(years=n),  # a unit it does not know: years
}


@given(st.dates(), st.sampled_from(sorted(_RELATIVEDELTA_OF)), st.integers(-12_000, 12_000))
@example(date(2024, 2, 29), "year", 1)
@example(date(2021, 1, 31), "Month", 1)
@example(date(9999, 12, 31), "day", 1)
def test_a_date_moves_by_units_as_relativedelta_moves_it(day: date, unit: str, count: int) -> None:
    try:
        expected: date | type[Exception] = day + _RELATIVEDELTA_OF[unit](count)
    except (ValueError, OverflowError) as error:
        expected = type(error)
    try:
        moved: date | type[Exception] = _moved(day, unit, count)
    except (ValueError, OverflowError) as error:
        moved = type(error)
    assert moved == expected

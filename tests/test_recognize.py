"""Recognition: which spans of a text are date expressions."""

from __future__ import annotations

import pytest

from csto_timeline.models import Tense
from csto_timeline.recognize import find_mentions


def spans(text: str) -> list[str]:
    return [mention.text for mention in find_mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It fell on August 15.", ["August 15"]),
        ("It fell on 15 August.", ["15 August"]),
        ("It was August 16, 2021, at noon.", ["August 16, 2021", "noon"]),
        ("Filed 2021-08-23 in Moscow.", ["2021-08-23"]),
        ("They crossed on July 4-5 overnight.", ["July 4-5"]),
        ("Talks run 4 to 6 July.", ["4 to 6 July"]),
        ("In June, the Taliban seized trucks.", ["June"]),
        ("The war began in October 2001.", ["October 2001"]),
        ("At the peak of the war in 2011, troops left.", ["2011"]),
        ("Lavrov said on Thursday.", ["Thursday"]),
        ("The department said late on Thursday.", ["Thursday"]),
        ("Earlier on Monday, it was reported.", ["Monday"]),
        ("It happened earlier in the day.", ["earlier in the day"]),
        ("Prices rose last week and will fall next month.", ["last week", "next month"]),
        ("They left last night and this morning.", ["last night", "this morning"]),
        ("This year Tajikistan is chairing the group.", ["This year"]),
        ("Sales rose in the third quarter of 1998.", ["the third quarter of 1998"]),
        ("It happened in the 1990s.", ["the 1990s"]),
        ("She arrived on Monday, Aug. 23.", ["Monday, Aug. 23"]),
        ("He was born on August 15th.", ["August 15th"]),
        ("It rained two weeks ago.", ["two weeks ago"]),
        ("It will reopen in mid-August.", ["mid-August"]),
        ("DUSHANBE, August 23. /TASS/. Leaders met.", ["August 23"]),
    ],
)
def test_finds_date_expressions(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The territories share 910 kilometres of border.",
        "The Taliban seized 700 Hummer trucks.",
        "A 30,000-strong contingent stayed.",
        "It ended the 20-year-long operation.",
        "The Taliban controls 40 percent of the country.",
        "They met for the 8th annual consultations.",
        "Resistance may result in a civil war.",
        "He paused for a second and went on.",
        "Some 1500 troops and 2000 people were there.",
        "The fall of Kabul shocked many.",
        "Prices fall when supply rises.",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert spans(text) == []


def test_spans_index_the_text() -> None:
    text = "On August 15, Taliban fighters swept into Kabul; on Monday, leaders met."
    for mention in find_mentions(text):
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("The session would be held in the Tajik capital on September 16.", Tense.FUTURE),
        ("The next session will be held on September 16.", Tense.FUTURE),
        ("The session was held on September 16.", Tense.PAST),
        ("Lavrov said on Thursday.", Tense.PAST),
        # a marker counts only as a whole word: not "last" in "blast", not "ago" in "Chicago"
        ("The blast came on July 1.", Tense.PRESENT),
        ("Nobody in Chicago knew on July 1.", Tense.PRESENT),
        ("The plan scheduled on July 1 stands.", Tense.FUTURE),
        # "said" after a date tells when it was said: the clause's own marker comes first
        ("The dividend will be paid to holders of record Nov. 16, the company said.", Tense.FUTURE),
        ("Troops arrive on July 1, officials said.", Tense.PAST),
        ("Officials said on July 1 that troops will arrive.", Tense.PAST),
        # "expected" alone is an adjective ("higher than expected"), not a plan
        ("Sales beat expected levels on July 1.", Tense.PRESENT),
        # a marker after a word opening another clause is that clause's, not the date's
        ("They issued a statement on July 1 saying troops will leave.", Tense.PRESENT),
        ("Shares issued July 1, which will get a smaller dividend, rose.", Tense.PRESENT),
        ("Crowds marched on July 1 and will march again.", Tense.PRESENT),
        ("Crowds will march on July 1, officials said.", Tense.FUTURE),
        # an infinitive of intent looks ahead to a date after it, not to one before it
        ("The board agreed to sell the unit for $2 million on July 1.", Tense.FUTURE),
        ("Leaders decided to admit three nations on July 1, an official said.", Tense.FUTURE),
        ("On July 1, the board agreed to sell the unit.", Tense.PRESENT),
        # a present-tense verb nearer the date than "said" is the date's own
        ("The firm said it is calling the notes for redemption on July 1.", Tense.PRESENT),
        ("The notes are called for redemption on July 1, the firm said.", Tense.PRESENT),
        ("The firm said on July 1 it is calling the notes.", Tense.PAST),
    ],
)
def test_tense_of_the_clause(text: str, tense: Tense) -> None:
    (mention,) = find_mentions(text)
    assert mention.tense is tense


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quarters and halves
        ("Profit fell in the third quarter.", ["the third quarter"]),
        ("Sales in fiscal 1998 rose.", ["fiscal 1998"]),
        ("A charge in the 1988 second quarter hurt.", ["the 1988 second quarter"]),
        ("Sales should rise in next year's first quarter.", ["next year's first quarter"]),
        ("Profit rose from the year-ago quarter.", ["the year-ago quarter"]),
        ("It earned less in the year-earlier third quarter.", ["the year-earlier third quarter"]),
        ("Sales in the latest period rose.", ["the latest period"]),
        ("Net fell in the first half of 2020.", ["the first half of 2020"]),
        # seasons, decades, centuries, spelled years
        ("He was shot last fall.", ["fall"]),
        ("It happened in the early 1990s.", ["the early 1990s"]),
        ("Numbers dropped through the nineties.", ["the nineties"]),
        ("She is a 20th century democrat.", ["20th century"]),
        ("Atlanta, nineteen ninety-six.", ["nineteen ninety-six"]),
        ("By the year two thousand, it will be done.", ["the year two thousand"]),
        # weeks, weekends, holidays
        ("Officials said over the weekend that it was over.", ["the weekend"]),
        ("He was found on Thanksgiving Day.", ["Thanksgiving Day"]),
        # references
        ("Prices are now higher.", ["now"]),
        ("Prices have recently risen.", ["recently"]),
        ("They plan for the future.", ["the future"]),
        ("Prices fell in the past few weeks.", ["the past few weeks"]),
        ("Its current chief resigned.", ["current"]),
        ("Sales will soon grow.", ["soon"]),
        ("Costs were high this past spring.", ["this past spring"]),
        ("He appeared in court the next morning.", ["the next morning"]),
        # the story's own time
        ("He left in 1998 and came back later that year.", ["1998", "later that year"]),
        ("Sales rose for the year.", ["the year"]),
        ("It rose earlier this year.", ["earlier this year"]),
        ("The end of the month is near.", ["The end of the month"]),
        # months, days, ordinals
        ("It rose in January this year.", ["January this year"]),
        ("It rose on Sept. 5.", ["Sept. 5"]),
        ("It rose on the 15th of August.", ["the 15th of August"]),
        ("The Times said on Monday, Oct. 26: it is over.", ["Monday, Oct. 26"]),
        ("Revisions to December's figures were small.", ["December"]),
        # clock times and times of day, with the day named beside them
        ("The blast occurred at about 10:35 a.m. near the embassy.", ["10:35 a.m"]),
        ("He was shot at 10 p.m as he stood in his kitchen.", ["10 p.m"]),
        ("Talks broke off at noon Thursday.", ["noon Thursday"]),
        ("The offer expires at 5 p.m. EST, Nov. 6.", ["5 p.m. EST, Nov. 6"]),
        ("The deadline is 9 a.m. EDT Tuesday.", ["9 a.m. EDT Tuesday"]),
        ("The father will leave at 4 in the morning.", ["4 in the morning"]),
        ("Shares rose by mid-afternoon yesterday.", ["mid-afternoon yesterday"]),
        ("He appeared in court at midday.", ["midday"]),
        ("The store was robbed around 7:15 p.m., police said.", ["around 7:15 p.m"]),
    ],
)
def test_finds_each_expression_class(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Employment is at its quarter-century low.",
        "The quarter-to-quarter comparison was poor.",
        "Afghans who previously worked with US troops left.",
        "Coleco, a once high-flying toy maker, fell.",
        "A quarter of the budget went to defence.",
        "It helped, like the film High Noon.",
        'Baker said on ABC\'s "This Week" that talks failed.',
        "He was soon released.",
        "Cash soon became a flood.",
        "He will leave soon after the vote.",
        "The score was 10 to 4.",
    ],
)
def test_words_near_dates_that_are_not_dates(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the present or coming age, and names of programmes and papers, are no day
        ("Drugs are a plague of today's youth.", []),
        ("Cash counts for less in today's world.", []),
        ("The chip runs many of today's laptop computers.", []),
        ("He wants to train the leaders of tomorrow.", []),
        ("This is VOA Today.", []),
        ("The poll appeared in USA Today on Monday.", ["Monday"]),
        # the day itself
        ("Today's vote was close.", ["Today"]),
        ("The offer ran in today's editions of the paper.", ["today"]),
        ("As of tomorrow, the rule applies.", ["tomorrow"]),
        ("Work must stop by the end of tomorrow.", ["tomorrow"]),
        ("It closed on Wednesday. Yesterday, it rose.", ["Wednesday", "Yesterday"]),
    ],
)
def test_today_as_an_age_or_a_name_is_no_day(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capitalised word just before a year inside a sentence makes it a name
        ("They set up a venture called Orion 1980, making parts.", []),
        ("Officials unveiled the Vision 2020 plan.", []),
        # not a word opening the sentence, a preposition, a month or a holiday
        ("That 1978 resolution stands.", ["1978"]),
        ("Spain joined in 1982.", ["1982"]),
        ("They recalled Christmas 1998 fondly.", ["Christmas", "1998"]),
        ("It opened in June 1998.", ["June 1998"]),
    ],
)
def test_a_year_ending_a_name_is_no_date(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_a_clause_without_tense_marker_is_present() -> None:
    (mention,) = find_mentions("The deal closes Sept. 5.")
    assert mention.tense is Tense.PRESENT

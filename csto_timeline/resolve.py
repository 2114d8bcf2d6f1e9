"""Turn date mentions into dates against an anchor (the article's publication date).

Pure functions: "now" is always the anchor passed in, never the clock. Deictic expressions
("yesterday", "on Thursday", "last week") count from the anchor; narrative ones ("the next
day", "two weeks later") count from the last explicit day the text named.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

from .lexicon import english
from .models import DateMention, Granularity, ResolvedDate, ResolvedMention, Tense

# "By February", "until January": a deadline, so the month still to come.
_DEADLINE_WORDS = frozenset({"by", "until", "till"})
# "Extended to Nov. 16": a day, unlike a month ("a revision to December's figures"), ends a span after "to".
_DAY_DEADLINE_WORDS = _DEADLINE_WORDS | {"to"}
# An untensed month next to the anchor's is the coming one ("the summit in January", written in December);
# further ahead, an untensed clause ("In October, talks resumed") more often tells of the past.
_UNTENSED_MONTHS_AHEAD = 1
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True)
class Story:
    """What a text named explicitly: later "the next day" or "the quarter" count from it.

    The day and year are the last ones named; the quarter is the first one the story reports on.
    """

    day: date
    quarter: ResolvedDate | None = None
    year: int | None = None

    def after(self, mention: DateMention, value: ResolvedDate) -> Story:
        """The story's reference once `mention`, resolved to `value`, has been read."""
        # Built directly, not by dataclasses.replace: this runs for most mentions, and replace costs more.
        if mention.rule in _SETS_REFERENCE and value.start is not None:
            return Story(value.start, self.quarter, value.start.year)
        if self.quarter is None and mention.rule == "quarter" and mention.field("q") and _is_reported(value, self.day):
            return Story(self.day, value, self.year)
        if mention.field("y") and value.start is not None:
            return Story(self.day, self.quarter, value.start.year)
        return self


def _is_reported(quarter_value: ResolvedDate, day: date) -> bool:
    """Whether a story written on `day` can report results for this quarter: begun, and not a year past.

    The first such quarter a story names is the one it reports on; later ones are asides
    ("a charge in the 1988 second quarter", "sales should rise in the fourth quarter").
    """
    start, end = quarter_value.start, quarter_value.end
    if start is None or end is None or start > day:
        return False
    # A year before 1 January of year 1 precedes every date (and date() cannot hold it).
    return day.year == 1 or end > _months_later(day, -12)


class _Unresolvable(ValueError):
    """The mention reads like a date but names none (February 30, 32 August, year 0)."""


# --- constructors of resolved dates -------------------------------------------------------


def day(value: date) -> ResolvedDate:
    """A single calendar day."""
    return ResolvedDate(value.isoformat(), Granularity.DAY, value, value)


def day_range(first: date, last: date) -> ResolvedDate:
    """An inclusive range of days, `first/last`."""
    if last < first:
        raise _Unresolvable("range ends before it starts")
    return ResolvedDate(f"{first.isoformat()}/{last.isoformat()}", Granularity.RANGE, first, last)


def month(year: int, month_number: int) -> ResolvedDate:
    """A calendar month, never narrowed to a day."""
    last = calendar.monthrange(year, month_number)[1]
    return ResolvedDate(
        f"{year:04d}-{month_number:02d}", Granularity.MONTH, date(year, month_number, 1), date(year, month_number, last)
    )


def year(number: int) -> ResolvedDate:
    """A calendar year."""
    return ResolvedDate(f"{number:04d}", Granularity.YEAR, date(number, 1, 1), date(number, 12, 31))


def week(any_day: date) -> ResolvedDate:
    """The ISO week (Monday to Sunday) holding `any_day`."""
    iso_year, iso_week, weekday = any_day.isocalendar()
    monday = any_day - timedelta(days=weekday - 1)
    return ResolvedDate(f"{iso_year:04d}-W{iso_week:02d}", Granularity.WEEK, monday, monday + timedelta(days=6))


def weekend(any_day: date) -> ResolvedDate:
    """The Saturday and Sunday of the ISO week holding `any_day`, value `YYYY-Www-WE`."""
    saturday = any_day + timedelta(days=5 - any_day.weekday())
    return ResolvedDate(f"{week(any_day).value}-WE", Granularity.WEEK, saturday, saturday + timedelta(days=1))


def quarter(number: int, index: int) -> ResolvedDate:
    """Quarter `index` (1-4) of year `number`."""
    first = date(number, 3 * index - 2, 1)
    last = date(number, 3 * index, calendar.monthrange(number, 3 * index)[1])
    return ResolvedDate(f"{number:04d}-Q{index}", Granularity.QUARTER, first, last)


def half(number: int, index: int) -> ResolvedDate:
    """Half `index` (1-2) of year `number`."""
    first = date(number, 1 if index == 1 else 7, 1)
    last = date(number, 6, 30) if index == 1 else date(number, 12, 31)
    return ResolvedDate(f"{number:04d}-H{index}", Granularity.HALF, first, last)


def season(number: int, code: str) -> ResolvedDate:
    """A meteorological season; winter runs from December of `number` into the next year."""
    first_month, last_month = _SEASON_MONTHS[code]
    last_year = number + 1 if code == "WI" else number
    first = date(number, first_month, 1)
    last = date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
    return ResolvedDate(f"{number:04d}-{code}", Granularity.SEASON, first, last)


def decade(first_year: int) -> ResolvedDate:
    """A decade such as the 1990s, value `199`."""
    return ResolvedDate(
        f"{first_year // 10:03d}", Granularity.DECADE, date(first_year, 1, 1), date(first_year + 9, 12, 31)
    )


def reference(kind: str) -> ResolvedDate:
    """PRESENT_REF, PAST_REF or FUTURE_REF: a time with no calendar extent."""
    return ResolvedDate(kind, Granularity.FUZZY, None, None)


# --- helpers ------------------------------------------------------------------------------


def _lex(table: str) -> dict[str, object]:
    return english()[table]  # type: ignore[no-any-return]


def _month_number(word: str) -> int:
    return int(_lex("months")[word.rstrip(".").lower()])  # type: ignore[call-overload]


def _day_number(text: str) -> int:
    return int(text[:-2] if text[-2:].isalpha() else text)


def _safe_date(y: int, m: int, d: int) -> date:
    try:
        return date(y, m, d)
    except ValueError as error:
        raise _Unresolvable(str(error)) from error


def _year_of(text: str) -> int:
    number = int(text)
    if len(text) == 2:
        number += 1900 if number > 30 else 2000
    if not 1 <= number <= 9999:
        raise _Unresolvable("year out of range")
    return number


# A yearless day a few weeks before publication in a future clause ("will mark the Aug. 7 blasts")
# is that recent day, not the same day next year.
_JUST_PASSED_DAYS = 31


def _nearest_year(anchor: date, month_number: int, day_number: int, tense: Tense) -> int:
    """The year putting month/day on or before the anchor (past), after it (future), or nearest to it.

    A clause without a tense marker (PRESENT) takes the date closest to the anchor, so an
    untensed "March 12" written in February is the coming one.
    """
    candidate = anchor.year
    this_year = (month_number, day_number)
    if tense is Tense.FUTURE:
        if (
            this_year >= (anchor.month, anchor.day)
            or _distance(anchor, candidate, month_number, day_number) <= _JUST_PASSED_DAYS
        ):
            return candidate
        return candidate + 1
    if tense is Tense.PRESENT:
        return min(
            (candidate - 1, candidate, candidate + 1), key=lambda y: _distance(anchor, y, month_number, day_number)
        )
    return candidate if this_year <= (anchor.month, anchor.day) else candidate - 1


def _year_of_weekday(anchor: date, month_number: int, day_number: int, weekday_name: str, tense: Tense) -> int:
    """The year near the anchor in which month/day falls on the weekday named beside it."""
    weekday = int(_lex("weekdays")[weekday_name.rstrip(".").lower()])  # type: ignore[call-overload]
    fitting = [
        y
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if day_number <= calendar.monthrange(y, month_number)[1]
        and date(y, month_number, day_number).weekday() == weekday
    ]
    if not fitting:
        return _nearest_year(anchor, month_number, day_number, tense)
    return min(fitting, key=lambda y: _distance(anchor, y, month_number, day_number))


def _distance(anchor: date, y: int, month_number: int, day_number: int) -> int:
    """Days between the anchor and month/day of year `y` (February 29 falls back to the 28th)."""
    last = calendar.monthrange(y, month_number)[1]
    return abs((date(y, month_number, min(day_number, last)) - anchor).days)


def _nearest_weekday(anchor: date, weekday: int, tense: Tense) -> date:
    """The anchor if it is that weekday, else the nearest one before (past) or after (future).

    An untensed clause naming the day after publication means that day: wire stories are
    filed the evening before ("Albright heads Tuesday to Africa", written on Monday).
    """
    if tense is Tense.PRESENT and (weekday - anchor.weekday()) % 7 == 1:
        return anchor + timedelta(days=1)
    if tense is Tense.FUTURE:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _shift(word: str) -> int:
    return int(_lex("period_shift").get(word.lower(), 0))  # type: ignore[call-overload]


def _count(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int(_lex("numbers")[text.lower()])  # type: ignore[call-overload]


def _calendar_period(unit: str, around: date) -> ResolvedDate:
    unit = unit.lower().rstrip("s")
    if unit == "week":
        return week(around)
    if unit == "weekend":
        return weekend(around)
    if unit == "month":
        return month(around.year, around.month)
    if unit == "quarter":
        return quarter(around.year, (around.month - 1) // 3 + 1)
    if unit == "decade":
        return decade(around.year - around.year % 10)
    if unit == "century":
        return ResolvedDate(
            f"{around.year // 100:02d}",
            Granularity.CENTURY,
            date(around.year - around.year % 100, 1, 1),
            date(around.year - around.year % 100 + 99, 12, 31),
        )
    if unit == "day":
        return day(around)
    return year(around.year)


# Months in each calendar unit a date moves by (days and weeks move by timedelta); any other unit is a year.
_MONTHS_IN = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}


def _moved(day: date, unit: str, count: int) -> date:
    """`day` moved `count` units on (back when negative), as dateutil's relativedelta moves it."""
    unit = unit.lower().rstrip("s")
    if unit in ("day", "week", "weekend"):
        return day + timedelta(days=count if unit == "day" else 7 * count)
    return _months_later(day, count * _MONTHS_IN.get(unit, 12))


def _months_later(day: date, months: int) -> date:
    """`day` moved `months` on, kept in the month reached ("Jan. 31" a month on is Feb. 28), as relativedelta does.

    By hand: relativedelta costs 3 µs a step, and most relative mentions take one.
    """
    if not months:
        return day
    year_number, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year_number, month_index + 1)[1]
    return date(year_number, month_index + 1, min(day.day, last_day))


# --- one resolver per recognition rule ----------------------------------------------------


def _explicit_day(m: DateMention, anchor: date) -> ResolvedDate:
    month_field = m.field("mon")
    month_number = _month_number(month_field) if month_field else int(m.field("m"))
    first_day = _day_number(m.field("d"))
    if m.field("y"):
        y = _year_of(m.field("y"))
    elif m.field("wd"):
        y = _year_of_weekday(anchor, month_number, first_day, m.field("wd"), _tense_of(m))
    else:
        y = _nearest_year(anchor, month_number, first_day, _day_tense(m))
    first = _safe_date(y, month_number, first_day)
    if m.field("d2"):
        return day_range(first, _safe_date(y, month_number, _day_number(m.field("d2"))))
    return day(first)


def _tense_of(m: DateMention) -> Tense:
    """The tense of the mention's clause; one read without (its rule fixes its own date) counts as untensed."""
    return m.tense or Tense.PRESENT


def _day_tense(m: DateMention) -> Tense:
    """The tense that picks a yearless day's year: "last Oct. 23" is past, "next May 1" to come.

    "By Dec. 15", "until Jan. 14", "extended to Nov. 16": a deadline, the date nearest the anchor
    whatever the tense.
    """
    shift = _shift(m.field("shift"))
    if shift:
        return Tense.PAST if shift < 0 else Tense.FUTURE
    return Tense.PRESENT if m.field("pre").lower() in _DAY_DEADLINE_WORDS else _tense_of(m)


def _month_only(m: DateMention, anchor: date) -> ResolvedDate:
    month_number = _month_number(m.field("mon")) if m.field("mon") else int(m.field("m"))
    if m.field("y"):
        return month(_year_of(m.field("y")), month_number)
    if m.field("yshift"):
        return month(anchor.year + _shift(m.field("yshift")), month_number)
    shift, tense = m.field("shift").lower(), _tense_of(m)
    if not shift and m.field("pre").lower() in _DEADLINE_WORDS:
        shift = "this" if month_number >= anchor.month else "next"
    if not shift and tense is Tense.PRESENT and 0 < (month_number - anchor.month) % 12 <= _UNTENSED_MONTHS_AHEAD:
        return month(anchor.year + (month_number < anchor.month), month_number)
    if shift == "last":
        # The month just before the anchor's is "last month": "last February" written in March is a year back.
        months_back = (anchor.month - month_number) % 12 or 12
        return month(_months_later(anchor, -(months_back + 12 * (months_back < 2))).year, month_number)
    if not shift and tense is not Tense.FUTURE:
        y = anchor.year if month_number <= anchor.month else anchor.year - 1
    elif shift == "next" or tense is Tense.FUTURE:
        y = anchor.year if month_number >= anchor.month + (shift == "next") else anchor.year + 1
    else:
        y = anchor.year
    return month(y, month_number)


def _year(m: DateMention, anchor: date) -> ResolvedDate:
    return year(_year_of(m.field("y")))


def _spelled_year(m: DateMention, anchor: date) -> ResolvedDate:
    """A year in words: "nineteen ninety-six", "the year two thousand".

    "January nineteen ninety-seven" is that month, "the winter of nineteen ninety-four" that season.
    """
    words = _lex("spelled_years")
    ones = int(words["units"].get(m.field("ones").lower() or m.field("ones2").lower(), 0))  # type: ignore[attr-defined]
    if not m.field("hi"):
        return year(2000 + ones)
    hundreds = int(words["centuries"][m.field("hi").lower()])  # type: ignore[index]
    number = hundreds * 100 + int(words["tens"][m.field("tens").lower()]) + ones  # type: ignore[index]
    if m.field("mon"):
        return month(number, _month_number(m.field("mon")))
    if m.field("season"):
        return season(number, str(_lex("seasons")[m.field("season").lower()]))
    return year(number)


def _century(m: DateMention, anchor: date) -> ResolvedDate:
    """ "The 20th century" is TIMEX3 `19`: the years 1900 to 1999."""
    return _calendar_period("century", date(100 * (int(m.field("n")) - 1), 1, 1))


def _decade(m: DateMention, anchor: date) -> ResolvedDate:
    return decade(int(m.field("dec")))


def _decade_in_century(m: DateMention, anchor: date) -> ResolvedDate:
    """ "The nineties", "the '80s": the latest such decade begun by the anchor's year."""
    words = _lex("decade_words")
    tens = 10 * int(m.field("tens")) if m.field("tens") else int(words[m.field("word").lower()])  # type: ignore[call-overload]
    first_year = anchor.year - anchor.year % 100 + tens
    return decade(first_year if first_year <= anchor.year else first_year - 100)


def _weekday(m: DateMention, anchor: date, story: Story) -> ResolvedDate:
    """ "On Friday" near the anchor by the clause's tense; "the previous Friday" counts from the story's day."""
    weekday = int(_lex("weekdays")[(m.field("wd") or m.field("wd_near")).lower()])  # type: ignore[call-overload]
    shift = m.field("shift").lower()
    if m.field("story"):
        direction = int(_lex("narrative_shift")[shift])  # type: ignore[call-overload]
        return day(_weekday_beside(story.day, weekday, direction))
    if _shift(shift):
        return day(_weekday_beside(anchor, weekday, _shift(shift)))
    if m.field("poss"):
        # "Wednesday's ruling" names an event already known: news uses it for the past week.
        return day(_nearest_weekday(anchor, weekday, Tense.PAST))
    tense = Tense.FUTURE if shift == "this" and weekday > anchor.weekday() else _tense_of(m)
    return day(_nearest_weekday(anchor, weekday, tense))


def _weekday_beside(reference: date, weekday: int, direction: int) -> date:
    """The weekday strictly before `reference` (direction < 0) or strictly after it."""
    if direction < 0:
        return reference - timedelta(days=(reference.weekday() - weekday) % 7 or 7)
    return reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7)


def _relative_day(m: DateMention, anchor: date) -> ResolvedDate:
    offset = int(_lex("relative_days")[m.field("word").lower()])  # type: ignore[call-overload]
    if m.field("before"):
        offset -= 1
    return day(anchor + timedelta(days=offset))


def _part_of_today(m: DateMention, anchor: date) -> ResolvedDate:
    if m.field("shift").lower() == "last":
        return day(anchor - timedelta(days=1))
    return day(anchor)


def _period(m: DateMention, anchor: date) -> ResolvedDate:
    unit = m.field("unit")
    return _calendar_period(unit, _moved(anchor, unit, _shift(m.field("shift"))))


def _story_period(m: DateMention, anchor: date, story: Story) -> ResolvedDate:
    """ "That year", "later that day": the period around the date the story last named."""
    if m.field("unit").lower() == "year" and story.year is not None:
        return year(story.year)
    return _calendar_period(m.field("unit"), story.day)


def _narrative(m: DateMention, anchor: date, story: Story) -> ResolvedDate:
    # "The next morning" is a part of the next day, dated at day level.
    unit = m.field("unit") or m.field("unit2") or "day"
    if m.field("appos"):
        return _calendar_period(unit, story.day)
    word = (m.field("shift") or m.field("shift2")).lower()
    direction = int(_lex("narrative_shift").get(word, 1))  # type: ignore[call-overload]
    return _calendar_period(unit, _moved(story.day, unit, direction))


def _day_beside(m: DateMention, anchor: date, story: Story) -> ResolvedDate:
    """ "The day before last Tuesday", "the week after Oct. 12": a day or week away from the day named."""
    named = _weekday(m, anchor, story) if m.field("wd") else _explicit_day(m, anchor)
    direction = int(_lex("narrative_shift")[m.field("dir").lower()])  # type: ignore[call-overload]
    return _calendar_period(m.field("unit"), _moved(_first_day(named), m.field("unit"), direction))


def _ago(m: DateMention, anchor: date, story: Story) -> ResolvedDate:
    """ "Two weeks ago"; "a year earlier" in a story about a quarter is that quarter a year before.

    In a sentence about nine or six months it is the year before: those spans are not quarters.
    """
    unit = m.field("unit")
    direction = -1 if m.field("dir").lower() in ("ago", "earlier") else 1
    count = _count(m.field("n"))
    a_year_before = unit.lower().rstrip("s") == "year" and count == 1 and direction < 0
    if story.quarter is not None and a_year_before and not m.field("months"):
        return _calendar_period("quarter", _months_later(_first_day(story.quarter), -12))
    return _calendar_period(unit, _moved(anchor, unit, direction * count))


def _year_or_anchor(m: DateMention, anchor: date) -> int:
    return _year_of(m.field("y")) if m.field("y") else anchor.year


def _quarter(m: DateMention, anchor: date, story: Story) -> ResolvedDate:
    """ "The third quarter", "the 1988 second quarter"; "the 1988 quarter" is the story's quarter in 1988."""
    code = m.field("q").lower()
    named_year = _named_year(m, anchor)
    if not code and named_year is None:
        return _calendar_period("quarter", _moved(anchor, "quarter", _shift(m.field("shift"))))
    if not code:
        return quarter(named_year, (_first_day(_reported_quarter(anchor, story)).month - 1) // 3 + 1)  # type: ignore[arg-type]
    index = int(str(_lex("quarters")[code])[1])
    if named_year is not None:
        return quarter(named_year, index)
    y = anchor.year
    if _tense_of(m) is not Tense.FUTURE and index > (anchor.month - 1) // 3 + 1:
        y -= 1
    return quarter(y, index)


def _named_year(m: DateMention, anchor: date) -> int | None:
    if m.field("y") or m.field("y0"):
        return _year_of(m.field("y") or m.field("y0"))
    if m.field("yshift"):
        return anchor.year + _shift(m.field("yshift"))
    if m.field("yago"):
        return anchor.year - 1
    return None


def _reported_quarter(anchor: date, story: Story) -> ResolvedDate:
    """The quarter the story last named, else the last quarter ended before the anchor."""
    return story.quarter or _calendar_period("quarter", _months_later(anchor, -3))


def _story_quarter(m: DateMention, anchor: date, story: Story) -> ResolvedDate:
    """ "The quarter", "the latest period": the quarter the story reports on, else the last one ended.

    "The year-ago quarter" and "year-earlier" are that quarter a year before, or the year before
    in a sentence about nine or six months.
    """
    reported = _reported_quarter(anchor, story)
    unit = "year" if m.field("months") else "quarter"
    if m.field("y0"):
        return _calendar_period(unit, _first_day(reported).replace(year=_year_of(m.field("y0"))))
    if m.field("ago") or m.field("ago2") or m.field("ago3"):
        return _calendar_period(unit, _months_later(_first_day(reported), -12))
    return reported


def _first_day(period: ResolvedDate) -> date:
    if period.start is None:
        raise _Unresolvable("a fuzzy period has no first day")
    return period.start


def _half(m: DateMention, anchor: date) -> ResolvedDate:
    # "The first two quarters" are the first half.
    index = int(str(_lex("halves")[(m.field("h") or m.field("h2")).lower()])[1])
    return half(_year_or_anchor(m, anchor), index)


def _season(m: DateMention, anchor: date) -> ResolvedDate:
    code = str(_lex("seasons")[m.field("season").lower()])
    if " ".join(m.field("shift").lower().split()) == "this past":
        this_year = season(anchor.year, code)
        return this_year if _first_day(this_year) <= anchor else season(anchor.year - 1, code)
    # "last fall" keeps "last" outside the span, as TimeML does, but it still shifts the year.
    y = _year_or_anchor(m, anchor) + _shift(m.field("shift") or m.field("pre"))
    return season(y, code)


def _holiday(m: DateMention, anchor: date) -> ResolvedDate:
    """ "Thanksgiving Day", "last Christmas", "Easter week": the one nearest the anchor the tense or shift allows."""
    name = " ".join(m.field("holiday").lower().split())
    month_number, first_day, weekday = (int(number) for number in _lex("holidays")[name])  # type: ignore[attr-defined]
    periods = [
        _calendar_period(m.field("unit") or "day", _holiday_in(y, month_number, first_day, weekday))
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
    ]
    shift, tense = m.field("shift").lower(), _tense_of(m)
    # A holiday week already begun ("as Easter week began") is this year's, like a day already reached.
    if shift == "last" or (not shift and tense is Tense.PAST):
        return [p for p in periods if _first_day(p) <= anchor][-1]
    if shift == "next" or tense is Tense.FUTURE:
        return next(p for p in periods if (p.end or anchor) >= anchor)
    return min(periods, key=lambda p: abs((_first_day(p) - anchor).days))


def _holiday_in(y: int, month_number: int, first_day: int, weekday: int) -> date:
    if month_number == 0:
        return easter(y) + timedelta(days=first_day)
    first = date(y, month_number, first_day)
    return first if weekday < 0 else first + timedelta(days=(weekday - first.weekday()) % 7)


def _the_weekend(m: DateMention, anchor: date) -> ResolvedDate:
    """ "Over the weekend": the one just past, or the coming one in a future clause."""
    return weekend(_nearest_weekday(anchor, 5, _tense_of(m)))


def _clock(m: DateMention, anchor: date, story: Story) -> ResolvedDate:
    """ "At 10 p.m.": the day named beside or just after it ("noon Saturday", "5 p.m. Nov. 6"), else the story's day."""
    if m.field("wd") or m.field("wd_near"):
        return _weekday(m, anchor, story)
    if m.field("mon"):
        return _explicit_day(m, anchor)
    if m.field("word"):
        return _relative_day(m, anchor)
    return day(story.day)


def _same_day(m: DateMention, anchor: date) -> ResolvedDate:
    return day(anchor)


_RESOLVERS: dict[str, Callable[[DateMention, date], ResolvedDate]] = {
    "dateline": _explicit_day,
    "iso": _explicit_day,
    "numeric": _explicit_day,
    "month_day": _explicit_day,
    "second_day": _explicit_day,
    "day_month": _explicit_day,
    "month_year": _month_only,
    "iso_month": _month_only,
    "month": _month_only,
    "decade": _decade,
    "decade_word": _decade_in_century,
    "century": _century,
    "spelled_year": _spelled_year,
    "year": _year,
    "relative_day": _relative_day,
    "part_of_today": _part_of_today,
    "same_day": _same_day,
    "the_weekend": _the_weekend,
    "holiday": _holiday,
    "period": _period,
    "period_mod": _period,
    "half": _half,
    "season": _season,
    "this_period": lambda m, anchor: year(anchor.year - bool(m.field("latest"))),
    "ref_present": lambda m, anchor: reference("PRESENT_REF"),
    "ref_past": lambda m, anchor: reference("PAST_REF"),
    "recent_periods": lambda m, anchor: reference("PAST_REF"),
    "ref_future": lambda m, anchor: reference("FUTURE_REF"),
    "soon": lambda m, anchor: reference("FUTURE_REF"),
    "one_day": lambda m, anchor: reference("FUTURE_REF"),
    "nth_day_now": lambda m, anchor: day(anchor),
}

_STORY_RESOLVERS: dict[str, Callable[[DateMention, date, Story], ResolvedDate]] = {
    "narrative": _narrative,
    "weekday": _weekday,
    "day_beside": _day_beside,
    "ago": _ago,
    "story_quarter": _story_quarter,
    "quarter": _quarter,
    "story_period": _story_period,
    "clock": _clock,
    "clock_word": _clock,
    "part_of_story_day": lambda m, anchor, story: day(story.day),
}
# A weekday the story names is a day it tells of: "On Tuesday ... The next day" is Wednesday.
_SETS_REFERENCE = {"iso", "numeric", "month_day", "day_month", "weekday", "day_beside"}


def resolve(mention: DateMention, anchor: date, story: Story | None = None) -> ResolvedDate | None:
    """Resolve one mention against `anchor` and what the story named before it; None for no real date."""
    try:
        if mention.rule in _STORY_RESOLVERS:
            return _STORY_RESOLVERS[mention.rule](mention, anchor, story or Story(anchor))
        return _RESOLVERS[mention.rule](mention, anchor)
    except (_Unresolvable, ValueError, OverflowError, KeyError):
        return None


def resolve_all(mentions: Iterable[DateMention], anchor: date) -> list[ResolvedMention]:
    """Resolve a text's mentions in order, carrying the narrative's reference day and quarter along.

    Mentions that name no real date are left out.
    """
    resolved: list[ResolvedMention] = []
    story = Story(anchor)
    for mention in mentions:
        value = resolve(mention, anchor, story)
        if value is None:
            continue
        resolved.append(ResolvedMention(mention, value))
        story = story.after(mention, value)
    return resolved

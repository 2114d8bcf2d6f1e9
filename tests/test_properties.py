"""Properties of recognition and resolution on arbitrary text and publication dates (hypothesis).

The profile in conftest.py sets the number of examples: 2,000 per property when CI is set.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import example, given
from hypothesis import strategies as st

from csto_timeline.lexicon import english
from csto_timeline.models import Granularity, ResolvedDate, Tense
from csto_timeline.recognize import clause_tense, find_mentions
from csto_timeline.resolve import resolve_all


def _vocabulary() -> list[str]:
    lex = english()
    words = [*lex["months"], *lex["weekdays"], *lex["numbers"], *lex["units"], *lex["seasons"], *lex["quarters"]]
    words += [*lex["relative_days"], *lex["parts_of_day"]["words"], *lex["period_shift"], *lex["narrative_shift"]]
    words += [word for kind in lex["reference_words"].values() for word in kind]
    words += [word for kind in lex["tense"].values() for word in kind]
    words += ["the", "in", "on", "of", "by", "since", "until", "ago", "later", "earlier", "day", "week", "quarter"]
    words += ["half", "fiscal", "early", "mid", "late", "end", "beginning", "same", "'s", "s", "st", "nd", "th"]
    return sorted({form for word in words for form in (word, word.capitalize(), word.upper())})


_SEPARATORS = st.sampled_from([" ", " ", " ", "", "-", "–", "/", ", ", ". ", "\n", "\n\n", ":", "'", "/TASS/. "])
_NUMBERS = st.one_of(
    st.integers(0, 40).map(str),
    st.integers(0, 99999).map(str),
    st.sampled_from(["0000", "00", "1999", "2021", "2100", "2199", "9999", "0", "31", "32", "29"]),
    st.integers(0, 99).map(lambda n: f"{n:02d}"),
)
_TEMPLATES = [
    "{M} {D}",
    "{D} {M}",
    "{M} {D}, {Y}",
    "{M} {D}-{D}",
    "{D}-{D} {M} {Y}",
    "{W}, {M} {D}",
    "{M} {Y}",
    "in {M}",
    "{X} {M}",
    "{X} {W}",
    "{X} {U}",
    "{N} {U} ago",
    "{N} {U} later",
    "the {U} before",
    "the next {U}",
    "{Y}-{D}-{D}",
    "{D}/{D}/{Y}",
    "the {Y}s",
    "the {O} quarter of {Y}",
    "{O} half of {Y}",
    "{S} of {Y}",
    "{X} {S}",
    "in {Y}",
    "{W} {P}",
    "the {D}th of {M}",
    "mid-{M}",
    "late {Y}",
    "{M} {D} to {D}, {Y}",
    "MOSCOW, {M} {D}. /TASS/",
    "{X} {H}",
    "{H} week",
    "the {O} quarter",
    "{C} {W}",
    "{D} p.m. {M} {D}",
    "the day before {W}",
    "over the weekend",
]
_SLOTS = {
    "M": st.sampled_from([m.capitalize() for m in english()["months"]] + ["Sept.", "Aug.", "MAY"]),
    "W": st.sampled_from([w.capitalize() for w in english()["weekdays"]]),
    "U": st.sampled_from(list(english()["units"])),
    "N": st.sampled_from([*english()["numbers"], "0", "1", "3", "12", "100", "99999"]),
    "S": st.sampled_from(list(english()["seasons"])),
    "O": st.sampled_from(list(english()["quarters"])),
    "X": st.sampled_from(list(english()["period_shift"])),
    "P": st.sampled_from(english()["parts_of_day"]["words"]),
    "H": st.sampled_from([name.title() for name in english()["holidays"]]),
    "C": st.sampled_from(english()["clock_words"]["words"]),
    "D": _NUMBERS,
    "Y": _NUMBERS,
}


@st.composite
def date_phrase(draw: st.DrawFn) -> str:
    """A phrase shaped like a date expression, its slots filled with real words or any number."""
    template = draw(st.sampled_from(_TEMPLATES))
    return "".join(draw(_SLOTS[piece]) if piece in _SLOTS else piece for piece in _pieces(template))


def _pieces(template: str) -> list[str]:
    return [piece for chunk in template.split("{") for piece in chunk.split("}") if piece]


_TOKENS = st.one_of(
    date_phrase(),
    st.sampled_from(_vocabulary()),
    _NUMBERS,
    st.text(max_size=6),
    st.sampled_from(["A", "MOSCOW", "(", ")", '"']),
)


@st.composite
def date_like_text(draw: st.DrawFn) -> str:
    """Text mixing month and weekday names, numbers, date words, punctuation and arbitrary characters."""
    tokens = draw(st.lists(st.tuples(_TOKENS, _SEPARATORS), max_size=30))
    return "".join(token + separator for token, separator in tokens)


ANCHORS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
TEXTS = st.one_of(date_like_text(), st.text(max_size=80))


@given(TEXTS)
def test_every_span_indexes_the_text(text: str) -> None:
    mentions = find_mentions(text)
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
    for before, after in pairwise(mentions):
        assert before.end <= after.start


@given(TEXTS, ANCHORS)
def test_resolution_never_raises_and_start_is_not_after_end(text: str, anchor: date) -> None:
    for item in resolve_all(find_mentions(text), anchor):
        if item.date.granularity is Granularity.FUZZY:
            assert (item.date.start, item.date.end) == (None, None)
        else:
            assert item.date.start is not None and item.date.end is not None
            assert item.date.start <= item.date.end


@given(TEXTS, ANCHORS)
def test_value_start_and_end_agree(text: str, anchor: date) -> None:
    for item in resolve_all(find_mentions(text), anchor):
        assert (item.date.start, item.date.end) == extent_of(item.date), item


@given(TEXTS, ANCHORS)
@example("They met the day before Friday.", date(2021, 8, 25))
@example("They will meet after Christmas, at noon Monday.", date(2021, 8, 25))
def test_only_the_mentions_whose_date_needs_no_tense_are_left_without(text: str, anchor: date) -> None:
    """A mention given no tense resolves alike in every tense; the others carry their clause's."""
    mentions = find_mentions(text)
    for mention in mentions:
        assert mention.tense in (None, clause_tense(text, mention.start, mention.end))
    dates = [item.date for item in resolve_all(mentions, anchor)]
    for tense in Tense:
        tensed = [mention if mention.tense else replace(mention, tense=tense) for mention in mentions]
        assert [item.date for item in resolve_all(tensed, anchor)] == dates, tense


_SEASONS = {"SP": (3, 5, 0), "SU": (6, 8, 0), "FA": (9, 11, 0), "WI": (12, 2, 1)}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def extent_of(resolved: ResolvedDate) -> tuple[date | None, date | None]:
    """The days a TIMEX3-style value covers, computed from the value alone."""
    value, kind = resolved.value, resolved.granularity
    if kind is Granularity.FUZZY:
        assert value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
        return None, None
    if kind is Granularity.DAY:
        return date.fromisoformat(value), date.fromisoformat(value)
    if kind is Granularity.RANGE:
        first, last = value.split("/")
        return date.fromisoformat(first), date.fromisoformat(last)
    if kind is Granularity.WEEK and value.endswith("-WE"):  # the weekend of a week: its Saturday and Sunday
        year, week = value.removesuffix("-WE").split("-W")
        return date.fromisocalendar(int(year), int(week), 6), date.fromisocalendar(int(year), int(week), 7)
    if kind is Granularity.WEEK:
        year, week = value.split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
        return monday, monday + timedelta(days=6)
    if kind is Granularity.MONTH:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1), _month_end(year, month)
    if kind in (Granularity.QUARTER, Granularity.HALF):
        year, code = value.split("-")
        months = 3 if kind is Granularity.QUARTER else 6
        index = int(code.removeprefix("Q").removeprefix("H"))
        return date(int(year), months * index - months + 1, 1), _month_end(int(year), months * index)
    if kind is Granularity.SEASON:
        year, code = value.split("-")
        first, last, carry = _SEASONS[code]
        return date(int(year), first, 1), _month_end(int(year) + carry, last)
    span = {Granularity.YEAR: 1, Granularity.DECADE: 10, Granularity.CENTURY: 100}[kind]
    assert len(value) == {1: 4, 10: 3, 100: 2}[span]
    first_year = int(value) * span
    return date(first_year, 1, 1), date(first_year + span - 1, 12, 31)

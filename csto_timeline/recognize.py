"""Find date expressions in English news text: spans only, no dates computed here.

Each rule is a regular expression built from the vocabulary in `lexicon/en.toml`. A rule's
`span` group, where it has one, is the date expression proper ("June" in "In June"); the
words around it only decide whether the match is a date at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

from .lexicon import english
from .models import DateMention, Tense
from .windowed import PlanSet, cached_plan_set, guarded

_SPAN_GROUP = "span"
_has_value = itemgetter(1)  # of a (group name, text) pair: the text, None when the group matched nothing
_CONTEXT_CHARS = 90
# "By Dec. 15", "until Jan. 14", "extended to Nov. 16": read before a day's span (the rule itself stays cheap to scan).
_DEADLINE_BEFORE = re.compile(r"(?i)(?<![\w])(by|until|till|to)\s+$")
# "Net for the nine months rose from $3 a year earlier": the sentence compares spans of months, not quarters.
_MONTHS_BEFORE = re.compile(r"(?i)\b(?P<months>nine|six)\s+months\b(?:[^.!?]|\.\d)*$")


# Words that may open a month or a year ("in June", "until 2021"), tried in this order.
_PREPOSITIONS = "in on by since until till from during of through throughout before after for to early mid late the end"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _capitalised(words: list[str]) -> list[str]:
    return [form for word in words for form in (word.capitalize(), word.upper())]


@cache
def _vocabulary() -> dict[str, str]:
    lex = english()
    months = list(lex["months"])
    full_months = [m for m in months if len(m) > 3 and m != "sept"] + ["may"]
    abbreviations = [m for m in months if m not in full_months]
    month = (
        "(?:"
        + "|".join(
            [_alternation(_capitalised(full_months))]
            + [rf"{re.escape(a)}\.?" for a in sorted(_capitalised(abbreviations), key=len, reverse=True)]
        )
        + r")(?!\w|['’](?!s\b))"
    )
    weekday_full = [w for w in lex["weekdays"] if len(w) >= 6]
    return {
        "MONTH": month,
        "WEEKDAY": rf"(?:{_alternation(_capitalised(weekday_full))})(?![\w])",
        "WEEKDAY_ANY": rf"(?:{_alternation(_capitalised(list(lex['weekdays'])))})\.?(?![\w])",
        "DAY": r"(?<![\d,.$])(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d%]|:\d)",
        "YEAR": r"(?<![\d,.$£€])(?:1[0-9]|20|21)\d\d(?![\d%])",
        "NUMBER": rf"(?:\d+|{_alternation(list(lex['numbers']))})",
        "HOLIDAY": _alternation([" ".join(w.capitalize() for w in name.split()) for name in lex["holidays"]]).replace(
            r"\ ", r"\s+"
        ),
        "CENTURY_WORD": _alternation(list(lex["spelled_years"]["centuries"])),
        "TENS_WORD": _alternation(list(lex["spelled_years"]["tens"])),
        "UNIT_WORD": _alternation(list(lex["spelled_years"]["units"])),
        "PART": _alternation(lex["parts_of_day"]["words"]),
        "CLOCK_WORD": _alternation(lex["clock_words"]["words"]).replace(r"\ ", r"\s+"),
        "ZONE": _alternation(lex["clock_words"]["zones"]),
        "DECADE_WORD": _alternation(list(lex["decade_words"])),
        "SEASON": _alternation(list(lex["seasons"])),
        "ORDINAL_Q": _alternation(list(lex["quarters"])),
        "ORDINAL": _alternation(list(lex["ordinals"])),
        "HALF": _alternation(list(lex["halves"])),
        "MOD": r"early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of",
        # "In|in|On|on|...", not "[Ii]n|[Oo]n|...": the engine skips a branch opening with a plain letter at once.
        "PRE": "|".join(form for word in _PREPOSITIONS.split() for form in (word.capitalize(), word)),
        "REF_PRESENT": _alternation(lex["reference_words"]["present"]),
        "REF_PAST": _alternation(lex["reference_words"]["past"]),
        "REF_FUTURE": _alternation(lex["reference_words"]["future"]),
        "UNIT": _alternation(list(lex["units"])),
        # "the past weeks" is a duration, not a reference to the past.
        "NOT_A_PERIOD": rf"(?![\w-]|\s+(?:{_alternation(list(lex['numbers']))}|\d+|few|several)?\s*(?:{_alternation(list(lex['units']))})\b)",  # noqa: E501
    }


# The day a clock time names beside it ("noon Saturday", "5 p.m. EST, Nov. 6") or just after it.
_DAY_BESIDE = (
    r"(?:\.?(?:\s+(?:{ZONE}))?,?\s+(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})\s+(?P<d>{DAY})(?![\w-])"
    r"|(?P<word>(?i:today|yesterday|tomorrow))\b)|(?=\.?(?:[^.!?;\n]|[ap]\.m\.){1,20}?\b(?P<wd_near>{WEEKDAY})))?"
)

_RULE_SOURCES: tuple[tuple[str, str], ...] = (
    (
        "dateline",
        r"\b[A-Z][A-Z'-]{2,}(?:[ -][A-Z][A-Z'-]+)*,\s+(?P<span>(?P<mon>{MONTH})\s+(?P<d>{DAY}))\.?\s*/[A-Za-z-]+/",
    ),
    ("iso", r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])"),
    ("iso_month", r"(?<![\w-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])(?![\w-])"),
    ("numeric", r"(?<![\w/.])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\w/])"),
    (
        "month_day",
        r"(?P<span>(?:(?P<shift>(?i:last|next|this))\s+)?(?:(?P<wd>{WEEKDAY_ANY}),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY})"
        r"(?:\s*(?:-|–|to|through)\s*(?P<d2>{DAY}))?(?:,?\s+(?P<y>{YEAR}))?)(?![\w-])",
    ),
    # "April 24 and 25": the second day is a date of its own, in the month named before it.
    ("second_day", r"(?P<mon>{MONTH})\s+{DAY}\s+and\s+(?P<span>(?P<d>{DAY}))(?![\w-]|\s+(?:of\s+)?{MONTH})"),
    (
        "day_month",
        r"(?P<span>(?:(?P<wd>{WEEKDAY_ANY}),?\s+)?(?:the\s+)?(?P<d>{DAY})"
        r"(?:\s*(?:-|–|to|and)\s*(?P<d2>{DAY}))?\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?)(?![\w-])",
    ),
    (
        "month_year",
        r"(?P<span>(?:(?P<mod>{MOD})[\s-]+(?:of\s+)?)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR}))(?![\w-])",
    ),
    (
        "month",
        r"(?:(?P<pre>{PRE})\s+)?(?P<span>(?:(?P<shift>(?i:last|next|this))\s+)?(?:(?P<mod>{MOD})[\s-]+(?:of\s+)?)?(?P<mon>{MONTH})"
        r"(?:\s+(?P<yshift>this|last|next)\s+year\b)?)",
    ),
    ("decade", r"(?P<span>(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec>1[0-9]\d0|20\d0)'?s)(?![\w])"),
    # "The nineties", "the '80s": a decade without its century.
    ("decade_word", r"(?i:\b(?P<span>the\s+(?:(?:early|mid|late)[\s-]+)?(?P<word>{DECADE_WORD}))\b)"),
    ("decade_word", r"(?i:\b(?P<span>the\s+(?:(?:early|mid|late)[\s-]+)?['’](?P<tens>[1-9])0s)(?![\w]))"),
    (
        "year",
        r"(?:(?P<pre>{PRE})\s+)?(?P<span>(?:(?P<mod>{MOD})[\s-]+(?:of\s+)?)?(?:(?P<fiscal>fiscal)\s+)?(?P<y>{YEAR}))(?![\w-]|,\d|\.\d)",
    ),
    (
        "spelled_year",
        r"(?i:\b(?P<span>(?:(?P<mon>{MONTH})\s+|the\s+(?P<season>{SEASON})\s+of\s+|the\s+year\s+)?(?P<hi>{CENTURY_WORD})\s+(?P<tens>{TENS_WORD})(?:[\s-](?P<ones>{UNIT_WORD}))?"
        r"|the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?P<ones2>{UNIT_WORD}))?)\b)",
    ),
    ("century", r"(?i:\b(?P<span>(?:the\s+)?(?P<n>[1-9]\d?)(?:st|nd|rd|th)[\s-]+century)\b)"),
    (
        "weekday",
        r"(?P<span>(?:(?:(?P<story>(?i:the))\s+(?=(?i:previous|following|preceding)\s))?(?P<shift>(?i:last|next|this|coming|previous|past|following|preceding))\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>(?i:{PART})))?)(?=(?P<poss>['’]s\b))?",
    ),
    (
        "relative_day",
        r"(?i:\b(?P<span>(?P<before>the\s+day\s+before\s+)?(?P<word>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{PART}))?)\b)",
    ),
    # A clock time dates its event to a day: the one named beside it or just after it
    # ("10:35 a.m. (0735 GMT) Friday"), else the story's day.
    (
        "clock",
        r"(?<![\w.:$])(?P<span>(?:(?i:around)\s+)?[01]?\d(?::[0-5]\d)?\s*(?:a\.m|p\.m|A\.M|P\.M)\b" + _DAY_BESIDE + ")",
    ),
    (
        "clock_word",
        r"(?P<span>(?:(?i:around)\s+)?(?:(?<![\w.:$])[01]?\d\s+in\s+the\s+(?i:morning|afternoon|evening)"
        r"|(?<![Hh]igh\s)\b(?i:{CLOCK_WORD}))\b" + _DAY_BESIDE + ")",
    ),
    # "Orders came in the morning": a part of the day the story tells of.
    (
        "part_of_story_day",
        r"(?i:\b(?:in|during|by|early|late)\s+(?P<span>the\s+(?P<part>morning|afternoon|evening))\b)",
    ),
    ("part_of_today", r"(?i:\b(?P<span>(?P<shift>this|last)\s+(?P<part>{PART})))\b"),
    (
        "holiday",
        r"(?P<span>(?:(?P<shift>(?i:last|next|this))\s+)?(?P<holiday>{HOLIDAY})(?:\s+(?P<unit>week|weekend))?)(?![\w'’])",
    ),
    ("the_weekend", r"(?i:\b(?P<span>the\s+weekend)\b)"),
    ("same_day", r"(?i:\b(?P<span>(?:earlier|later)\s+in\s+the\s+day|the\s+same\s+day)\b)"),
    (
        "period",
        r"(?i:\b(?P<span>(?P<shift>this|last|next|coming|previous|current|past)\s+(?P<unit>week|weekend|month|year|quarter|decade|century))\b)",
    ),
    # "The year", "the fiscal year", "year-end" of a news story are those it is written in; "the latest
    # fiscal year" is the last one reported, the year before.
    (
        "this_period",
        r"(?i:\b(?P<span>the\s+(?:(?:current|full|(?P<latest>latest))\s+)?(?:fiscal\s+)?(?P<unit>year)"
        r"|(?:the\s+end\s+of\s+the\s+|around\s+)?(?P<end>year[\s-]end|year's\s+end))\b"
        r"(?![\s-]+(?:ago|earlier|before|after|of|two|\d)))",
    ),
    # "That year", "later that month": the period of the date the story last named.
    ("story_period", r"(?i:\b(?P<span>(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?(?P<unit>year|month|week|day))\b)"),
    (
        "period_mod",
        r"(?i:\b(?P<span>(?P<mod>{MOD}|earlier|later)[\s-]+(?:of\s+|in\s+)?(?:the\s+)?(?:(?P<shift>this|last|next)\s+)?(?P<unit>week|month|year))\b)",
    ),
    # After a date and a comma ("Oct. 12, the day before the crash") it restates that date.
    (
        "narrative",
        r"(?:(?<=(?P<appos>\d),\s))?(?i:\b(?P<span>the\s+(?:(?P<shift>next|following|previous|preceding|prior)\s+(?:(?P<unit>day|week|month|year)|(?P<part>{PART}))"
        r"|(?P<unit2>day|week|month|year)\s+(?P<shift2>before|after)))\b)",
    ),
    # "The day before last Tuesday", "the week after Oct. 12": counted from the day named, not the story's.
    (
        "day_beside",
        r"\b(?P<span>(?i:the\s+(?P<unit>day|week)\s+(?P<dir>before|after))\s+(?:(?:(?P<shift>(?i:last|next|this))\s+)?"
        r"(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})\s+(?P<d>{DAY})(?![\w-])))",
    ),
    (
        "ago",
        r"(?i:\b(?P<span>(?P<n>{NUMBER})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+(?P<dir>ago|earlier|later|from\s+now|hence))\b)",
    ),
    (
        "quarter",
        r"(?i:\b(?P<span>(?:(?:the|its|a)\s+)?(?:(?P<shift>last|next|this|current|previous|coming)\s+)?"
        r"(?:(?P<yshift>this|last|next)\s+year's\s+|(?P<y0>{YEAR})\s+|(?P<yago>year[\s-](?:ago|earlier))\s+)?(?:(?P<fiscal>fiscal)[\s-]+)?"
        r"(?:(?P<q>{ORDINAL_Q})[\s-]+)?quarter(?:\s+of)?(?:\s+(?:fiscal\s+)?(?P<y>{YEAR}))?)\b)",
    ),
    # The quarter a business story reports on, and the same quarter a year before.
    (
        "story_quarter",
        r"(?i:\b(?P<span>(?:(?:the|that|its)\s+(?:(?P<latest>latest|most\s+recent|same|comparable|corresponding)\s+)?"
        r"(?:(?P<ago>year[\s-](?:ago|earlier)\s+)|(?P<y0>{YEAR})\s+)?(?P<unit>quarter|period)(?P<ago2>\s+a\s+year\s+(?:ago|earlier)|\s+last\s+year)?)"
        r"|(?P<ago3>year-(?:ago|earlier)))\b(?![\w-]))",
    ),
    (
        "half",
        r"(?i:\b(?P<span>(?:the\s+)?(?:(?P<h>{HALF})\s+half|(?P<h2>first|last)\s+two\s+quarters)(?:\s+of)?(?:\s+(?P<y>{YEAR}))?)\b)",
    ),
    (
        "season",
        r"(?i:\b(?:(?P<pre>in|during|this|last|next|the|by|since|until|early|late|mid)[\s-]+)?(?P<span>(?:(?P<shift>this\s+past|this|last|next)\s+)?"
        r"(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?)\b(?!\s+of\s+(?![12]\d\d\d)))",
    ),
    # "The past few weeks" as TempEval reads it: a vague time in the past, not a count.
    (
        "recent_periods",
        r"(?i:\b(?P<span>the\s+(?:past|last|recent)\s+(?:few|several)\s+(?:days|weeks|months|quarters|years))\b)",
    ),
    ("ref_present", r"(?i:\b(?P<span>{REF_PRESENT})\b{NOT_A_PERIOD})"),
    ("ref_past", r"(?i:\b(?P<span>{REF_PAST})\b{NOT_A_PERIOD})"),
    ("ref_future", r"(?i:\b(?P<span>{REF_FUTURE})\b{NOT_A_PERIOD})"),
    # "Today is the eighth day of the airlift", "it's the second day of the strike": the day of writing.
    (
        "nth_day_now",
        r"(?i:\b(?:today\s+is|it\s+is|it['’]s|this\s+is)\s+(?P<span>the\s+(?:{ORDINAL}|\d+(?:st|nd|rd|th))\s+day)\b)",
    ),
    # "Will one day be": after a modal, "one day" is some day to come, not a day's length.
    ("one_day", r"(?i:\b(?P<span>(?:one\s+|some\s*)day)\b)"),
    # "Soon" looks ahead unless the clause tells of the past ("he was soon released").
    ("soon", r"(?i:\b(?P<span>soon)\b(?!\s+(?:after|afterwards?|thereafter|as|became|began|came|went|\w+ed)\b))"),
)


@cache
def _rule_sources() -> tuple[tuple[str, str], ...]:
    """Each rule's name and the source of its pattern, the vocabulary filled in, most specific first."""
    vocabulary = _vocabulary()
    filled = []
    for name, source in _RULE_SOURCES:
        for key, value in vocabulary.items():
            source = source.replace("{" + key + "}", value)
        filled.append((name, source))
    return tuple(filled)


def _month_qualified(match: re.Match[str], text: str) -> bool:
    """ "May" and "March" alone are words; after "in", "early" or "last" they are months."""
    pre, mod, shift, month = match.group("pre", "mod", "shift", "mon")
    return bool(pre or mod or shift) or month.rstrip(".").lower() not in english()["ambiguous_months"]["words"]


def _unit_not_title(match: re.Match[str], text: str) -> bool:
    return not _is_title(match.group("unit"))


def _now_not_opening(match: re.Match[str], text: str) -> bool:
    # "Now, he says, ..." opens a turn of the argument, not a time.
    return not (match.group(_SPAN_GROUP) == "Now" and text.startswith(",", match.end()))


def _day_not_generic(match: re.Match[str], text: str) -> bool:
    return not _is_generic_day(match, text)


def _after_modal(match: re.Match[str], text: str) -> bool:
    return bool(_MODAL_BEFORE.search(text, max(0, match.start() - 12), match.start()))


def _not_past(match: re.Match[str], text: str) -> bool:
    return clause_tense(text, match.start(), match.end()) is not Tense.PAST


def _season_qualified(match: re.Match[str], text: str) -> bool:
    return any(match.group("pre", "shift", "y"))


def _half_named(match: re.Match[str], text: str) -> bool:
    half, half_of_two, year = match.group("h", "h2", "y")
    return (half or half_of_two).lower() != "last" or bool(year)


def _quarter_named(match: re.Match[str], text: str) -> bool:
    return any(match.group("q", "shift", "y", "y0", "yshift", "yago"))


def _story_quarter_named(match: re.Match[str], text: str) -> bool:
    unit, *named = match.group("unit", "latest", "ago", "ago2", "y0")
    return (unit or "").lower() != "period" or any(named)


_MODAL_BEFORE = re.compile(r"(?i)\b(?:will|would|could|might|may|can|shall)\s+$")
# "VOA Today", "USA Today": a capitalised "Today" after a capitalised word names a programme or paper.
_TITLE_BEFORE = re.compile(r"\b[A-Z][\w&-]*\s+$")
_WORD_BEFORE = re.compile(r"(\w+)\s+(?:of\s+)?$")


def _is_generic_day(match: re.Match[str], text: str) -> bool:
    """ "Today's world", "many of today's computers", "the people of tomorrow", "VOA Today": no day."""
    word = match.group("word")
    before = text[max(0, match.start() - 30) : match.start()]
    if word[0].isupper() and not match.group("before") and _TITLE_BEFORE.search(before):
        return True
    generic = english()["generic_today"]
    preceding = _WORD_BEFORE.search(before)
    after_of = preceding.group(1).lower() if preceding and before.endswith("of ") else ""
    if word.lower() == "tomorrow":
        return after_of.isalpha() and after_of not in ("the", *generic["day_of"])
    if word.lower() != "today" or not text.startswith(("'s", "’s"), match.end()):
        return False
    following = text[match.end() + 2 : match.end() + 30].split()
    next_word = following[0].strip(".,;:()\"'").lower() if following else ""
    return next_word in generic["nouns"] or after_of in generic["quantifiers"]


def _is_title(word: str) -> bool:
    """ "This Week" mid-sentence is a title (a TV show), not the week."""
    return word[:1].isupper() and not word.isupper()


def _is_year(match: re.Match[str], text: str) -> bool:
    year = int(match.group("y"))
    if not 1000 <= year <= 2199:
        return False
    following = text[match.end() : match.end() + 30].split()
    next_word = following[0].strip(".,;:()\"'").lower() if following else ""
    measures = english()["measures"]["words"]
    if next_word in measures or (next_word.endswith("-strong")) or _ends_in_name(text[: match.start("span")]):
        return False
    return bool(match.group("pre") or match.group("mod") or match.group("fiscal") or 1900 <= year <= 2100)


# "A venture called Orion 1980", "the Vision 2020 plan": a year after a capitalised word inside a
# sentence ends a name. Not after a word that opens the sentence ("Since 1949") or names a date.
_NAME_BEFORE = re.compile(r"[\w,;:]\s+(?P<name>[A-Z][a-z]+)\s+$")


def _ends_in_name(before: str) -> bool:
    name = _NAME_BEFORE.search(before[-40:])
    if not name:
        return False
    word = name.group("name").lower()
    lex = english()
    return word not in lex["months"] and word not in lex["weekdays"] and word not in lex["not_names"]["words"]


# Per rule, the check a match must pass: False for one that looks like a date but is a word or a
# number in its context. A rule not listed takes every match.
_ACCEPTS: dict[str, Callable[[re.Match[str], str], bool]] = {
    "month": _month_qualified,
    "year": _is_year,
    "period": _unit_not_title,
    "ref_present": _now_not_opening,
    "relative_day": _day_not_generic,
    "one_day": _after_modal,
    "soon": _not_past,
    "season": _season_qualified,
    "half": _half_named,
    "quarter": _quarter_named,
    "story_quarter": _story_quarter_named,
}


@cache
def _plan_set() -> PlanSet:
    """The rules' scan plans, in rule order; read back from the cache folder, the rules are not even compiled."""
    return cached_plan_set([(source, 0) for _, source in _rule_sources()])


@cache
def _rule_readers() -> tuple[tuple[str, Callable[[re.Match[str], str], bool] | None, bool], ...]:
    """Per rule: its name, the check its matches must pass (or None), and whether it has a span group."""
    scanners = (each.scanner for each in _plan_set().plans)  # the same groups as the rule's pattern
    return tuple(
        (name, _ACCEPTS.get(name), _SPAN_GROUP in scanner.groupindex)
        for (name, _), scanner in zip(_rule_sources(), scanners, strict=True)
    )


def _candidates(text: str) -> Iterator[tuple[int, int, str, re.Match[str]]]:
    readers = _rule_readers()
    for index, match in _plan_set().matches(text):
        name, accepts, spanned = readers[index]
        if accepts is not None and not accepts(match, text):
            continue
        start, end = match.span(_SPAN_GROUP) if spanned else match.span()
        if end > start:
            yield start, end, name, match


def _fields(match: re.Match[str]) -> tuple[tuple[str, str], ...]:
    groups = match.groupdict()
    spanned = _SPAN_GROUP in groups
    groups.pop(_SPAN_GROUP, None)
    fields = tuple(filter(_has_value, groups.items()))  # in C: most groups of a rule match nothing
    if groups.get("mon") and groups.get("d"):
        start = match.start(_SPAN_GROUP) if spanned else match.start()
        if deadline := _DEADLINE_BEFORE.search(match.string, max(0, start - 8), start):
            fields += (("pre", deadline.group(1)),)
    if "dir" in groups or "ago3" in groups:
        start = match.start()
        if months := _MONTHS_BEFORE.search(match.string, max(0, start - 200), start):
            fields += (("months", months.group("months")),)
    return fields


# The rules whose expressions leave their year or week to the context: a weekday, a day, month,
# quarter or holiday that may come without its year, the weekend. Their clause's tense decides
# which one is meant ("was held on Friday", "will meet in March"). Reading a tense costs about a
# fifth of the recognition, so the other rules' expressions, which fix their date themselves, get none.
_TENSE_DECIDES = frozenset(
    {"weekday", "day_beside", "clock", "clock_word", "the_weekend", "holiday", "quarter"}
    | {"month_day", "day_month", "second_day", "dateline", "month"}
)


def find_mentions(text: str) -> list[DateMention]:
    """Return the date expressions of `text`, non-overlapping, longest first, in text order.

    Each has its clause's tense where that decides its date (`_TENSE_DECIDES`), else None.
    """
    chosen: list[DateMention] = []
    taken: list[tuple[int, int]] = []  # disjoint spans sorted by start, so overlap is a neighbour check
    ranked = sorted(_candidates(text), key=lambda c: (c[0] - c[1], c[0]))
    for start, end, rule, match in ranked:
        at = bisect_left(taken, (start, end))
        if (at > 0 and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end):
            continue
        taken.insert(at, (start, end))
        tense = clause_tense(text, start, end) if rule in _TENSE_DECIDES else None
        chosen.append(DateMention(text[start:end], start, end, rule, _fields(match), tense))
    return sorted(chosen, key=lambda mention: mention.start)


def _whole_words(choice: str, folded: bool) -> re.Pattern[str]:
    """The alternation `choice` standing alone (no word character on either side), told its first characters.

    `folded`: `choice` is lowercase and is looked for in lowercased ASCII text, case-sensitively, which is faster.
    """
    return guarded(re.compile(rf"{'' if folded else '(?i)'}(?<![\w])(?:{choice})(?![\w])"))


def _choice(words: list[str], folded: bool) -> str:
    return _alternation([word.lower() for word in words] if folded else words)


# Per tense, the lexicon's lists of markers looked for before a date and those looked for after it.
# A verb of attribution ("said") dates the telling: before a date it is the date's verb ("said
# Friday"); after one ("will pay Nov. 16, the company said") it is only a last resort. An
# infinitive of intent ("agreed to buy it in February") looks ahead only to a date after it.
# The order is that of ties: a marker as near as another's counts first, and one that holds
# another's ("is due" holds "is") is tried first.
_TENSE_MARKERS = (
    (Tense.FUTURE, ("future", "intent"), ("future",)),
    (Tense.PAST, ("past", "reporting"), ("past",)),
    (Tense.PRESENT, ("present",), ("present",)),
)
# Per tense's value (the name of its markers' group, see `_markers`): its place in that order, and the tense.
_TENSE_RANK = {tense.value: (order, tense) for order, (tense, _, _) in enumerate(_TENSE_MARKERS)}


def _markers(side: int, folded: bool) -> re.Pattern[str]:
    """Any marker on one side of a date (0: before, 1: after), in a group named by its tense's value."""
    tense_words = english()["tense"]
    groups = []
    for tense, *lists_by_side in _TENSE_MARKERS:
        words = [word for kind in lists_by_side[side] for word in tense_words[kind]]
        groups.append(f"(?P<{tense.value}>{_choice(words, folded)})")
    return _whole_words("|".join(groups), folded)


@dataclass(frozen=True)
class _TenseWords:
    """The word patterns `clause_tense` reads a clause with, in one case mode (see `_whole_words`)."""

    # A word opening another clause after a date: its markers are that clause's, not the date's.
    clause_opener: re.Pattern[str]
    # The markers of every tense, looked for before a date and after it (`_markers`).
    before: re.Pattern[str]
    after: re.Pattern[str]
    reporting: re.Pattern[str]


@cache
def _tense_words(folded: bool) -> _TenseWords:
    """The patterns of `_TenseWords`, made once per case mode: one look-up per clause, not one per pattern."""
    tense_words = english()["tense"]
    return _TenseWords(
        _whole_words(_choice(tense_words["clause_openers"], folded), folded),
        _markers(0, folded),
        _markers(1, folded),
        _whole_words(_choice(tense_words["reporting"], folded), folded),
    )


# The full stop of an abbreviated month ("payable Jan. 3") ends no clause.
_CLAUSE_END_SOURCE = r"[!?\n;]|\.(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)(?<!\bSept\.)"
_CLAUSE_END = guarded(re.compile(_CLAUSE_END_SOURCE))
# Everything up to the last clause end: the greedy run backs off from the end, one match, not a split.
_UP_TO_LAST_CLAUSE_END = re.compile(rf"(?s:.*)(?:{_CLAUSE_END_SOURCE})")


@cache
def _ascii_tense_words() -> bool:
    """Whether every tense word is ASCII, so that lowercasing ASCII text matches them as (?i) would."""
    return all(word.isascii() for words in english()["tense"].values() for word in words)


def clause_tense(text: str, start: int, end: int) -> Tense:
    """Guess the tense of the clause around text[start:end] from the nearest marker; PRESENT when none."""
    before = text[max(0, start - _CONTEXT_CHARS) : start]
    if up_to_end := _UP_TO_LAST_CLAUSE_END.match(before):
        before = before[up_to_end.end() :]
    after = text[end : end + _CONTEXT_CHARS]
    if clause_end := _CLAUSE_END.search(after):
        after = after[: clause_end.start()]
    # Case-sensitive patterns on a lowercased copy are much faster than (?i) ones, and match alike on ASCII.
    folded = before.isascii() and after.isascii() and _ascii_tense_words()
    if folded:
        before, after = before.lower(), after.lower()
    words = _tense_words(folded)
    if opener := words.clause_opener.search(after):
        after = after[: opener.start()]
    # The nearest marker tells the tense: the last one before the date, or the first one after it.
    found = [(len(before) - marker.end(), _rank(marker)) for marker in deque(words.before.finditer(before), maxlen=1)]
    if first_after := words.after.search(after):
        found.append((first_after.start(), _rank(first_after)))
    if found:
        return min(found)[1][1]
    # "..., officials said" after a date tells when it was said: the clause's own tense comes first.
    return Tense.PAST if words.reporting.search(after) else Tense.PRESENT


def _rank(marker: re.Match[str]) -> tuple[int, Tense]:
    return _TENSE_RANK[marker.lastgroup or ""]  # every marker is in a tense's group

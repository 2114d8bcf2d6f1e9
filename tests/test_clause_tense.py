"""The tense of a date's clause: the fast `clause_tense` agrees with its plain form on any text."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from csto_timeline.lexicon import english
from csto_timeline.models import Tense
from csto_timeline.recognize import clause_tense

_REACH = 90
_PLAIN_CLAUSE_END = re.compile(r"[!?\n;]|\.(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)(?<!\bSept\.)")


def _plain_words(*kinds: str) -> re.Pattern[str]:
    words = sorted((word for kind in kinds for word in english()["tense"][kind]), key=len, reverse=True)
    return re.compile(rf"(?i)(?<![\w])(?:{'|'.join(map(re.escape, words))})(?![\w])")


_PLAIN_TENSES = (
    (Tense.FUTURE, _plain_words("future", "intent"), _plain_words("future")),
    (Tense.PAST, _plain_words("past", "reporting"), _plain_words("past")),
    (Tense.PRESENT, _plain_words("present"), _plain_words("present")),
)


def plain_clause_tense(text: str, start: int, end: int) -> Tense:
    """The rule as first written: split the clause out, list every marker, take the nearest."""
    before = _PLAIN_CLAUSE_END.split(text[max(0, start - _REACH) : start])[-1]
    after_window = text[end : end + _REACH]
    clause_end = _PLAIN_CLAUSE_END.search(after_window)
    after = after_window[: clause_end.start()] if clause_end else after_window
    after = _plain_words("clause_openers").split(after, maxsplit=1)[0]
    best, best_distance = Tense.PRESENT, -1
    for tense, pattern_before, pattern_after in _PLAIN_TENSES:
        in_before = list(pattern_before.finditer(before))
        first_after = pattern_after.search(after)
        near = [len(before) - in_before[-1].end()] if in_before else []
        near += [first_after.start()] if first_after else []
        if near and (best_distance < 0 or min(near) < best_distance):
            best, best_distance = tense, min(near)
    if best_distance < 0 and _plain_words("reporting").search(after):
        return Tense.PAST
    return best


_LEXICON = english()["tense"]
# Letters the regex engine folds unlike str.lower does: "ſ" matches "s" and the Kelvin sign "k" under (?i).
_ODD_LETTERS = str.maketrans({"s": "ſ", "k": "\u212a", "i": "ı"})
_CASES = st.sampled_from([str.lower, str.upper, str.capitalize, lambda word: word.translate(_ODD_LETTERS)])
# A list of the lexicon first, then a word of it: the short lists ("said", "says") come up as often as the long.
_WORD = st.sampled_from(list(_LEXICON.values())).flatmap(st.sampled_from)
_WORDS = st.builds(lambda word, case: case(word), _WORD, _CASES)
_PUNCTUATION = [" ", " ", " ", "  ", ".", ",", ";", "!", "?", "\n", "'", "’", "-"]
_PIECES = st.sampled_from([*_PUNCTUATION, "Jan.", "Sept.", "xJan.", "Oct", "Dec.", "DEC.", "the", "x"])
_ODD = st.sampled_from(["İ", "é", "ß"])
_TEXT = st.lists(st.one_of(_WORDS, _WORDS, _PIECES, _PIECES, _ODD, st.text(max_size=2)), max_size=12)


@example(["It will, it was, it will "], "Jan. 3", [])  # the last marker before the date counts
@example([], "Jan. 3", ["which was"])  # an opener right after the date
@example(["It was due ", "Sept.", " 3, ", "Dec.", " 9 or "], "Friday", [])  # abbreviated months end no clause
@example(["It was! Or ", "Jan.", " ", "xJan.", " "], "Friday", [])  # ... but a full stop after another word does
@given(_TEXT, st.sampled_from(["Jan. 3", "Friday", "1999", ""]), _TEXT)
def test_clause_tense_agrees_with_its_plain_form(before: list[str], date: str, after: list[str]) -> None:
    text = "".join(before) + date + "".join(after)
    start = len("".join(before))
    assert clause_tense(text, start, start + len(date)) is plain_clause_tense(text, start, start + len(date))


def test_clause_tense_reads_the_nearest_marker_of_the_dates_clause() -> None:
    text = "Shares were sold Jan. 3, and the firm will pay Feb. 1; it is done."
    assert clause_tense(text, text.index("Jan."), text.index("Jan.") + 6) is Tense.PAST
    assert clause_tense(text, text.index("Feb."), text.index("Feb.") + 6) is Tense.FUTURE
    assert clause_tense("Nothing here MARCH 3 at all", 13, 20) is Tense.PRESENT
    # Markers overlap ("is to" and "to be held"): the one read first from the left counts, as in a plain scan.
    text = "The vote is to be held DATE"
    assert clause_tense(text, 23, 27) is plain_clause_tense(text, 23, 27) is Tense.FUTURE

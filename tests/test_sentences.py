"""Sentence splitting: the boundary pattern, written for speed, finds what its plain form finds."""

from __future__ import annotations

import re
from bisect import bisect_right

from hypothesis import example, given
from hypothesis import strategies as st

from csto_timeline.sentences import (
    _BOUNDARY,
    _INITIALS,
    _LONGEST_WORD,
    _abbreviations,
    _is_abbreviation,
    _word_before,
    sentence_spans,
    sentences_around,
)

PLAIN_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n")
PIECES = st.sampled_from([".", "!", "?", "…", "\n", " ", "\t", '"', "”", ")", "]", "(", "A", "a", "7", "Dr", "U.S"])


@given(st.lists(PIECES | st.text(max_size=3), max_size=30))
@example(["Ends.", " ", "Next", "\n", " ", "\n", "!!", "”", " ", "(", "7", "\n"])
def test_boundary_pattern_finds_what_its_plain_form_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in PLAIN_BOUNDARY.finditer(text)]


PLAIN_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
WORD_PIECES = st.sampled_from([".", "'", "’", "-", "_", " ", "\n", ",", "Dr", "U.S", "é", "7", "abcdefghij"])


@given(st.lists(WORD_PIECES | st.text(max_size=3), max_size=30), st.data())
@example(["word", "\n"], None)  # `$` also matches before a final line break
@example(["abcdefghij"] * 5, None)  # a run longer than the longest word is cut
def test_word_before_finds_what_a_plain_search_finds(pieces: list[str], data: st.DataObject | None) -> None:
    text = "".join(pieces)
    at = data.draw(st.integers(0, len(text))) if data else len(text)
    plain = PLAIN_WORD_BEFORE.search(text, max(0, at - _LONGEST_WORD), at)
    assert _word_before(text, at) == (plain.group(1) if plain else None)


def _abbreviation_by_regex(text: str, period_at: int) -> bool:
    """The abbreviation test read off the word `_word_before` finds, with no shortcut."""
    found = _word_before(text, period_at)
    word = (found or "").lower().rstrip(".")
    return bool(found) and (
        word in _abbreviations() or (len(word) == 1 and word.isalpha()) or _INITIALS.fullmatch(word) is not None
    )


ABBREVIATION_PIECES = st.sampled_from(
    [" ", "Dr", "dr", "Aug", "Sept", "U.S", "a", "x", "said", "\u0130", "é", "(", "7"]
)


@given(st.lists(ABBREVIATION_PIECES | WORD_PIECES, max_size=30), st.data())
@example([" ", "Dr"], None)
@example([" ", "\u0130"], None)  # lowercased, one letter becomes two
@example(["("] + ["abcdefghij"] * 5, None)  # no blank within reach
def test_a_stop_after_a_plain_word_is_judged_as_the_regex_judges_it(
    pieces: list[str], data: st.DataObject | None
) -> None:
    text = "".join(pieces) + "."
    at = data.draw(st.integers(0, len(text) - 1)) if data else len(text) - 1
    assert _is_abbreviation(text, at) == _abbreviation_by_regex(text, at)


def test_sentences_end_at_full_stops_and_blank_lines_not_at_abbreviations() -> None:
    text = 'Dr. Smith left on Aug. 3. "He will return," she said!\n\nNext paragraph'
    assert [text[start:end] for start, end in sentence_spans(text)] == [
        "Dr. Smith left on Aug. 3.",
        '"He will return," she said!',
        "Next paragraph",
    ]


def test_a_dateline_stays_in_its_sentence_and_abbreviations_split_nothing() -> None:
    """No capital or digit follows the stop of "August 23. /TASS/": no boundary, so no check is needed there."""
    text = (
        "DUSHANBE, August 23. /TASS/. Tajikistan will host the drills, Dr. Rahmon said."
        " MOSCOW, Aug. 5 /TASS/ Troops left."
    )
    assert [text[start:end] for start, end in sentence_spans(text)] == [
        "DUSHANBE, August 23. /TASS/.",
        "Tajikistan will host the drills, Dr. Rahmon said.",
        "MOSCOW, Aug. 5 /TASS/ Troops left.",
    ]


SENTENCE_PIECES = st.sampled_from(
    [". ", ".", "! ", "\n", "\n\n", " ", "Dr. ", "Aug. ", "U.S. ", '" ', "He ", "7 ", "said", "x"]
)


def _sentence_by_bisect(text: str, offset: int) -> tuple[int, int]:
    """The plain way: every sentence of the text, and the last one starting at or before the offset."""
    spans = sentence_spans(text) or [(0, len(text))]
    return spans[max(bisect_right([start for start, _ in spans], offset) - 1, 0)]


@given(st.lists(SENTENCE_PIECES | st.text(max_size=3), max_size=40), st.data())
@example(["He", " ", "said", ".", " ", "Dr. ", "He", "\n", "\n\n", "7 ", "x", "."], None)
def test_the_sentence_around_each_offset_is_the_one_the_whole_split_gives(
    pieces: list[str], data: st.DataObject | None
) -> None:
    text = "".join(pieces)
    if data is None:  # each start of a word, in order: the quick pass
        offsets = [at for at in range(len(text)) if not text[at].isspace()]
    else:
        offsets = data.draw(st.lists(st.integers(0, len(text) + 1), max_size=8))
        if data.draw(st.booleans()):  # the quick pass: in order, at words
            offsets = sorted(at for at in offsets if at < len(text) and not text[at].isspace())
    assert sentences_around(text, offsets) == [_sentence_by_bisect(text, offset) for offset in offsets]


def test_the_sentence_of_an_offset_after_sentences_without_one_is_found_whole() -> None:
    text = "One left. Two left.\nDr. Aug. Smith left on Friday. Three left."
    friday = text.index("Friday")
    assert sentences_around(text, [friday, friday + 1]) == [(text.index("Dr."), text.index(" Three"))] * 2
    assert sentences_around(text, [friday, 0]) == [(text.index("Dr."), text.index(" Three")), (0, 9)]

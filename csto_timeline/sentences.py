"""Split text into sentences without breaking at abbreviations, initials, decimals or datelines."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import chain, pairwise

from .lexicon import english

# A candidate boundary: end punctuation, optional closing quotes/brackets, then space; or a line
# break. That is `[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n\s*\n|\n`, written to open with one
# character class, which lets the engine skip to the next candidate instead of trying every position.
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=\n)\s*\n|(?<=\n))")
# The run of word characters that ends a piece of text: `.*` runs to the end and backs off to the run's
# start, one match, where a search for `[\w.'’-]+$` would try every start and run each word to its end.
_LAST_WORD = re.compile(r"(?s:.*)(?<![\w.'’-])([\w.'’-]+)$")
_LONGEST_WORD = 40


@cache
def _abbreviations() -> frozenset[str]:
    lex = english()
    short_names = {word for word in [*lex["months"], *lex["weekdays"]] if len(word) <= 4}
    words = set(lex["abbreviations"]["words"]) | short_names - {"may", "june", "july"}
    return frozenset(word.lower().rstrip(".") for word in words)


_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


def _word_before(text: str, at: int) -> str | None:
    """The word (letters, digits, dots, apostrophes, hyphens) ending at `at`, at most _LONGEST_WORD long."""
    found = _LAST_WORD.match(text[max(0, at - _LONGEST_WORD) : at])
    return found.group(1) if found else None


def _is_abbreviation(text: str, period_at: int) -> bool:
    # Most stops follow a plain word after a space: that word is what _word_before would find, without a regex.
    space = text.rfind(" ", max(0, period_at - _LONGEST_WORD), period_at)
    plain = text[space + 1 : period_at]
    if space >= 0 and plain.isalpha():
        return (word := plain.lower()) in _abbreviations() or len(word) == 1
    found = _word_before(text, period_at)
    if not found:
        return False
    word = found.lower().rstrip(".")
    return word in _abbreviations() or (len(word) == 1 and word.isalpha()) or _INITIALS.fullmatch(word) is not None


def _is_boundary(text: str, at: int, end: int) -> bool:
    """Whether the candidate boundary text[at:end] ends a sentence."""
    # Only a lone full stop can be a false boundary: an abbreviation's or an initial's. (A dateline's
    # "August 23. /TASS/" is none: no capital or digit follows the stop.)
    return not (end - at == 1 and text[at] == "." and _is_abbreviation(text, at))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every sentence of `text`, leading and trailing space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        at, end = boundary.span()
        if _is_boundary(text, at, end):
            _append_trimmed(spans, text, start, end)
            start = end
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    if span := _trimmed(text, start, end):
        spans.append(span)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of text[start:end] without its leading and trailing space; None if it is all space."""
    piece = text[start:end]
    if stripped := piece.lstrip():
        first = end - len(stripped)
        return first, first + len(stripped.rstrip())
    return None


def sentences_around(text: str, offsets: Iterable[int]) -> list[tuple[int, int]]:
    """The span of the sentence of `sentence_spans(text)` holding each offset, in the order given.

    An offset in the space between two sentences belongs to the one before it (before the first
    sentence, to the first). Offsets in ascending order, each at a character other than space
    (a date mention's start), take a quicker way: see `_sentences_at`.
    """
    wanted = list(offsets)
    if all(0 <= offset < len(text) and not text[offset].isspace() for offset in wanted) and all(
        before <= after for before, after in pairwise(wanted)
    ):
        return _sentences_at(text, wanted)
    spans = sentence_spans(text) or [(0, len(text))]
    starts = [start for start, _ in spans]
    return [spans[max(bisect_right(starts, offset) - 1, 0)] for offset in wanted]


def _sentences_at(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """`sentences_around` for ascending offsets at characters other than space, in one pass.

    The sentence holding an offset runs from the last true boundary before it to the first one
    after it: only those are judged (most candidates are full stops, and judging a stop means
    reading the word before it), working back from the offset and on from it. Candidates between
    two dated sentences are skipped unjudged, and the text after the last one is not read.
    """
    found: list[tuple[int, int]] = []
    candidates = _BOUNDARY.finditer(text)
    start = end = 0  # the piece between true boundaries that holds the last offset
    for offset in offsets:
        if offset >= end:
            passed = []  # the candidates ending before the offset, after the last piece
            for candidate in candidates:
                if candidate.end() > offset:
                    break
                passed.append(candidate.span())
            else:
                candidate = None
            start = next((stop for at, stop in reversed(passed) if _is_boundary(text, at, stop)), end)
            end = _first_boundary_end(text, candidate, candidates)
        # The piece has a character other than space at `offset`: trimmed, it is that sentence.
        found.append(_trimmed(text, start, end) or (0, len(text)))
    return found


def _first_boundary_end(text: str, candidate: re.Match[str] | None, later: Iterator[re.Match[str]]) -> int:
    """Where the first true boundary among `candidate` and those `later` ends; the text's end if none."""
    for each in chain([candidate] if candidate else [], later):
        if _is_boundary(text, *each.span()):
            return each.end()
    return len(text)

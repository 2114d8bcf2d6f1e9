"""Split text into sentences without breaking at abbreviations, initials, decimals or datelines."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every sentence of `text`, leading and trailing space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        at, end = boundary.span()
        # Only a lone full stop can be a false boundary: an abbreviation's or an initial's. (A dateline's
        # "August 23. /TASS/" is none: no capital or digit follows the stop.)
        if end - at == 1 and text[at] == "." and _is_abbreviation(text, at):
            continue
        _append_trimmed(spans, text, start, end)
        start = end
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    if stripped := piece.lstrip():
        first = end - len(stripped)
        spans.append((first, first + len(stripped.rstrip())))


class SentenceIndex:
    """Finds the sentence around any character offset of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self._starts = [start for start, _ in self.spans]

    def around(self, offset: int) -> tuple[int, int]:
        """Return the span of the sentence holding `offset`."""
        index = max(bisect_right(self._starts, offset) - 1, 0)
        return self.spans[index] if self.spans else (0, len(self.text))

"""Split text into sentences without breaking at abbreviations, initials, decimals or datelines."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from .lexicon import english

# A candidate boundary: end punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
_DATELINE_AHEAD = re.compile(r"\s*/[A-Za-z-]+/")
_LONGEST_WORD = 40


@cache
def _abbreviations() -> frozenset[str]:
    lex = english()
    short_names = {word for word in [*lex["months"], *lex["weekdays"]] if len(word) <= 4}
    words = set(lex["abbreviations"]["words"]) | short_names - {"may", "june", "july"}
    return frozenset(word.lower().rstrip(".") for word in words)


def _is_abbreviation(text: str, period_at: int) -> bool:
    if text[period_at] != ".":
        return False
    found = _WORD_BEFORE.search(text, max(0, period_at - _LONGEST_WORD), period_at)
    if not found:
        return False
    word = found.group(1).lower().rstrip(".")
    if len(word) == 1 and word.isalpha():
        return True
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return True
    return word in _abbreviations()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every sentence of `text`, leading and trailing space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if boundary.group().strip() and _keeps_going(text, boundary):
            continue
        _append_trimmed(spans, text, start, boundary.end())
        start = boundary.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _keeps_going(text: str, boundary: re.Match[str]) -> bool:
    if _DATELINE_AHEAD.match(text, boundary.end()):
        return True
    return boundary.group() == "." and _is_abbreviation(text, boundary.start())


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


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

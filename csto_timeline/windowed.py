"""Run a regular expression only around the places its matches must touch, same result as finditer.

Every match of a date rule holds an *anchor*: a piece the pattern cannot match without (a month
name, a digit, "quarter"). The anchor, and the most text a match can hold before and after it,
are read from the pattern's parse tree, so this works for any pattern, not a list of known rules.
Scanning windows around the anchor's occurrences then yields exactly the matches of
`pattern.finditer(text)`, provided no unbounded repeat (`\\s+`, `\\d+`, ...) runs more than
`RUN_CAP` (`SPACE_RUN_CAP` for blanks) times in the text. That is checked per text; where it
fails, or where a pattern holds a construct this analysis does not model, the full scan runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

RUN_CAP = 24
# Runs of blanks and repeated phrases are short in prose, so a tighter cap keeps windows narrow.
SPACE_RUN_CAP = 6
_DIGIT_RUNS = re.compile(r"\d+")
_DIGITS = "<digits>"
_FREQUENT_PUNCTUATION = frozenset(",.;:!?'\"()-–—’”“")
_WIDTH_ONE = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_GROUPS = {sre.SUBPATTERN, sre.ATOMIC_GROUP}
_ASSERTIONS = {sre.ASSERT, sre.ASSERT_NOT}


class _Unsupported(Exception):
    """The pattern holds something the window analysis does not model: scan it whole."""


@dataclass(frozen=True)
class ScanPlan:
    """How to scan one pattern: its anchor, the widest reach around it, and the runs to check."""

    pattern: re.Pattern[str]
    anchor: tuple[str, ...]
    before: int
    after: int
    overruns: tuple[str, ...]


def plan(pattern: re.Pattern[str], common_words: frozenset[str] = frozenset()) -> ScanPlan:
    """Analyse `pattern` once; a plan without anchor always scans the whole text.

    Anchors made of `common_words` ("the", "this") are chosen only when nothing rarer is.
    """
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        repeats: list[Any] = []
        _width(list(tree), repeats, ())
        anchor = _best_anchor(_flat(list(tree)), common_words)
        overruns = tuple({_overrun_check(tree.state, pattern.flags, body, cap) for body, cap in repeats})
    except (_Unsupported, re.error, RecursionError):
        return ScanPlan(pattern, (), 0, 0, ())
    return ScanPlan(pattern, anchor.words, anchor.before, anchor.after, overruns)


def _flat(items: list[Any]) -> list[Any]:
    """The pattern as a flat sequence of items, groups opened (a group is matched exactly once)."""
    flat = []
    for op, av in items:
        if op == sre.SUBPATTERN:
            flat += _flat(list(av[3]))
        elif op == sre.ATOMIC_GROUP:
            flat += _flat(list(av))
        else:
            flat.append((op, av))
    return flat


@dataclass(frozen=True)
class _Anchor:
    score: float
    words: tuple[str, ...]
    before: int
    after: int


def _best_anchor(items: list[Any], common_words: frozenset[str]) -> _Anchor:
    """The mandatory piece likely to occur least: long uncommon words, else digits, else common words.

    An alternation can be the anchor through an anchor in each of its alternatives.
    """
    best: _Anchor | None = None
    for index, item in enumerate(items):
        before, after = _width(items[:index], [], ()), _width(items[index + 1 :], [], ())
        candidates = [_direct_anchor(items[index:], common_words, before)]
        if item[0] == sre.BRANCH:
            candidates.append(_branch_anchor(item, common_words, before, after))
        for candidate in candidates:
            if candidate is not None and (best is None or candidate.score > best.score):  # the earliest wins a tie
                best = candidate
    if best is None:
        raise _Unsupported
    return best


def _direct_anchor(items: list[Any], common_words: frozenset[str], before: int) -> _Anchor | None:
    after = _width(items, [], ())
    words = _literal_starts(items)
    if words and min(map(len, words)) >= 2:
        common = sum(word.strip() in common_words for word in words) / len(words)
        return _Anchor(min(map(len, words)) - 10 * common, tuple(sorted(words)), before, after)
    if _is_digit(items[0]):
        return _Anchor(2.5, (_DIGITS,), before, after)
    if words and not any(char.isalnum() or char.isspace() or char in _FREQUENT_PUNCTUATION for char in words):
        return _Anchor(3.5, tuple(words), before, after)  # "/" is rarer in prose than month names
    return None


def _branch_anchor(item: Any, common_words: frozenset[str], before: int, after: int) -> _Anchor | None:
    try:
        inner = [_best_anchor(_flat(list(alternative)), common_words) for alternative in item[1][1]]
    except _Unsupported:
        return None
    return _Anchor(
        min(anchor.score for anchor in inner),
        tuple(sorted({word for anchor in inner for word in anchor.words})),
        before + max(anchor.before for anchor in inner),
        max(anchor.after for anchor in inner) + after,
    )


def _literal_starts(items: Sequence[Any]) -> set[str] | None:
    """Casefolded literal prefixes one of which starts every match of `items`, or None."""
    items = _skip_zero_width(items)
    if not items:
        return None
    op, av = items[0]
    if op == sre.LITERAL:
        prefix = ""
        for next_op, next_av in items:
            if next_op != sre.LITERAL:
                break
            prefix += chr(next_av)
        folded = prefix.casefold().translate(_same_under_ignorecase())
        return {folded} if len(folded) == len(prefix) else None
    if op == sre.BRANCH:
        starts: set[str] = set()
        for alternative in av[1]:
            found = _literal_starts(list(alternative))
            if not found:
                return None
            starts |= found
        return _without_longer_twins(starts)
    if op in _GROUPS:
        body = av[-1] if op == sre.SUBPATTERN else av
        return _literal_starts(list(body))
    return None


def _without_longer_twins(words: set[str]) -> set[str]:
    """Drop words another word is a prefix of: its occurrences already cover theirs."""
    return {word for word in words if not any(other != word and word.startswith(other) for other in words)}


def _is_digit(item: Any) -> bool:
    """True when whatever `item` matches starts with a digit."""
    op, av = item
    if op == sre.IN:
        return all(
            (kind == sre.CATEGORY and value == sre.CATEGORY_DIGIT)
            or (kind == sre.RANGE and 48 <= value[0] <= value[1] <= 57)
            or (kind == sre.LITERAL and 48 <= value <= 57)
            for kind, value in av
        )
    if op == sre.LITERAL:
        return bool(48 <= av <= 57)
    if op == sre.BRANCH:
        return all(_starts_with_digit(list(alternative)) for alternative in av[1])
    if op in _GROUPS:
        return _starts_with_digit(list(av[-1] if op == sre.SUBPATTERN else av))
    return op in _REPEATS and av[0] >= 1 and _starts_with_digit(list(av[2]))


def _starts_with_digit(items: list[Any]) -> bool:
    consuming = _skip_zero_width(items)
    return bool(consuming) and _is_digit(consuming[0])


def _skip_zero_width(items: Sequence[Any]) -> list[Any]:
    """`items` from the first one that consumes text (assertions and \\b left out)."""
    index = 0
    while index < len(items) and (items[index][0] in _ASSERTIONS or items[index][0] == sre.AT):
        index += 1
    return list(items[index:])


def _width(items: Sequence[Any], repeats: list[Any], flags: tuple[Any, ...]) -> int:
    """The most characters `items` can span (assertions counted), unbounded repeats capped."""
    return sum(_item_width(op, av, repeats, flags) for op, av in items)


def _item_width(op: Any, av: Any, repeats: list[Any], flags: tuple[Any, ...]) -> int:
    if op in _WIDTH_ONE:
        return 1
    if op == sre.AT:
        return 0
    if op == sre.BRANCH:
        return max(_width(list(alternative), repeats, flags) for alternative in av[1])
    if op == sre.SUBPATTERN:
        return _width(list(av[3]), repeats, (*flags, (av[1], av[2])))
    if op == sre.ATOMIC_GROUP:
        return _width(list(av), repeats, flags)
    if op in _ASSERTIONS:
        return _width(list(av[1]), repeats, flags)
    if op in _REPEATS:
        _, high, body = av
        if high == sre.MAXREPEAT:
            if _has_assertion(list(body)):
                raise _Unsupported
            high = SPACE_RUN_CAP if _is_separator(list(body)) or len(body) > 1 else RUN_CAP
            repeats.append((_with_flags(body, flags), high))
        return high * _width(list(body), repeats, flags)
    raise _Unsupported


def _is_separator(items: list[Any]) -> bool:
    """True for one character class of blanks and punctuation only (`\\s`, `[\\s-]`)."""
    if len(items) != 1 or items[0][0] != sre.IN:
        return False
    return all(
        (kind == sre.CATEGORY and value == sre.CATEGORY_SPACE) or (kind == sre.LITERAL and not chr(value).isalnum())
        for kind, value in items[0][1]
    )


def _has_assertion(items: list[Any]) -> bool:
    for op, av in items:
        if op in _ASSERTIONS or op == sre.AT:
            return True
        if op == sre.BRANCH and any(_has_assertion(list(alt)) for alt in av[1]):
            return True
        if op in _GROUPS | _REPEATS and _has_assertion(list(av[-1] if op != sre.ATOMIC_GROUP else av)):
            return True
    return False


def _with_flags(body: Any, flags: tuple[Any, ...]) -> list[Any]:
    wrapped = list(body)
    if all(op == sre.IN and all(kind == sre.CATEGORY for kind, _ in av) for op, av in wrapped):
        return wrapped  # a category without inline flags matches as much or more: a safe check
    for add, delete in reversed(flags):
        if not add and not delete:
            continue
        wrapped = [(sre.SUBPATTERN, (None, add, delete, _parser.SubPattern(body.state, wrapped)))]
    return wrapped


def _overrun_check(state: Any, flags: int, body: list[Any], cap: int) -> str:
    """The key of a pattern that finds `body` repeated more than `cap` times in a row."""
    from re import _compiler  # type: ignore[attr-defined]

    key = f"{flags}:{cap}:{body!r}"
    if key not in _OVERRUN_CHECKS:
        # The first repetition spelled out: a pattern that opens with a character class is scanned fast.
        repeat = (sre.MAX_REPEAT, (cap, sre.MAXREPEAT, _parser.SubPattern(state, body)))
        _OVERRUN_CHECKS[key] = _compiler.compile(_parser.SubPattern(state, [*body, repeat]), flags)
    return key


# Shared by every plan, so that each text checks each kind of run once.
_OVERRUN_CHECKS: dict[str, re.Pattern[str]] = {}


@cache
def _same_under_ignorecase() -> dict[int, str]:
    """Characters the regex engine takes as one under IGNORECASE but casefold keeps apart ("ı", "i")."""
    from re import _casefix  # type: ignore[attr-defined]

    table: dict[int, str] = {}
    for char, others in _casefix._EXTRA_CASES.items():
        members = [chr(char), *map(chr, others)]
        folded = [member.casefold() for member in members]
        if all(len(form) == 1 for form in folded):
            canonical = min(folded)
            table.update({ord(form): canonical for form in folded if form != canonical})
    return table


class TextScan:
    """One text, lowercased once, with anchor occurrences found once and shared by every plan."""

    def __init__(self, text: str) -> None:
        self.text = text
        # casefold, not lower: a case-insensitive pattern matches "ſ" for "s", and casefold agrees.
        folded = text.lower() if text.isascii() else text.casefold().translate(_same_under_ignorecase())
        self._lowered = folded if len(folded) == len(text) else None
        self._occurrences: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        self._overrun: dict[str, bool] = {}

    def finditer(self, scan: ScanPlan) -> Iterator[re.Match[str]]:
        """Exactly the matches of `scan.pattern.finditer(text)`, found in windows when it is safe."""
        if not scan.anchor or self._lowered is None:
            yield from scan.pattern.finditer(self.text)
            return
        windows = self._windows(scan)
        if not windows:
            return  # no anchor, no match: no need to know how long the runs are
        if any(map(self._overruns, scan.overruns)):
            yield from scan.pattern.finditer(self.text)
            return
        for start, end in windows:
            yield from scan.pattern.finditer(self.text, start, end)

    def _overruns(self, key: str) -> bool:
        if key not in self._overrun:
            self._overrun[key] = _OVERRUN_CHECKS[key].search(self.text) is not None
        return self._overrun[key]

    def _windows(self, scan: ScanPlan) -> list[tuple[int, int]]:
        before, reach = scan.before, scan.after + 1
        merged: list[tuple[int, int]] = []
        last_start, last_end = -1, -1
        for first, last in self._anchor_positions(scan.anchor):
            start, end = first - before, last + reach
            if start <= last_end:
                last_end = max(end, last_end)
                continue
            if last_end >= 0:
                merged.append((last_start, last_end))
            last_start, last_end = max(0, start), end
        if last_end >= 0:
            merged.append((last_start, min(last_end, len(self.text))))
        return merged

    def _anchor_positions(self, anchor: tuple[str, ...]) -> list[tuple[int, int]]:
        """(first, last) positions where an anchor occurrence can start, sorted: words or runs of digits."""
        if anchor not in self._occurrences:
            if anchor == (_DIGITS,):
                found = [(m.start(), m.end() - 1) for m in _DIGIT_RUNS.finditer(self.text)]
            else:
                found = sorted(at for word in anchor for at in _find_all(self._lowered or "", word))
            self._occurrences[anchor] = found
        return self._occurrences[anchor]


def _find_all(text: str, word: str) -> Iterator[tuple[int, int]]:
    at = text.find(word)
    while at >= 0:
        yield at, at
        at = text.find(word, at + 1)

"""Run a regular expression only around the places its matches can end: the same result as finditer.

One Hyperscan database holds, for every pattern, an expression that matches wherever the pattern
can (a superset: look-arounds and `\\b` left out, each character class widened as below), and
reports in one pass over a text, in C, the offsets where a match of it ends. Every match of the
pattern ends at one of them, so scanning windows around those offsets yields exactly the matches
of `pattern.finditer(text)`, provided no unbounded repeat (`\\s+`, `\\d+`, ...) runs more than
`RUN_CAP` (`SPACE_RUN_CAP` for blanks) times in the text: that bounds how long a match is, and is
checked per text. Where it fails, or where a pattern holds a construct this analysis does not
model, the full scan runs.

Hyperscan reads bytes: an ASCII character is its own byte, and every other character is the one
byte 0x80, which each class that can match some non-ASCII character also matches. So offsets in
the bytes are offsets in the text, and no character the pattern matches is missed.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import hashlib
import marshal
import os
import platform
import re
import sys
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any, NamedTuple

import hyperscan

RUN_CAP = 24
# Runs of blanks and repeated phrases are short in prose, so a tighter cap keeps windows narrow.
SPACE_RUN_CAP = 6
_WIDTH_ONE = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_GROUPS = {sre.SUBPATTERN, sre.ATOMIC_GROUP}
_ASSERTIONS = {sre.ASSERT, sre.ASSERT_NOT}
# The byte every non-ASCII character of a text becomes for Hyperscan.
_NON_ASCII_BYTE = 0x80
_NON_ASCII = re.compile("[^\x00-\x7f]")


class _Unsupported(Exception):
    """The pattern holds something the window analysis does not model: scan it whole."""


class _Code(NamedTuple):
    """The arguments `_sre.compile` makes a compiled pattern of, all plain data: what the plan cache keeps of one."""

    flags: int
    code: list[int]
    groups: int  # as `_sre.compile` counts them: all but the whole match
    groupindex: dict[str, int]
    indexgroup: tuple[str | None, ...]

    def compiled(self) -> re.Pattern[str]:
        return _sre.compile(None, *self)  # type: ignore[no-any-return]


def _code_of(tree: Any, flags: int, code: list[int] | None = None) -> _Code:
    """What `re._compiler.compile(tree, flags)` hands to `_sre.compile`; `code`, when given, in place of the tree's."""
    state = tree.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, number in state.groupdict.items():
        indexgroup[number] = name
    code = _compiler._code(tree, flags) if code is None else code
    return _Code(flags | state.flags, code, state.groups - 1, dict(state.groupdict), tuple(indexgroup))


@dataclass(frozen=True)
class ScanPlan:
    """How to scan one pattern: where its matches can end, how far a match reaches, and the runs to check."""

    # A Hyperscan expression matching wherever the pattern can (see the module's docstring); None: scan whole texts.
    superset: bytes | None
    # The most characters a match spans, and the most its assertions read past its end.
    before: int
    after: int
    overruns: tuple[str, ...]
    scanner: re.Pattern[str]  # finds the same matches as the pattern, faster (see `guarded`)
    scanner_code: _Code = field(repr=False, compare=False)  # what `scanner` is compiled from, for the plan cache


def plan(pattern: re.Pattern[str]) -> ScanPlan:
    """Analyse `pattern` once; a plan without superset always scans the whole text."""
    tree = None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        if _may_be_empty(list(tree)):
            raise _Unsupported  # it matches everywhere: nothing to window
        repeats: list[Any] = []
        width = _width(list(tree), repeats, ())
        superset = _superset(list(tree), tree.state, _ignores_case(pattern.flags)).encode("ascii")
        overruns = tuple({_overrun_check(tree.state, pattern.flags, body, cap) for body, cap in repeats})
        reach = _reach_past_end(list(tree))
    except (_Unsupported, re.error, RecursionError):
        superset, width, reach, overruns = None, 0, 0, ()
    code = _guarded_code(pattern, tree)
    if code is None:
        as_written = _code_of(tree or _parser.parse(pattern.pattern, pattern.flags), pattern.flags)
        return ScanPlan(superset, width, reach, overruns, pattern, as_written)
    return ScanPlan(superset, width, reach, overruns, code.compiled(), code)


def guarded(pattern: re.Pattern[str], tree: Any = None) -> re.Pattern[str]:
    """`pattern` told which characters its matches can start with: the same matches, found faster.

    The engine tries a pattern at every position; one opening with an optional word ("in",
    "early") or a choice of character classes costs many steps at each, where a single class
    test rejects most positions. The pattern is returned as it is when its first character
    cannot be told (it may match empty, or opens with something not modelled here). `tree`,
    the pattern already parsed, saves parsing it again.
    """
    code = _guarded_code(pattern, tree)
    return pattern if code is None else code.compiled()


def _guarded_code(pattern: re.Pattern[str], tree: Any) -> _Code | None:
    """What `guarded` compiles `pattern` from, or None when it returns the pattern as it is."""
    try:
        tree = tree or _parser.parse(pattern.pattern, pattern.flags)
        if _anchored_at_start(tree, pattern.flags | tree.state.flags):
            return None  # the engine tries such a pattern at the start only, which no charset beats
        starts = _first_chars(list(tree), _ignores_case(pattern.flags))
        items = [item for each, ignorecase in starts for item in (_both_cases(each) if ignorecase else each)]
    except (_Unsupported, re.error, RecursionError):
        return None
    return _code_with_first_characters(tree, items, pattern.flags)


def _quicker(items: list[Any], state: Any, ignorecase: bool) -> list[Any]:
    """The parsed pattern `items` rewritten to match the same, in the same order, with fewer engine steps.

    - An optional group `(?:...)?` becomes the choice `(?:...|)`: greedy, it tries the group first
      and then nothing, as the choice does, without the engine's general repeat machinery.
    - A choice of alternatives that all open with a case-sensitive literal is grouped by that
      literal, again inside each group (`May|March|Monday` becomes `M(?:a(?:y|rch)|onday)`), so
      that the engine tests a character once per group rather than once per alternative. Alternatives opening with
      different characters cannot both match at one place, and each group keeps its alternatives'
      order: the engine tries, and picks, the same alternative as before. Under IGNORECASE the
      groups are by lowercase ASCII letter (`a` and `A` together), and a choice opening with a
      non-ASCII literal is left as it is.
    """
    rewritten: list[Any] = []
    for op, av in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, body = av
            body = _subpattern(state, _quicker(list(body), state, ignorecase))
            if low == 0 and high == 1 and not _compiler._simple(body):
                empty = _subpattern(state, [])
                rewritten.append((sre.BRANCH, (None, [body, empty] if op == sre.MAX_REPEAT else [empty, body])))
            else:
                rewritten.append((op, (low, high, body)))
        elif op == sre.SUBPATTERN:
            group, add, delete, body = av
            inner = _quicker(list(body), state, _scoped_case(ignorecase, av))
            rewritten.append((op, (group, add, delete, _subpattern(state, inner))))
        elif op == sre.BRANCH:
            alternatives = [_quicker(list(alternative), state, ignorecase) for alternative in av[1]]
            rewritten.extend(_by_first_literal(alternatives, state, ignorecase))
        elif op in _ASSERTIONS:
            direction, body = av
            rewritten.append((op, (direction, _subpattern(state, _quicker(list(body), state, ignorecase)))))
        elif op == sre.ATOMIC_GROUP:
            rewritten.append((op, _subpattern(state, _quicker(list(av), state, ignorecase))))
        else:
            rewritten.append((op, av))
    return rewritten


def _by_first_literal(alternatives: list[list[Any]], state: Any, ignorecase: bool) -> list[Any]:
    """The choice between `alternatives` (rewritten already), grouped by their first literal where that is safe."""
    firsts: list[int] = [alt[0][1] for alt in alternatives if alt and alt[0][0] == sre.LITERAL]
    if len(alternatives) < 2 or len(firsts) < len(alternatives) or (ignorecase and max(firsts) >= 128):
        return [(sre.BRANCH, (None, [_subpattern(state, alt) for alt in alternatives]))]
    # Under IGNORECASE an ASCII literal matches exactly what its lowercase does, and no character
    # matches two different lowercase ASCII literals: those are the groups then.
    groups: dict[int, tuple[int, list[list[Any]]]] = {}
    for first, alternative in zip(firsts, alternatives, strict=True):
        key = ord(chr(first).lower()) if ignorecase else first
        groups.setdefault(key, (first, []))[1].append(alternative[1:])
    grouped = [
        [(sre.LITERAL, first), *(rests[0] if len(rests) == 1 else _by_first_literal(rests, state, ignorecase))]
        for first, rests in groups.values()
    ]
    if len(grouped) == 1:
        return grouped[0]
    return [(sre.BRANCH, (None, [_subpattern(state, alt) for alt in grouped]))]


def _subpattern(state: Any, items: list[Any]) -> Any:
    return _parser.SubPattern(state, items)


def _anchored_at_start(tree: Any, flags: int) -> bool:
    """True for a pattern opening with `\\A`, or with `^` when it is not MULTILINE."""
    starts = {sre.AT_BEGINNING_STRING} | (set() if flags & re.MULTILINE else {sre.AT_BEGINNING})
    return bool(tree.data) and tree.data[0][0] == sre.AT and tree.data[0][1] in starts


def _code_with_first_characters(tree: Any, items: list[Any], flags: int) -> _Code:
    """`tree` compiled with `items` as the characters its matches start with (an INFO charset block).

    The engine's search loop skips, in C, every position whose character is not in the set, and
    tries the pattern only at the others: what a look-ahead does, without entering the pattern.
    The pattern is compiled as `_quicker` rewrites it: the same matches, in fewer steps.
    """
    flags |= tree.state.flags
    lo, hi = tree.getwidth()
    code = [sre.INFO, 0, sre.SRE_INFO_CHARSET, min(lo, _compiler.MAXCODE), min(hi, _compiler.MAXCODE)]
    charset, _ = _compiler._optimize_charset(items)
    _compiler._compile_charset(charset, flags, code)
    code[1] = len(code) - 1
    _compiler._compile(code, _quicker(list(tree), tree.state, _ignores_case(flags)), flags)
    code.append(sre.SUCCESS)
    return _code_of(tree, flags, code)


# Characters an IGNORECASE pattern matches for an ASCII letter besides its two cases (a test holds this to Unicode).
_ODD_CASES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _both_cases(items: list[Any]) -> list[Any]:
    """Character-class items matching, as written, every character `items` match under IGNORECASE."""
    widened = []
    for kind, value in items:
        if kind == sre.LITERAL:
            codes = [value]
        elif kind == sre.RANGE:
            codes = list(range(value[0], value[1] + 1))
        else:
            widened.append((kind, value))  # a category (digits, word characters, blanks) holds both cases already
            continue
        for code in codes:
            char = chr(code)
            if not char.isascii():
                raise _Unsupported  # only ASCII letters' other cases are listed here
            for other in {char, char.lower(), char.upper(), *_ODD_CASES.get(char.lower(), "")}:
                widened.append((sre.LITERAL, ord(other)))
    return widened


def _first_chars(items: list[Any], ignorecase: bool) -> list[tuple[list[Any], bool]]:
    """Character-class items one of which every match of `items` starts with, each with its case mode.

    A superset is safe (the engine only skips positions holding none of them); raises _Unsupported if unknown.
    """
    if _may_be_empty(items):
        raise _Unsupported  # the pattern can match an empty string, anywhere
    return _openings(items, ignorecase)


def _openings(items: list[Any], ignorecase: bool) -> list[tuple[list[Any], bool]]:
    """The classes a match of `items` may start with; a part that may match empty (an optional
    look-behind, say) adds its own and lets the next part add more."""
    found: list[tuple[list[Any], bool]] = []
    for op, av in items:
        if op in _ASSERTIONS or op == sre.AT:
            continue
        if op == sre.LITERAL:
            return [*found, ([(sre.LITERAL, av)], ignorecase)]
        if op == sre.IN and all(kind != sre.NEGATE for kind, _ in av):
            return [*found, (list(av), ignorecase)]
        if op == sre.BRANCH:
            found += [start for alternative in av[1] for start in _openings(list(alternative), ignorecase)]
        elif op == sre.SUBPATTERN and not (av[1] | av[2]) & ~sre.SRE_FLAG_IGNORECASE:
            found += _openings(list(av[3]), _scoped_case(ignorecase, av))
        elif op in _REPEATS:
            found += _openings(list(av[2]), ignorecase)
        else:
            raise _Unsupported
        if not _may_be_empty([(op, av)]):
            return found
    return found


def _may_be_empty(items: list[Any]) -> bool:
    """True when `items` can match without consuming a character."""
    for op, av in items:
        if op in _ASSERTIONS or op == sre.AT:
            continue
        if op in _WIDTH_ONE:
            return False
        if op == sre.BRANCH:
            if not any(_may_be_empty(list(alternative)) for alternative in av[1]):
                return False
        elif op == sre.SUBPATTERN:
            if not _may_be_empty(list(av[3])):
                return False
        elif op in _REPEATS:
            if av[0] > 0 and not _may_be_empty(list(av[2])):
                return False
        else:
            raise _Unsupported
    return True


def _ignores_case(flags: int) -> bool:
    return bool(flags & re.IGNORECASE)


def _scoped_case(ignorecase: bool, group: Any) -> bool:
    """Whether the body of a SUBPATTERN group ignores case, inside a scope that does or not."""
    _, add, delete, _ = group
    return (ignorecase or _ignores_case(add)) and not _ignores_case(delete)


def _superset(items: list[Any], state: Any, ignorecase: bool) -> str:
    """A Hyperscan expression matching every string `items` match, whatever text surrounds it."""
    parts = []
    for op, av in items:
        if op in _WIDTH_ONE:
            parts.append(_byte_class(state, op, av, ignorecase))
        elif op == sre.BRANCH:
            choices = (_superset(list(alternative), state, ignorecase) for alternative in av[1])
            parts.append("(?:" + "|".join(choices) + ")")
        elif op == sre.SUBPATTERN:
            parts.append("(?:" + _superset(list(av[3]), state, _scoped_case(ignorecase, av)) + ")")
        elif op == sre.ATOMIC_GROUP:
            parts.append("(?:" + _superset(list(av), state, ignorecase) + ")")
        elif op in _REPEATS:
            low, high, body = av
            most = "" if high == sre.MAXREPEAT else high
            parts.append(f"(?:{_superset(list(body), state, ignorecase)}){{{low},{most}}}")
        elif not (op in _ASSERTIONS or op == sre.AT):  # an assertion only narrows: left out, the rest matches more
            raise _Unsupported
    return "".join(parts)


# One character class per item of the patterns, under its case mode: items recur across patterns.
_BYTE_CLASSES: dict[tuple[Any, str, bool], str] = {}


def _byte_class(state: Any, op: Any, av: Any, ignorecase: bool) -> str:
    """The bytes one character `(op, av)` can be: exactly the ASCII ones it matches, and 0x80 if it can be non-ASCII."""
    key = (op, repr(av), ignorecase)
    if key not in _BYTE_CLASSES:
        if op == sre.ANY:
            codes = list(range(_NON_ASCII_BYTE + 1))  # under DOTALL it matches a newline too
        else:
            table = _ascii_table(_compiler.compile(_subpattern(state, [(op, av)]), re.IGNORECASE if ignorecase else 0))
            codes = [code for code in range(128) if table[code]]
            codes += [_NON_ASCII_BYTE] if _may_match_non_ascii(op, av, ignorecase) else []
        if not codes:
            raise _Unsupported  # a class nothing matches
        _BYTE_CLASSES[key] = "[" + "".join(f"\\x{code:02x}" for code in codes) + "]"
    return _BYTE_CLASSES[key]


def _may_match_non_ascii(op: Any, av: Any, ignorecase: bool) -> bool:
    """False only when `(op, av)` surely matches ASCII characters alone (a superset of True is safe)."""
    if op == sre.LITERAL:
        return _non_ascii_codes(av, av, ignorecase)
    if op == sre.IN:
        return any(
            (kind == sre.LITERAL and _non_ascii_codes(value, value, ignorecase))
            or (kind == sre.RANGE and _non_ascii_codes(value[0], value[1], ignorecase))
            or kind not in (sre.LITERAL, sre.RANGE)  # a category, a negated class: assume so
            for kind, value in av
        )
    return True  # NOT_LITERAL


def _non_ascii_codes(low: int, high: int, ignorecase: bool) -> bool:
    """Whether some character a literal or range from `low` to `high` matches is not ASCII."""
    if high >= 128:
        return True
    return ignorecase and any(chr(code).lower() in _ODD_CASES for code in range(low, high + 1))


def _reach_past_end(items: list[Any]) -> int:
    """The most characters past a match's end that its assertions read: a look-ahead's width, one for `\\b`."""
    reach = 0
    for op, av in items:
        if op in _ASSERTIONS:
            direction, body = av
            reach = max(reach, _width(list(body), [], ()) if direction == 1 else 0, _reach_past_end(list(body)))
        elif op == sre.AT:
            reach = max(reach, 1)
        elif op == sre.BRANCH:
            reach = max([reach, *(_reach_past_end(list(alternative)) for alternative in av[1])])
        elif op == sre.SUBPATTERN:
            reach = max(reach, _reach_past_end(list(av[3])))
        elif op == sre.ATOMIC_GROUP:
            reach = max(reach, _reach_past_end(list(av)))
        elif op in _REPEATS:
            reach = max(reach, _reach_past_end(list(av[2])))
    return reach


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
    """The key of a pattern that finds `body` repeated more than `cap` times in a row.

    Bodies the engine compiles alike (`[\\s-]`, `(?i:[\\s-])`) share one key, so one check.
    """
    key = f"{flags}:{cap}:{_compiler._code(_parser.SubPattern(state, body), flags)}"
    if key not in _OVERRUN_CHECKS:
        # The first repetition spelled out: a pattern that opens with a character class is scanned fast.
        repeat = (sre.MAX_REPEAT, (cap, sre.MAXREPEAT, _parser.SubPattern(state, body)))
        _OVERRUN_CODES[key] = _code_of(_parser.SubPattern(state, [*body, repeat]), flags)
        _OVERRUN_CHECKS[key] = _OVERRUN_CODES[key].compiled()
        items = _class_items(state, flags, body)
        _relate_to_wider(key, (flags, cap), items)
        if items is not None:
            one_character = _compiler.compile(_parser.SubPattern(state, body), flags)
            _ASCII_RUNS[key] = (_ascii_table(one_character), b"\x01" * (cap + 1))
            if not _matches_whitespace(one_character):
                _WITHIN_A_TOKEN[key] = cap
    return key


def _ascii_table(one_character: re.Pattern[str]) -> bytes:
    """A `bytes.translate` table: 1 for each ASCII character `one_character` matches, 0 for every other byte."""
    return bytes(one_character.fullmatch(chr(code)) is not None for code in range(128)) + bytes(128)


# Shared by every plan, so that each text checks each kind of run once; with what each is compiled from.
_OVERRUN_CHECKS: dict[str, re.Pattern[str]] = {}
_OVERRUN_CODES: dict[str, _Code] = {}
# The checks of a run of one character class (flags and cap, then the class items) ...
_CLASS_CHECKS: dict[str, tuple[tuple[int, int], frozenset[Any]]] = {}
# ... and for each, the checks of a wider class with the same cap: no long run of `[\s-]`, none of `\s`.
_WIDER_CHECKS: dict[str, list[str]] = {}
# The checks whose body is one character class, for an ASCII text: a table marking the class's characters,
# and the run of marks that is too long: `bytes.translate` and a substring search answer in C what the regex would.
_ASCII_RUNS: dict[str, tuple[bytes, bytes]] = {}
# The checks whose body is one character class that never matches whitespace, with their cap: their runs lie inside one
# `str.split()` token, so a text whose longest token is no longer than the cap has none.
_WITHIN_A_TOKEN: dict[str, int] = {}
# Every character `str.split()` splits on (`str.isspace()`); a test holds this list to the Unicode table.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def _matches_whitespace(one_character: re.Pattern[str]) -> bool:
    return any(map(one_character.fullmatch, WHITESPACE))


def _class_items(state: Any, flags: int, body: list[Any]) -> frozenset[Any] | None:
    """The items of a body that is one character class matched as written, else None."""
    while len(body) == 1 and body[0][0] == sre.SUBPATTERN:
        inner = list(body[0][1][3])
        if _compiler._code(_parser.SubPattern(state, inner), flags) != _compiler._code(
            _parser.SubPattern(state, body), flags
        ):
            return None  # its group's flags change what it matches
        body = inner
    if len(body) == 1 and body[0][0] == sre.LITERAL:
        return frozenset([body[0]])
    if len(body) == 1 and body[0][0] == sre.IN and all(kind != sre.NEGATE for kind, _ in body[0][1]):
        return frozenset(body[0][1])
    return None


def _relate_to_wider(key: str, kind: tuple[int, int], items: frozenset[Any] | None) -> None:
    """Record which class checks hold this one's class (same flags and cap) and which it holds."""
    if items is None:
        return
    for other, (other_kind, other_items) in _CLASS_CHECKS.items():
        if other_kind == kind and items < other_items:
            _WIDER_CHECKS.setdefault(key, []).append(other)
        elif other_kind == kind and other_items < items:
            _WIDER_CHECKS.setdefault(other, []).append(key)
    _CLASS_CHECKS[key] = (kind, items)


class TextScan:
    """What the plans of a `PlanSet` share about one text, each found once: its scan bytes, runs that overrun caps."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._overrun: dict[str, bool] = {}

    def spans_to_scan(self, scan: ScanPlan, ends: list[int]) -> list[tuple[int, int]]:
        """Where `scan` must look, given the offsets where its superset's matches end, in order.

        The windows around those offsets, or the whole text for a plan without superset or where
        a run overruns the plan's caps; with no offset, nothing.
        """
        whole = [(0, len(self.text))]
        if scan.superset is None:
            return whole
        if ends and scan.overruns and any(map(self.overruns, scan.overruns)):
            return whole
        return _windows(ends, scan.before, scan.after + 1, len(self.text))

    def overruns(self, key: str) -> bool:
        """Whether the text holds a run longer than the cap of the overrun check `key`."""
        if key not in self._overrun:
            if key in _ASCII_RUNS and self._ascii is not None:
                table, too_long = _ASCII_RUNS[key]
                self._overrun[key] = too_long in self._ascii.translate(table)
            elif key in _WITHIN_A_TOKEN and self._token_length <= _WITHIN_A_TOKEN[key]:
                self._overrun[key] = False  # a str.split() is far cheaper than a search for the run
            elif any(not self.overruns(wider) for wider in _WIDER_CHECKS.get(key, ())):
                self._overrun[key] = False  # no run of a wider class is this long: none of this one
            else:
                self._overrun[key] = _OVERRUN_CHECKS[key].search(self.text) is not None
        return self._overrun[key]

    @cached_property
    def data(self) -> bytes:
        """The text as Hyperscan reads it (`scan_bytes`)."""
        return scan_bytes(self.text)

    @cached_property
    def _ascii(self) -> bytes | None:
        """The text as bytes, when it is all ASCII: then its scan bytes are just that."""
        return self.data if self.text.isascii() else None

    @cached_property
    def _token_length(self) -> int:
        """The length of the text's longest `str.split()` token."""
        return max(map(len, self.text.split()), default=0)


def _windows(offsets: list[int], before: int, reach: int, size: int) -> list[tuple[int, int]]:
    """The spans `before` characters before and `reach` after the offsets (in order), overlapping ones merged."""
    merged: list[tuple[int, int]] = []
    last_start, last_end = -1, -1
    for offset in offsets:
        start, end = offset - before, offset + reach
        if start <= last_end:
            if end > last_end:
                last_end = end
            continue
        if last_end >= 0:
            merged.append((last_start, last_end))
        last_start, last_end = max(0, start), end
    if last_end >= 0:
        merged.append((last_start, min(last_end, size)))
    return merged


def scan_bytes(text: str) -> bytes:
    """`text` as Hyperscan reads it: one byte per character, 0x80 for each non-ASCII one."""
    if text.isascii():
        return text.encode("ascii")
    return _NON_ASCII.sub("\x80", text).encode("latin-1")


class PlanSet:
    """Several plans scanned over each text in order; a plan whose superset matches nowhere is skipped at once."""

    def __init__(self, plans: Iterable[ScanPlan]) -> None:
        self.plans = tuple(plans)
        # Plans without superset are scanned whole in every text.
        self._every_text = [index for index, each in enumerate(self.plans) if each.superset is None]
        self._database = _database({index: each.superset for index, each in enumerate(self.plans) if each.superset})

    def matches(self, text: str) -> list[tuple[int, re.Match[str]]]:
        """(plan index, match) for each match of each plan in `text`, plan by plan, as its `finditer` finds them.

        A plan scans the windows around the offsets where its superset's matches end, unless a
        run in the text overruns its caps; then, like a plan without superset, the whole text.
        """
        scan = TextScan(text)
        ends: dict[int, list[int]] = {}
        if self._database is not None:
            self._database.scan(scan.data, match_event_handler=_note_end, context=ends)
        found: list[tuple[int, re.Match[str]]] = []
        for index in sorted(chain(self._every_text, ends)):
            each = self.plans[index]
            for start, end in scan.spans_to_scan(each, ends.get(index, [])):
                for match in each.scanner.finditer(text, start, end):
                    found.append((index, match))
        return found


def _note_end(index: int, start: int, end: int, flags: int, ends: dict[int, list[int]]) -> None:
    # Hyperscan reports the matches of a text in the order they end.
    ends.setdefault(index, []).append(end)


def _database(supersets: dict[int, bytes]) -> Any:
    """One Hyperscan database of the expressions `supersets` (by plan index), or None when there is none.

    Compiling takes a quarter of a second, so the database is kept in the user's cache folder
    and read back, in well under a millisecond, by every later process; where that folder cannot
    be used, or holds only damaged files, it is compiled again. A database is compiled for the
    processor it runs on: each kind of processor sharing the folder (a home folder mounted on
    several machines, a run under valgrind) keeps a file of its own, named by its features.
    """
    if not supersets:
        return None
    source = repr((getattr(hyperscan, "__version__", ""), platform.machine(), sorted(supersets.items())))
    name = f"rules-{hashlib.sha256(source.encode()).hexdigest()[:24]}"
    folder = _cache_folder()
    with suppress(OSError):
        for path in sorted(folder.glob(f"{name}-*.hsdb")):
            with suppress(OSError, hyperscan.error):
                return _ready(hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK))
    database = hyperscan.Database()
    database.compile(
        expressions=list(supersets.values()), ids=list(supersets), elements=len(supersets), flags=[0] * len(supersets)
    )
    features = hashlib.sha256(repr(database.info()).encode()).hexdigest()[:8]  # bytes, though typed str
    with suppress(OSError):
        _write_whole(folder / f"{name}-{features}.hsdb", hyperscan.dumpb(database))
    return database


def cached_plan_set(patterns: Sequence[tuple[str, int]]) -> PlanSet:
    """The `PlanSet` of `patterns` (each a source and its flags), in order: read back if a process made it before.

    Making it, parsing and analysing each pattern and compiling its scanner and run checks, takes
    about 55 ms at the start of every process; reading it back, about 2 ms. It is kept beside the
    Hyperscan database, under a name drawn from the patterns, from the source of this module (the
    analysis that made it) and from the Python version (whose engine runs the compiled code).
    Where the folder cannot be used or the file is damaged, the plans are made again.
    """
    try:
        path: Path | None = _cache_folder() / f"plans-{_plans_key(patterns)}.marshal"
    except OSError:
        path = None  # this module's source cannot be read: no name would tell its plans from another version's
    if path is not None and (kept := _read_back(path, len(patterns))) is not None:
        return PlanSet(kept)
    plans = [plan(re.compile(source, flags)) for source, flags in patterns]
    if path is not None:
        with suppress(OSError, ValueError):
            _write_whole(path, marshal.dumps(_saved(plans)))
    return PlanSet(plans)


def _read_back(path: Path, count: int) -> list[ScanPlan] | None:
    """The `count` plans kept in `path`, or None when it holds none that can be used."""
    try:
        saved = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    try:
        return _restored(saved, count)
    except Exception:  # a damaged file may fail anywhere; it is only a cache: the plans are made again
        return None


def _plans_key(patterns: Sequence[tuple[str, int]]) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(repr((sys.version, _sre.MAGIC, [(source, int(flags)) for source, flags in patterns])).encode())
    return digest.hexdigest()[:24]


def _saved(plans: Sequence[ScanPlan]) -> tuple[Any, ...]:
    """The plans and the run checks they name, as plain data for `marshal` (no int subclasses such as opcodes)."""
    keys = set(chain.from_iterable(each.overruns for each in plans))
    checks = [
        (
            key,
            _plain_code(code),
            _plain_class_check(_CLASS_CHECKS.get(key)),
            _ASCII_RUNS.get(key),
            _WITHIN_A_TOKEN.get(key),
        )
        for key, code in _OVERRUN_CODES.items()
        if key in keys
    ]
    saved_plans = [
        (each.superset, each.before, each.after, each.overruns, _plain_code(each.scanner_code)) for each in plans
    ]
    return (saved_plans, checks)


def _plain_code(code: _Code) -> tuple[Any, ...]:
    return (int(code.flags), [int(op) for op in code.code], code.groups, code.groupindex, code.indexgroup)


def _plain_class_check(check: tuple[tuple[int, int], frozenset[Any]] | None) -> tuple[Any, ...] | None:
    if check is None:
        return None
    (flags, cap), items = check
    plain = frozenset((int(kind), tuple(map(int, v)) if isinstance(v, tuple) else int(v)) for kind, v in items)
    return ((int(flags), cap), plain)


def _restored(saved: Any, count: int) -> list[ScanPlan]:
    """The plans `_saved` kept, their run checks registered; raises on any data `_saved` cannot have written."""
    saved_plans, checks = saved
    plans = []
    for superset, before, after, overruns, code in saved_plans:
        scanner_code = _Code(*code)
        plans.append(ScanPlan(superset, before, after, tuple(overruns), scanner_code.compiled(), scanner_code))
    if len(plans) != count:
        raise ValueError("saved plans of other patterns")
    made = []
    for key, code, class_check, ascii_run, within in checks:
        check_code = _Code(*code)
        kind, items = (None, None) if class_check is None else (tuple(class_check[0]), frozenset(class_check[1]))
        made.append((key, check_code, check_code.compiled(), kind, items, ascii_run and tuple(ascii_run), within))
    for key, check_code, search, kind, items, ascii_run, within in made:  # nothing below can fail: all or nothing
        if key in _OVERRUN_CHECKS:
            continue
        _OVERRUN_CODES[key], _OVERRUN_CHECKS[key] = check_code, search
        if kind is not None:
            _relate_to_wider(key, kind, items)
        if ascii_run:
            _ASCII_RUNS[key] = ascii_run
        if within is not None:
            _WITHIN_A_TOKEN[key] = within
    return plans


def _ready(database: Any) -> Any:
    """A database read back, given its scratch space and tried once: one made for another processor fails here."""
    database.scratch = hyperscan.Scratch(database)
    database.scan(b"", match_event_handler=_note_end, context={})
    return database


def _cache_folder() -> Path:
    """Where the compiled rules are kept: $XDG_CACHE_HOME/csto-timeline, by default ~/.cache/csto-timeline."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "csto-timeline"


def _write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that no reader ever sees part of it: another process may read it meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)

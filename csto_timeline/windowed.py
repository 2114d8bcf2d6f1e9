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

import _sre  # type: ignore[import-not-found]
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import chain
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

import ahocorasick  # type: ignore[import-untyped]

RUN_CAP = 24
# Runs of blanks and repeated phrases are short in prose, so a tighter cap keeps windows narrow.
SPACE_RUN_CAP = 6
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
    exact_case: bool = False  # the anchor words are matched case-sensitively: look for them as written
    scanner: re.Pattern[str] | None = None  # finds the same matches as `pattern`, faster (see `guarded`)

    @cached_property
    def key(self) -> AnchorKey:
        """What its anchor occurrences are filed under: the anchor words and whether their case counts."""
        return (self.anchor, self.exact_case)


def plan(pattern: re.Pattern[str], common_words: frozenset[str] = frozenset()) -> ScanPlan:
    """Analyse `pattern` once; a plan without anchor always scans the whole text.

    Anchors made of `common_words` ("the", "this") are chosen only when nothing rarer is.
    """
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        repeats: list[Any] = []
        _width(list(tree), repeats, ())
        anchor = _best_anchor(_flat(list(tree), _ignores_case(pattern.flags)), common_words)
        overruns = tuple({_overrun_check(tree.state, pattern.flags, body, cap) for body, cap in repeats})
    except (_Unsupported, re.error, RecursionError):
        return ScanPlan(pattern, (), 0, 0, (), scanner=guarded(pattern))
    return ScanPlan(pattern, anchor.words, anchor.before, anchor.after, overruns, anchor.exact, guarded(pattern, tree))


def guarded(pattern: re.Pattern[str], tree: Any = None) -> re.Pattern[str]:
    """`pattern` told which characters its matches can start with: the same matches, found faster.

    The engine tries a pattern at every position; one opening with an optional word ("in",
    "early") or a choice of character classes costs many steps at each, where a single class
    test rejects most positions. The pattern is returned as it is when its first character
    cannot be told (it may match empty, or opens with something not modelled here). `tree`,
    the pattern already parsed, saves parsing it again.
    """
    try:
        tree = tree or _parser.parse(pattern.pattern, pattern.flags)
        if _anchored_at_start(tree, pattern.flags | tree.state.flags):
            return pattern  # the engine tries such a pattern at the start only, which no charset beats
        starts = _first_chars(list(tree), _ignores_case(pattern.flags))
        items = [item for each, ignorecase in starts for item in (_both_cases(each) if ignorecase else each)]
    except (_Unsupported, re.error, RecursionError):
        return pattern
    return _compiled_with_first_characters(tree, items, pattern.flags)


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


def _compiled_with_first_characters(tree: Any, items: list[Any], flags: int) -> re.Pattern[str]:
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
    names = tree.state.groupdict
    by_number = [None] * tree.state.groups
    for name, number in names.items():
        by_number[number] = name
    return _sre.compile(None, flags, code, tree.state.groups - 1, names, tuple(by_number))  # type: ignore[no-any-return]


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


def _flat(items: list[Any], ignorecase: bool) -> list[tuple[Any, Any, bool]]:
    """The pattern as a flat sequence of items, groups opened (a group is matched exactly once).

    Each item comes with whether it ignores case there, which inline `(?i:...)` groups decide.
    """
    flat = []
    for op, av in items:
        if op == sre.SUBPATTERN:
            flat += _flat(list(av[3]), _scoped_case(ignorecase, av))
        elif op == sre.ATOMIC_GROUP:
            flat += _flat(list(av), ignorecase)
        else:
            flat.append((op, av, ignorecase))
    return flat


@dataclass(frozen=True)
class _Anchor:
    score: float
    words: tuple[str, ...]
    before: int
    after: int
    exact: bool = False


def _best_anchor(flat: list[tuple[Any, Any, bool]], common_words: frozenset[str]) -> _Anchor:
    """The mandatory piece likely to occur least: long uncommon words, else digits, else common words.

    An alternation can be the anchor through an anchor in each of its alternatives.
    """
    items = [(op, av) for op, av, _ in flat]
    cases = [ignorecase for _, _, ignorecase in flat]
    best: _Anchor | None = None
    widths = [_item_width(op, av, [], ()) for op, av in items]
    total = sum(widths)
    before = 0
    for index, item in enumerate(items):
        after = total - before - widths[index]
        candidates = []
        if not _continues_literal(items, cases, index):
            candidates.append(_direct_anchor(items[index:], cases[index:], common_words, before, widths[index] + after))
        if item[0] == sre.BRANCH:
            candidates.append(_branch_anchor(item, cases[index], common_words, before, after))
        for candidate in candidates:
            if candidate is not None and (best is None or candidate.score > best.score):  # the earliest wins a tie
                best = candidate
        before += widths[index]
    if best is None:
        raise _Unsupported
    return best


def _continues_literal(items: list[Any], cases: list[bool], index: int) -> bool:
    """True when items[index] carries on a literal begun before it ("hat" of "that").

    Such a suffix occurs wherever the whole literal does and more ("what"): never a rarer anchor,
    though it may dodge the penalty of a common word.
    """
    return index > 0 and items[index][0] == items[index - 1][0] == sre.LITERAL and cases[index] == cases[index - 1]


def _direct_anchor(
    items: list[Any], cases: list[bool], common_words: frozenset[str], before: int, after: int
) -> _Anchor | None:
    """The anchor `items[0]` starts, `before` and `after` (from `items[0]` on) characters at most around it."""
    starts = _literal_starts(items, cases)
    words, exact = starts if starts else (set(), False)
    if words and min(map(len, words)) >= 2:
        common = sum(word.strip().casefold() in common_words for word in words) / len(words)
        return _Anchor(min(map(len, words)) - 10 * common, tuple(sorted(words)), before, after, exact)
    if _is_digit(items[0]):
        digits = _leading_digits(items)
        return _Anchor(2.5 + 0.1 * digits, (f"{_DIGITS}{digits}",), before, after)
    if words and not any(char.isalnum() or char.isspace() or char in _FREQUENT_PUNCTUATION for char in words):
        return _Anchor(3.5, tuple(words), before, after, exact)  # "/" is rarer in prose than month names
    return None


def _branch_anchor(
    item: Any, ignorecase: bool, common_words: frozenset[str], before: int, after: int
) -> _Anchor | None:
    try:
        inner = [_best_anchor(_flat(list(alternative), ignorecase), common_words) for alternative in item[1][1]]
    except _Unsupported:
        return None
    digit_runs = [anchor.words[0] for anchor in inner if anchor.words[0].startswith(_DIGITS)]
    if digit_runs and len(digit_runs) < len(inner):
        return None  # an anchor is looked for as words or as runs of digits, never both
    if digit_runs:
        words: set[str] | tuple[str, ...] = (min(digit_runs, key=lambda run: int(run.removeprefix(_DIGITS))),)
        exact = False
    else:
        words, exact = _joined([(set(anchor.words), anchor.exact) for anchor in inner])
    return _Anchor(
        min(anchor.score for anchor in inner),
        tuple(sorted(words)),
        before + max(anchor.before for anchor in inner),
        max(anchor.after for anchor in inner) + after,
        exact,
    )


def _literal_starts(items: Sequence[Any], cases: Sequence[bool]) -> tuple[set[str], bool] | None:
    """Literal prefixes one of which starts every match of `items`, or None; `cases[i]` tells if items[i] ignores case.

    The prefixes are as written when every one is matched case-sensitively (True comes with them),
    casefolded otherwise.
    """
    skipped = len(items) - len(_skip_zero_width(items))
    items, cases = items[skipped:], cases[skipped:]
    if not items:
        return None
    op, av = items[0]
    if op == sre.LITERAL:
        prefix = ""
        for (next_op, next_av), ignorecase in zip(items, cases, strict=True):
            if next_op != sre.LITERAL or ignorecase != cases[0]:
                break
            prefix += chr(next_av)
        folded = _folded(prefix)
        if len(folded) != len(prefix):
            return None  # anchors are found in the casefolded copy of a text, which must keep their places
        return ({prefix}, True) if not cases[0] else ({folded}, False)
    if op == sre.BRANCH:
        found = [_literal_starts(list(alternative), [cases[0]] * len(alternative)) for alternative in av[1]]
        if not all(found):
            return None
        words, exact = _joined([starts for starts in found if starts])
        return _without_longer_twins(words), exact
    if op in _GROUPS:
        body = list(av[-1] if op == sre.SUBPATTERN else av)
        ignorecase = _scoped_case(cases[0], av) if op == sre.SUBPATTERN else cases[0]
        return _literal_starts(body, [ignorecase] * len(body))
    return None


def _folded(word: str) -> str:
    return word.casefold().translate(_same_under_ignorecase())


def _joined(parts: list[tuple[set[str], bool]]) -> tuple[set[str], bool]:
    """The union of several sets of anchor words: as written if all are, else all casefolded."""
    if all(exact for _, exact in parts):
        return {word for words, _ in parts for word in words}, True
    folded = {word if not exact else _folded(word) for words, exact in parts for word in words}
    return folded, False


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


def _leading_digits(items: Sequence[Any]) -> int:
    """How many digits in a row every match of `items` starts with (a lower bound)."""
    count = 0
    for item in _skip_zero_width(items):
        op, av = item
        if op in _REPEATS and _is_digit(item) and _width(list(av[2]), [], ()) == 1:
            count += av[0]
            if av[0] != av[1]:
                return count
        elif op == sre.BRANCH:
            counts = {_leading_digits(list(alternative)) for alternative in av[1]}
            fixed = all(
                _width(list(alternative), [], ()) == _leading_digits(list(alternative)) for alternative in av[1]
            )
            count += min(counts)
            if not (fixed and len(counts) == 1):
                return count
        elif op in (sre.LITERAL, sre.IN) and _is_digit(item):
            count += 1
        else:
            return count
    return count


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
    """The key of a pattern that finds `body` repeated more than `cap` times in a row.

    Bodies the engine compiles alike (`[\\s-]`, `(?i:[\\s-])`) share one key, so one check.
    """
    key = f"{flags}:{cap}:{_compiler._code(_parser.SubPattern(state, body), flags)}"
    if key not in _OVERRUN_CHECKS:
        # The first repetition spelled out: a pattern that opens with a character class is scanned fast.
        repeat = (sre.MAX_REPEAT, (cap, sre.MAXREPEAT, _parser.SubPattern(state, body)))
        _OVERRUN_CHECKS[key] = _compiler.compile(_parser.SubPattern(state, [*body, repeat]), flags)
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


# Shared by every plan, so that each text checks each kind of run once.
_OVERRUN_CHECKS: dict[str, re.Pattern[str]] = {}
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


AnchorKey = tuple[tuple[str, ...], bool]


class AnchorFinder:
    """Finds every occurrence of the anchor words of many plans in one pass over a text.

    One Aho-Corasick automaton holds every word, casefolded, and reads the casefolded copy of a
    text once, not once per word: every word is found wherever it starts, overlapping ones too
    ("after", "afternoon"). A word of a case-sensitive key ("Mar", "MAR") counts only where the
    text holds it as written. Each occurrence is filed under every key that holds its word.
    """

    def __init__(self, keys: Iterable[AnchorKey]) -> None:
        self.keys = frozenset(key for key in keys if key[0] and not key[0][0].startswith(_DIGITS))
        any_case: dict[str, list[AnchorKey]] = {}
        as_written: dict[str, dict[str, list[AnchorKey]]] = {}
        for key in self.keys:
            words, exact = key
            for word in words:
                if exact:
                    as_written.setdefault(_folded(word), {}).setdefault(word, []).append(key)
                else:
                    any_case.setdefault(word, []).append(key)
        self._automaton = ahocorasick.Automaton()
        for folded in any_case.keys() | as_written.keys():
            written = tuple((word, tuple(keys)) for word, keys in as_written.get(folded, {}).items())
            self._automaton.add_word(folded, (len(folded) - 1, tuple(any_case.get(folded, ())), written))
        self._automaton.make_automaton()

    @classmethod
    def of(cls, plans: Iterable[ScanPlan]) -> AnchorFinder:
        """A finder for the anchors of `plans`."""
        return cls((each.anchor, each.exact_case) for each in plans)

    def positions(self, text: str, folded: str) -> dict[AnchorKey, list[tuple[int, int]]]:
        """Where each key has a word in `text`, sorted (as `_anchor_positions`); a key found nowhere is left out.

        `folded` is the casefolded copy of `text`, character for character (see `TextScan`).
        """
        if self._automaton.kind == ahocorasick.EMPTY:
            return {}  # a finder of digit anchors only: no words to look for
        starts: dict[AnchorKey, set[int]] = {}
        for last, (length_less_one, keys, written) in self._automaton.iter(folded):
            at = last - length_less_one
            for key in keys:
                starts.setdefault(key, set()).add(at)
            for word, exact_keys in written:
                if text.startswith(word, at):
                    for key in exact_keys:
                        starts.setdefault(key, set()).add(at)
        return {key: [(at, at) for at in sorted(found)] for key, found in starts.items()}


def folded_copy(text: str) -> str | None:
    """`text` casefolded as IGNORECASE patterns match it, or None when that moves characters ("ß" to "ss")."""
    # casefold, not lower: a case-insensitive pattern matches "ſ" for "s", and casefold agrees.
    folded = text.lower() if text.isascii() else text.casefold().translate(_same_under_ignorecase())
    return folded if len(folded) == len(text) else None


class TextScan:
    """What the plans of a `PlanSet` share about one text, each found once, when first needed."""

    def __init__(self, text: str, finder: AnchorFinder) -> None:
        self.text = text
        self.folded = folded_copy(text)
        self._finder = finder
        self._digit_occurrences: dict[int, list[tuple[int, int]]] = {}
        self._overrun: dict[str, bool] = {}

    @cached_property
    def found(self) -> dict[AnchorKey, list[tuple[int, int]]]:
        """Where the words of every key of the finder occur: one pass for all plans."""
        return self._finder.positions(self.text, self.folded or "")

    def anchor_positions(self, scan: ScanPlan) -> list[tuple[int, int]]:
        """(first, last) positions where an anchor occurrence of `scan` can start, sorted: words or runs of digits."""
        if not scan.anchor[0].startswith(_DIGITS):
            return self.found.get(scan.key, [])
        least = int(scan.anchor[0].removeprefix(_DIGITS))
        if least not in self._digit_occurrences:
            self._digit_occurrences[least] = [
                (first, last) for first, last in self._digit_runs if last - first + 1 >= least
            ]
        return self._digit_occurrences[least]

    def spans_to_scan(self, scan: ScanPlan) -> list[tuple[int, int]]:
        """Where `scan` must look: the windows around its anchor occurrences, or the whole text when unsafe.

        Without an anchor, in a text whose casefolding moves characters, or where a run overruns
        the plan's caps, that is the whole text; with an anchor found nowhere, nothing.
        """
        whole = [(0, len(self.text))]
        if not scan.anchor or self.folded is None:
            return whole
        windows = _windows(self.anchor_positions(scan), scan.before, scan.after + 1, len(self.text))
        if windows and scan.overruns and any(map(self.overruns, scan.overruns)):
            return whole  # (no window, no match: no need to know how long the runs are)
        return windows

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
    def _digit_runs(self) -> list[tuple[int, int]]:
        """(first, last) position of each run of digits."""
        if self._ascii is None:
            return [(run.start(), run.end() - 1) for run in _DIGIT_RUN.finditer(self.text)]
        # An ASCII text's digits are 0-9. Marked in its bytes in one pass, each run is two substring
        # searches, both in C: a third of the time a regex takes to test each character against a class.
        marks = self._ascii.translate(_DIGIT_MARKS)
        runs = []
        first = marks.find(1)
        while first >= 0:
            end = marks.find(0, first)
            if end < 0:
                end = len(marks)
            runs.append((first, end - 1))
            first = marks.find(1, end)
        return runs

    @cached_property
    def _ascii(self) -> bytes | None:
        """The text as bytes, when it is all ASCII."""
        return self.text.encode("ascii") if self.text.isascii() else None

    @cached_property
    def _token_length(self) -> int:
        """The length of the text's longest `str.split()` token."""
        return max(map(len, self.text.split()), default=0)


def _windows(positions: list[tuple[int, int]], before: int, reach: int, size: int) -> list[tuple[int, int]]:
    """The spans `before` characters before and `reach` after the anchor positions, overlapping ones merged."""
    merged: list[tuple[int, int]] = []
    last_start, last_end = -1, -1
    for first, last in positions:
        start, end = first - before, last + reach
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


class PlanSet:
    """Several plans scanned over each text in order; a plan whose anchor words a text lacks is skipped at once."""

    def __init__(self, plans: Iterable[ScanPlan]) -> None:
        self.plans = tuple(plans)
        self.finder = AnchorFinder.of(self.plans)
        self._by_key: dict[AnchorKey, list[int]] = {}
        # Plans without anchor words (digit runs, or none) are looked at in every text.
        self._every_text: list[int] = []
        for index, each in enumerate(self.plans):
            if each.key in self.finder.keys:
                self._by_key.setdefault(each.key, []).append(index)
            else:
                self._every_text.append(index)

    def matches(self, text: str) -> list[tuple[int, re.Match[str]]]:
        """(plan index, match) for each match of each plan in `text`, plan by plan, as its `finditer` finds them.

        A plan with an anchor scans the windows around its occurrences, unless a run in the text
        overruns its caps; then, like a plan without anchor, it scans the whole text.
        """
        scan = TextScan(text, self.finder)
        if scan.folded is None:
            indices: Iterable[int] = range(len(self.plans))  # no anchor is looked for: every plan scans the whole text
        else:
            indices = sorted(chain(self._every_text, *map(self._by_key.__getitem__, scan.found)))
        found: list[tuple[int, re.Match[str]]] = []
        for index in indices:
            each = self.plans[index]
            pattern = each.scanner or each.pattern
            for start, end in scan.spans_to_scan(each):
                for match in pattern.finditer(text, start, end):
                    found.append((index, match))
        return found


# Whole runs of digits, found once per text and shared by every digit anchor (each keeps the runs long enough).
# The first digit spelled out: a pattern opening with a class, not a repeat, is searched for in C between digits.
_DIGIT_RUN = re.compile(r"\d\d*")
# Marks the ASCII digits of a text's bytes (see `_ascii_table`).
_DIGIT_MARKS = _ascii_table(re.compile("[0-9]"))

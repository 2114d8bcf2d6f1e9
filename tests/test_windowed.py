"""The windowed scan finds exactly what a full `finditer` finds, for every rule and any text."""

from __future__ import annotations

import inspect
import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csto_timeline.recognize import _plan_set, _rule_sources
from csto_timeline.windowed import (
    _ASCII_RUNS,
    _ODD_CASES,
    _OVERRUN_CHECKS,
    RUN_CAP,
    WHITESPACE,
    PlanSet,
    ScanPlan,
    TextScan,
    _ascii_table,
    _cache_folder,
    _quicker,
    cached_plan_set,
    guarded,
    plan,
    scan_bytes,
)

from .conftest import ARTICLES, SHARED

# Each rule's name and its pattern as written, compiled: the plans must find exactly what it finds.
RULES = [(name, re.compile(source)) for name, source in _rule_sources()]
TEMPEVAL = SHARED / "data" / "tempeval" / "tbaq_train.jsonl"
PIECES = [
    "On Friday, August 15",
    " 2021",
    "in June",
    " last week",
    "15 August",
    "the next day",
    "MOSCOW, August 23. /TASS/",
    "ſeason",
    "tonıght",
    "Tuesday",
    "İstanbul",
    "two weeks ago",
    "the first quarter of 1998",
    " ",
    "\n\n",
    " " * (RUN_CAP + 3),
    "-" * (RUN_CAP + 3),
    "1" * (RUN_CAP + 3),
    "Augustx" + "x" * RUN_CAP,
    "ACROSS THE WIDE WORLD " * 3,
    "spring",
    "recently",
    "now ",
    "07/04/2021",
    "mid-1990s",
    "the day before yesterday",
    ", ",
    "at 6 a.m. EDT Thursday",
    "noon",
]


def _all_matches(text: str) -> list[list[tuple[tuple[int, int], dict[str, str | None]]]]:
    return [[(m.span(), m.groupdict()) for m in pattern.finditer(text)] for _, pattern in RULES]


def _windowed_matches(text: str) -> list[list[tuple[tuple[int, int], dict[str, str | None]]]]:
    """Each rule's matches as the plan set finds them, which must come plan by plan, in the rules' order."""
    found: list[list[tuple[tuple[int, int], dict[str, str | None]]]] = [[] for _ in RULES]
    indices = []
    for index, match in _plan_set().matches(text):
        found[index].append((match.span(), match.groupdict()))
        indices.append(index)
    assert indices == sorted(indices)
    return found


def _real_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.txt"))]
    if TEMPEVAL.exists():
        texts += [json.loads(line)["text"] for line in TEMPEVAL.read_text(encoding="utf-8").splitlines()]
    return texts


def test_every_rule_has_a_superset() -> None:
    """Not needed for correctness, but a rule without one is scanned whole: slow."""
    assert [name for (name, _), each in zip(RULES, _plan_set().plans, strict=True) if each.superset is None] == []


def test_windowed_scan_equals_full_scan_on_real_texts() -> None:
    texts = _real_texts()
    assert len(texts) >= 5
    for text in texts:
        assert _windowed_matches(text) == _all_matches(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=25))
def test_windowed_scan_equals_full_scan_on_any_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _windowed_matches(text) == _all_matches(text)


# Supersets and first characters in and out of case-insensitive groups, groups, back references.
TRICKY_PATTERNS = [
    r"(?:in\s+)?(?i:quarter)\s+\d{4}",
    r"\bx(?:a|b)+y\b",
    r"(\d)\1",
    r"(?P<n>[a-z]+)?\s*end",
    r"QUARTER\s+\d+|(?i:in)\s+quarter",
    r"(?i:in\s+(?-i:QUARTER))",
    r"(?i)quarter\s+(?-i:1998)",
    r"(?:(?i:the)\s+)?Day",
    r"(?i:(?-i:T)he)\s+day",
    r"(?i:season|kelvin)",
    r"(?i)june",
    r"(?<![\w-])(?P<y>\d{4})",
    r"(?:(?<=(?P<appos>\d),\s))?(?i:\bthe\s+day)",
    r"(?i:\bthe\s+(?:nineties|eighties|x[1-9]0s))",
]
TRICKY_TEXT = (
    "In  QUARTER 1998; xababy 11 22 then end, and in quarter 2001 xy, abcend ſeason Kelvin \u212aelvin"
    " THE Day the day, The day june JUNE, 7, the day through the nineties or the x80s \u0131n QUARTER 1999"
)


def _spans(scan_plan: ScanPlan, text: str) -> list[tuple[int, int]]:
    """The spans of the matches one plan finds in `text`, scanned as the rules are, in a plan set."""
    return [match.span() for _, match in PlanSet([scan_plan]).matches(text)]


@pytest.mark.parametrize("source", TRICKY_PATTERNS)
def test_any_pattern_either_plans_or_falls_back_exactly(source: str) -> None:
    pattern = re.compile(source)
    assert _spans(plan(pattern), TRICKY_TEXT) == [m.span() for m in pattern.finditer(TRICKY_TEXT)]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"(?i)season", "ſeason SEASON \u017fEASON"),  # "ſ" matches "s" under IGNORECASE
        (r"(?i:\u212aelvin)", "kelvin Kelvin \u212aELVIN"),  # and the Kelvin sign matches "k"
        (r"[^a]b", "ab éb \u0131b"),
        (r"\w+ 2021", "Zürich 2021, İstanbul 2021"),
        (r"\d{4}", "year \u0661\u0669\u0669\u0668 and 1998"),
        (r"x\s+y", "x\u00a0y x\u2003 y x\x1cy"),
        (r"(?s:a.b)", "a\nb aéb"),
    ],
)
def test_a_non_ascii_character_is_never_missed(source: str, text: str) -> None:
    """Each non-ASCII character is one byte, 0x80, to Hyperscan: every class that may match one matches it."""
    pattern = re.compile(source)
    expected = [m.span() for m in pattern.finditer(text)]
    assert len(expected) >= 2
    assert _spans(plan(pattern), text) == expected


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_scan_bytes_keep_every_offset(text: str) -> None:
    data = scan_bytes(text)
    assert len(data) == len(text)
    assert all(byte == (ord(char) if char.isascii() else 0x80) for byte, char in zip(data, text, strict=True))


def test_the_compiled_rules_are_read_back_from_the_cache_and_rebuilt_when_damaged(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    plans = [plan(re.compile(r"(?i)\bin\s+(?P<y>\d{4})\b")), plan(re.compile(r"Tuesday"))]
    text = "Born in 1961, he left IN 1999 on Tuesday."
    expected = [(0, (5, 12)), (0, (22, 29)), (1, (33, 40))]
    PlanSet(plans)
    (cached,) = _cache_folder().glob("rules-*.hsdb")
    made = cached.stat().st_mtime_ns
    assert [(index, match.span()) for index, match in PlanSet(plans).matches(text)] == expected
    assert cached.stat().st_mtime_ns == made  # read back, not compiled again
    cached.write_bytes(b"not a database")
    assert [(index, match.span()) for index, match in PlanSet(plans).matches(text)] == expected
    assert cached.stat().st_size > 100


def test_rules_compile_where_no_cache_can_be_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    found = PlanSet([plan(re.compile(r"Tuesday"))]).matches("Tuesday, not tuesday")
    assert [match.span() for _, match in found] == [(0, 7)]
    found = cached_plan_set([("Tuesday", 0)]).matches("Tuesday, not tuesday")
    assert [match.span() for _, match in found] == [(0, 7)]


# The rules, and patterns of every kind the analysis meets: unplanned, case-folded, with look-arounds.
CACHED_SOURCES = [*((source, 0) for _, source in _rule_sources()), *((source, 0) for source in TRICKY_PATTERNS)]
CACHED_SOURCES.append((r"q[\s-]+\d", re.IGNORECASE))
# Texts with runs past the caps too, where the run checks decide.
CACHED_TEXTS = [
    TRICKY_TEXT,
    "On " + " " * 40 + "June 5, 2021, in Q" + "-" * 30 + "3 and q  4; " + "7" * 40 + " the day after",
    *(path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.txt"))),
]


def _plan_facts(plans: PlanSet, texts: list[str]) -> dict[str, object]:
    """What a plan set finds in `texts`, what each plan holds, and the run checks they name, as JSON data."""
    from csto_timeline import windowed

    keys = sorted({key for each in plans.plans for key in each.overruns})
    return {
        "matches": [[(index, m.span(), m.groupdict()) for index, m in plans.matches(text)] for text in texts],
        "plans": [(p.superset and p.superset.hex(), p.before, p.after, sorted(p.overruns)) for p in plans.plans],
        "checks": [
            (
                key,
                windowed._OVERRUN_CHECKS[key].search(" " * 40 + "-" * 40 + "7" * 40) is not None,
                [part.hex() for part in windowed._ASCII_RUNS.get(key, ())],
                windowed._WITHIN_A_TOKEN.get(key),
                sorted(set(windowed._WIDER_CHECKS.get(key, ())) & set(keys)),
            )
            for key in keys
        ],
    }


def _read_back_in_a_fresh_process(cache: Path) -> dict[str, object]:
    """`_plan_facts` of the plan set a fresh process reads back from `cache`, with `plan` unable to make one."""
    script = "\n".join(
        [
            "from __future__ import annotations",
            "import json, sys",
            "from csto_timeline import windowed",
            inspect.getsource(_plan_facts),
            "windowed.plan = None",
            "sources, texts = json.load(sys.stdin)",
            "print(json.dumps(_plan_facts(windowed.cached_plan_set([tuple(each) for each in sources]), texts)))",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps([CACHED_SOURCES, CACHED_TEXTS]),
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_plans_read_back_by_another_process_find_what_the_plans_made_find(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = cached_plan_set(CACHED_SOURCES)
    (kept,) = _cache_folder().glob("plans-*.marshal")
    expected = json.loads(json.dumps(_plan_facts(made, CACHED_TEXTS)))
    assert any(superset is None for superset, *_ in expected["plans"])  # an unplanned pattern is kept too
    assert any(wider for *_, wider in expected["checks"]) and any(ascii for _, _, ascii, *_ in expected["checks"])
    written = kept.stat().st_mtime_ns
    assert _read_back_in_a_fresh_process(tmp_path) == expected
    assert kept.stat().st_mtime_ns == written  # read back, not made again


@pytest.mark.parametrize(
    "damage",
    [b"", b"not marshal data", marshal.dumps(([], [])), marshal.dumps((["x"], [])), marshal.dumps((1, 2, 3))],
)
def test_a_damaged_plan_file_is_made_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: bytes) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sources = [(r"(?i)\bin\s+(?P<y>\d{4})\b", 0), ("Tuesday", 0)]
    text = "Born in 1961, he left IN 1999 on Tuesday."
    expected = [(0, (5, 12)), (0, (22, 29)), (1, (33, 40))]
    cached_plan_set(sources)
    (kept,) = _cache_folder().glob("plans-*.marshal")
    kept.write_bytes(damage)
    assert [(index, match.span()) for index, match in cached_plan_set(sources).matches(text)] == expected
    assert kept.stat().st_size > 100  # written again
    assert [(index, match.span()) for index, match in cached_plan_set(sources).matches(text)] == expected


def test_the_plan_file_is_named_by_the_analysis_that_made_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A change to this analysis must not read plans an older one made: the module's source is in the name."""
    from csto_timeline import windowed

    sources = [("Tuesday", 0)]
    key = windowed._plans_key(sources)
    changed = tmp_path / "windowed.py"
    changed.write_bytes(Path(windowed.__file__).read_bytes() + b"# changed\n")
    monkeypatch.setattr(windowed, "__file__", str(changed))
    assert windowed._plans_key(sources) != key
    assert windowed._plans_key([("Tuesday", re.IGNORECASE)]) != windowed._plans_key(sources)


@pytest.mark.parametrize("source", TRICKY_PATTERNS)
def test_guarded_pattern_finds_the_same_matches(source: str) -> None:
    pattern = re.compile(source)
    scanner = guarded(pattern)
    assert scanner is not pattern
    found = [(m.span(), m.groupdict()) for m in scanner.finditer(TRICKY_TEXT)]
    assert found == [(m.span(), m.groupdict()) for m in pattern.finditer(TRICKY_TEXT)]
    assert found


def test_odd_cases_are_every_character_ignorecase_matches_for_an_ascii_letter() -> None:
    """The first characters of a case-insensitive pattern are widened by this list: it must miss none."""
    letters = re.compile(r"(?i)[a-z]")
    odd = {char for char in map(chr, range(sys.maxunicode + 1)) if not char.isascii() and letters.fullmatch(char)}
    assert odd == set("".join(_ODD_CASES.values()))
    for letter, others in _ODD_CASES.items():
        assert all(re.fullmatch(f"(?i){letter}", other) for other in others)


@pytest.mark.parametrize("source", [r"x*", r"(?:a|)b?", r"[^a]+", r".b"])
def test_pattern_whose_first_character_cannot_be_told_is_not_guarded(source: str) -> None:
    pattern = re.compile(source)
    assert guarded(pattern) is pattern


@pytest.mark.parametrize("source", [r"^\s*©", r"\APHOTO"])
def test_pattern_tried_only_at_the_start_is_left_as_it_is(source: str) -> None:
    pattern = re.compile(source)
    assert guarded(pattern) is pattern


@pytest.mark.parametrize("source", [r"(?m)^\s*x", r"\bPHOTO\b", r"(?<![\w])(?:'ll|will)(?![\w])"])
def test_pattern_that_may_match_anywhere_is_guarded_with_the_same_matches(source: str) -> None:
    text = "x\n  x PHOTO ©, she'll see. It will, PHOTOS; x"
    pattern = re.compile(source)
    scanner = guarded(pattern)
    assert scanner is not pattern
    assert [m.span() for m in scanner.finditer(text)] == [m.span() for m in pattern.finditer(text)] != []


def test_every_rule_is_scanned_behind_a_guard() -> None:
    assert [name for name, pattern in RULES if plan(pattern).scanner is pattern] == []


@pytest.mark.parametrize("gap", ["-" * 9, " " * 9, " - " * 3, " "])
def test_a_run_of_a_wider_class_decides_for_the_narrower(gap: str) -> None:
    """`[\\s-]` runs are checked once for `\\s` runs too: no long run of the one, none of the other."""
    text = f"q{gap}7 and k{gap}3"
    patterns = re.compile(r"q[\s-]+\d"), re.compile(r"(?i:k)\s+\d")
    wide, narrow = map(plan, patterns)
    assert set(wide.overruns) & set(narrow.overruns) == set()
    for each, pattern in zip((wide, narrow), patterns, strict=True):
        assert _spans(each, text) == [m.span() for m in pattern.finditer(text)]


def test_whitespace_is_every_character_str_split_splits_on() -> None:
    blanks = "".join(char for char in map(chr, range(sys.maxunicode + 1)) if char.isspace())
    assert blanks == WHITESPACE
    assert f"x{'x'.join(WHITESPACE)}x".split() == ["x"] * (len(WHITESPACE) + 1)


@pytest.mark.parametrize("word", ["a" * (RUN_CAP + 5), "a" * RUN_CAP + "\u00a0" + "a" * 5, "-" * RUN_CAP + "a" * 5])
def test_a_run_longer_than_the_cap_inside_one_word_still_scans_the_whole_text(word: str) -> None:
    """A word longer than the cap may hold a long run of a class without blanks: that is checked for."""
    pattern = re.compile(r"[a-z-]+ 2021")
    text = f"In {word} 2021, and 2021."
    found = _spans(plan(pattern), text)
    assert found == [m.span() for m in pattern.finditer(text)]
    assert found


@pytest.mark.parametrize(
    "source",
    [r"(?i:\bthe\s+(?:nineties|eighties|'?[1-9]0s))", r"(?:\d{5}|\d\d)\b", r"(?:\d{12}|\d\d)\b"],
)
def test_an_alternation_of_words_and_digit_runs_misses_neither(source: str) -> None:
    text = "Prices fell through the nineties. In the '80s and the 70s, 12345 or 1 or 45, 123456789012."
    pattern = re.compile(source)
    found = _spans(plan(pattern), text)
    assert found == [m.span() for m in pattern.finditer(text)]
    assert found


CHOICE_WORDS = ["May", "March", "Mar", "M", "Monday", "mid", "ma", "Sept", "Sep", "S", "in", "In", "i", "a.m"]


@settings(max_examples=300)
@given(
    words=st.lists(st.sampled_from(CHOICE_WORDS), min_size=1, max_size=8),
    flags=st.sampled_from(["", "(?i)"]),
    lazy=st.booleans(),
    text=st.lists(st.sampled_from([*CHOICE_WORDS, " ", "  ", "x", ".", "İ", "ſ", "MAY"]), max_size=20).map("".join),
)
def test_choices_and_optional_groups_rewritten_match_as_written(
    words: list[str], flags: str, lazy: bool, text: str
) -> None:
    """The scanner's rewrites (`_quicker`) keep every match and every group, in any order of alternatives."""
    choice = "|".join(map(re.escape, words))
    optional = "??" if lazy else "?"
    pattern = re.compile(rf"{flags}(?:(?P<pre>{choice})\s+){optional}(?P<word>{choice})(?:(?P<dot>\.)|x){optional}")
    scanner = guarded(pattern)
    assert scanner is not pattern
    expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in scanner.finditer(text)] == expected


def _shape(items: list[object]) -> str:
    """Literals and choices of a parsed pattern written back as a regex."""
    parts = []
    for op, av in items:  # type: ignore[misc]
        if op == sre.LITERAL:
            parts.append(chr(av))
        elif op == sre.BRANCH:
            parts.append("(?:" + "|".join(_shape(list(alternative)) for alternative in av[1]) + ")")
        else:
            raise AssertionError(op)
    return "".join(parts)


def test_a_case_sensitive_choice_is_grouped_by_first_character_in_order() -> None:
    tree = _parser.parse("May|March|Mon|Sept|Sep")
    assert _shape(_quicker(list(tree), tree.state, ignorecase=False)) == "(?:M(?:a(?:y|rch)|on)|Sep(?:t|))"
    assert _shape(_quicker(list(tree), tree.state, ignorecase=True)) == "(?:M(?:a(?:y|rch)|on)|Sep(?:t|))"
    mixed = _parser.parse("may|March|MON|é|e")
    assert _shape(_quicker(list(mixed), mixed.state, ignorecase=True)) == "(?:may|March|MON|é|e)"
    assert _shape(_quicker(list(mixed), mixed.state, ignorecase=False)) == "(?:may|M(?:arch|ON)|é|e)"


@pytest.mark.parametrize("source", [r"(?i)xz|X(?P<b>y)|x(?P<c>y)", r"xz|X(?P<b>y)|x(?P<c>y)|X"])
def test_which_alternative_matches_decides_the_groups_and_is_kept(source: str) -> None:
    """Under IGNORECASE `x` and `X` open alternatives that can both match: the first in writing wins."""
    pattern = re.compile(source)
    text = "xy Xy xz XZ"
    expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in guarded(pattern).finditer(text)] == expected
    assert any(groups["b"] for _, groups in expected)


ASCII_PIECES = ["a", "Z", "7", "'", "-", " ", "\t", "\n", "\x1c", "\x1f", "_", ".", "é"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(ASCII_PIECES), max_size=60).map("".join), st.integers(1, 40))
def test_runs_checked_in_ascii_bytes_are_those_the_search_finds(text: str, repeat: int) -> None:
    """Each run check of the rules, taken on ASCII bytes, answers as its regex search does."""
    text = text * (1 + repeat // 10)
    _plan_set()  # every rule's checks are made
    assert _ASCII_RUNS
    scan = TextScan(text)
    for key, search in _OVERRUN_CHECKS.items():
        if key in _ASCII_RUNS:
            assert scan.overruns(key) == (search.search(text) is not None), key
    assert (scan._ascii is not None) == text.isascii()


def test_the_ascii_table_of_a_class_marks_exactly_its_characters() -> None:
    table = _ascii_table(re.compile(r"[\s-]"))
    marked = {chr(code) for code in range(256) if table[code]}
    assert marked == {"-", *(char for char in map(chr, range(128)) if char.isspace())}
    assert {"\x1c", "\x1f", " ", "\t", "\n", "\x0b"} <= marked

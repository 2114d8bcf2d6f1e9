"""Score date recognition and resolution on TempEval-3 gold (TBAQ-cleaned training set).

Runs every document through `csto_timeline.pipeline.analyse`, the path of `timeline mentions`,
and compares the resolved mentions with the gold TIMEX3 annotations:

- gold: DATE timexes, and TIME timexes that name a day (compared at day level, value[:10]);
- ignored: DURATION and SET timexes (and TIME without a day); a prediction overlapping one
  and no gold date is neither right nor wrong;
- extraction relaxed (spans overlap) and strict (same span; a gold span ending in a full stop
  also matches the span without it), value (TIMEX3 value equal); every match is one to one.

    python bench/accuracy.py [--limit N] [--show-errors N] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from csto_timeline.models import Article, DateMention, MentionRecord, Tense
from csto_timeline.pipeline import analyse
from csto_timeline.resolve import resolve

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "tempeval" / "tbaq_train.jsonl"
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Bare weekdays and yearless dates: the rules whose year or week the clause's tense decides.
_TENSE_RULES = {"weekday", "month_day", "day_month", "month"}


@dataclass(frozen=True)
class Span:
    """A gold timex or a prediction: where it is, what it says, what it resolves to."""

    doc: str
    start: int
    end: int
    text: str
    value: str
    kind: str  # gold: TIMEX3 type; prediction: rule name


@dataclass
class Tally:
    """Counts and error examples gathered over the documents."""

    gold: int = 0
    predicted: int = 0
    ignored: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    tense_total: int = 0
    tense_right: int = 0
    tense_past_right: int = 0
    oddities: Counter[str] = field(default_factory=Counter)
    errors: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: {
            "missed": defaultdict(list),
            "spurious": defaultdict(list),
            "wrong value": defaultdict(list),
        }
    )


def value_shape(value: str) -> str:
    """A rough class of a TIMEX3 value: day, month, year, quarter, week, PAST_REF..."""
    if value.endswith("_REF"):
        return value
    if "X" in value:
        return "placeholder (X)"
    if value.startswith("P"):
        return "duration value"
    shapes = [
        (r"\d{4}-\d{2}-\d{2}(T.*)?", "day"),
        (r"\d{4}-\d{2}-\d{2}/.*", "range"),
        (r"\d{4}-\d{2}", "month"),
        (r"\d{4}", "year"),
        (r"\d{4}-Q\d", "quarter"),
        (r"\d{4}-H\d", "half"),
        (r"\d{4}-(SP|SU|FA|WI)", "season"),
        (r"\d{4}-W\d{2}(-WE)?", "week"),
        (r"\d{3}", "decade"),
        (r"\d{2}", "century"),
    ]
    return next((name for pattern, name in shapes if re.fullmatch(pattern, value)), "other")


def compared(value: str) -> str:
    """The part of a value that is scored: a TIME counts at day level."""
    return value[:10] if _DAY_VALUE.match(value) and "T" in value else value


def gold_spans(doc: dict[str, object]) -> tuple[list[Span], list[Span]]:
    """Split a document's timexes into scored gold dates and ignored ones."""
    gold, ignored = [], []
    for timex in doc["timexes"]:  # type: ignore[attr-defined]
        span = Span(doc["doc_id"], timex["start"], timex["end"], timex["text"], timex["value"], timex["type"])  # type: ignore[arg-type]
        if timex["type"] == "DATE" or (timex["type"] == "TIME" and _DAY_VALUE.match(timex["value"])):
            gold.append(span)
        else:
            ignored.append(span)
    return gold, ignored


def overlaps(a: Span, b: Span) -> bool:
    """True when the two spans share at least one character."""
    return a.start < b.end and b.start < a.end


def same_span(gold: Span, predicted: Span) -> bool:
    """Strict match; a gold span's trailing full stop is not held against the prediction."""
    if (gold.start, gold.end) == (predicted.start, predicted.end):
        return True
    return gold.text.endswith(".") and (gold.start, gold.end - 1) == (predicted.start, predicted.end)


def pair(gold: list[Span], predicted: list[Span], accept, rank) -> list[tuple[Span, Span]]:  # type: ignore[no-untyped-def]
    """Pair gold and predictions one to one, best-ranked candidate pairs first."""
    candidates = sorted(((g, p) for g in gold for p in predicted if accept(g, p)), key=lambda gp: rank(*gp))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for g, p in candidates:
        if id(g) in used_gold or id(p) in used_predicted:
            continue
        used_gold.add(id(g))
        used_predicted.add(id(p))
        pairs.append((g, p))
    return pairs


def _overlap(g: Span, p: Span) -> int:
    return min(g.end, p.end) - max(g.start, p.start)


def context(text: str, span: Span) -> str:
    """The span in brackets with a few words either side, on one line."""
    before = text[max(0, span.start - 40) : span.start]
    after = text[span.end : span.end + 40]
    return " ".join(f"{before}[{span.text}]{after}".split())


def predictions(records: Iterable[MentionRecord], doc_id: str) -> list[Span]:
    """The tool's resolved mentions as spans."""
    return [Span(doc_id, r.mention.start, r.mention.end, r.mention.text, r.date.value, r.mention.rule) for r in records]


def tense_decides(mention: DateMention) -> bool:
    """True for a bare weekday or a yearless date: the clause's tense picks its year or week."""
    if mention.rule not in _TENSE_RULES or mention.field("y") or mention.field("shift") or mention.field("yshift"):
        return False
    # "Monday, Oct. 26": the weekday, not the tense, picks the year.
    return mention.rule == "weekday" or not mention.field("wd")


def score_document(doc: dict[str, object], tally: Tally) -> None:
    """Run one document through the pipeline and add its matches and errors to `tally`."""
    doc_id, text = str(doc["doc_id"]), str(doc["text"])
    published = date.fromisoformat(str(doc["dct"]))
    records = analyse(Article(doc_id, doc_id, text, published, "tempeval")).mentions
    gold, ignored = gold_spans(doc)
    predicted = [
        p
        for p in predictions(records, doc_id)
        if any(overlaps(g, p) for g in gold) or not any(overlaps(i, p) for i in ignored)
    ]
    tally.ignored += len(records) - len(predicted)
    tally.gold += len(gold)
    tally.predicted += len(predicted)
    _note_oddities(gold, tally)

    relaxed = pair(gold, predicted, overlaps, lambda g, p: (compared(g.value) != compared(p.value), -_overlap(g, p)))
    tally.relaxed += len(relaxed)
    tally.strict += len(pair(gold, predicted, same_span, lambda g, p: 0))
    right = [(g, p) for g, p in relaxed if compared(g.value) == compared(p.value)]
    tally.value += len(right)
    _tense_check(records, relaxed, published, tally)

    matched_gold = {id(g) for g, _ in relaxed}
    matched_predicted = {id(p) for _, p in relaxed}
    for g in gold:
        if id(g) not in matched_gold:
            tally.errors["missed"][value_shape(g.value)].append(context(text, g))
    for p in predicted:
        if id(p) not in matched_predicted:
            tally.errors["spurious"][p.kind].append(f"{context(text, p)} -> {p.value}")
    for g, p in relaxed:
        if compared(g.value) != compared(p.value):
            label = f"{p.kind}: gold {value_shape(g.value)}"
            tally.errors["wrong value"][label].append(f"{context(text, p)} -> {p.value}, gold {g.value} ({published})")


def _note_oddities(gold: list[Span], tally: Tally) -> None:
    for g in gold:
        if re.fullmatch(r"P[\dX].*", g.value):
            tally.oddities["DATE value is a duration (P...)"] += 1
        if "X" in g.value:
            tally.oddities["value with an X placeholder"] += 1
        if g.text.endswith("."):
            tally.oddities["span ends in a full stop"] += 1
        if re.fullmatch(r"\d{4}-W\d", g.value):
            tally.oddities["ISO week without its leading zero (2000-W6)"] += 1


def _tense_check(
    records: Iterable[MentionRecord], relaxed: list[tuple[Span, Span]], published: date, tally: Tally
) -> None:
    gold_at = {(p.start, p.end): g for g, p in relaxed}
    for record in records:
        gold = gold_at.get((record.mention.start, record.mention.end))
        if gold is None or not tense_decides(record.mention):
            continue
        tally.tense_total += 1
        tally.tense_right += compared(record.date.value) == compared(gold.value)
        past = resolve(replace(record.mention, tense=Tense.PAST), published)
        tally.tense_past_right += past is not None and compared(past.value) == compared(gold.value)


def prf(right: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1, 0 where undefined."""
    precision = right / predicted if predicted else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def summary(tally: Tally, documents: int, seconds: float) -> dict[str, object]:
    """Every number of the run as one dictionary."""
    return {
        "documents": documents,
        "seconds": round(seconds, 2),
        "gold": tally.gold,
        "predicted": tally.predicted,
        "ignored_predictions": tally.ignored,
        "relaxed": {"matched": tally.relaxed, **prf(tally.relaxed, tally.predicted, tally.gold)},
        "strict": {"matched": tally.strict, **prf(tally.strict, tally.predicted, tally.gold)},
        "value": {"matched": tally.value, **prf(tally.value, tally.predicted, tally.gold)},
        "tense_rule": {
            "decided": tally.tense_total,
            "right": tally.tense_right,
            "always_past_right": tally.tense_past_right,
        },
        "gold_oddities": dict(tally.oddities),
        "errors": {
            kind: {label: len(items) for label, items in classes.items()} for kind, classes in tally.errors.items()
        },
    }


def print_report(numbers: dict[str, object], tally: Tally, show: int) -> None:
    """Human-readable scores, then the largest error classes with examples."""
    print(
        f"{numbers['documents']} documents in {numbers['seconds']} s; gold dates {numbers['gold']}, "
        f"predicted {numbers['predicted']} ({numbers['ignored_predictions']} more overlap only DURATION/SET, ignored)"
    )
    for name in ("relaxed", "strict", "value"):
        s = numbers[name]
        print(f"{name:8} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (matched {s['matched']})")  # type: ignore[index]
    print("  strict: a gold span ending in a full stop also matches the span without it")
    t = tally
    if t.tense_total:
        print(
            f"tense rule (bare weekdays, yearless dates): right {t.tense_right}/{t.tense_total} "
            f"({t.tense_right / t.tense_total:.1%}); always-past would be {t.tense_past_right}/{t.tense_total}"
        )
    print("gold oddities (counted as they are): " + ", ".join(f"{k}: {v}" for k, v in t.oddities.items()))
    for kind, classes in t.errors.items():
        total = sum(len(items) for items in classes.values())
        print(f"\n{kind}: {total}")
        for label, items in sorted(classes.items(), key=lambda kv: -len(kv[1]))[:show]:
            print(f"  {len(items):4}  {label}")
            for example in items[:3]:
                print(f"          {example}")


def load(path: Path, limit: int | None) -> list[dict[str, object]]:
    """The documents of the gold file, at most `limit` of them."""
    with path.open(encoding="utf-8") as lines:
        documents = [json.loads(line) for line in lines if line.strip()]
    return documents[:limit] if limit else documents


def main(argv: list[str] | None = None) -> int:
    """Score the tool on the TempEval-3 data and print the result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="gold JSON Lines file")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--show-errors", type=int, default=8, metavar="N", help="error classes shown per kind")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"accuracy: error: gold data not found at {args.data}", file=sys.stderr)
        return 2
    documents = load(args.data, args.limit)
    tally = Tally()
    began = time.perf_counter()
    for doc in documents:
        score_document(doc, tally)
    numbers = summary(tally, len(documents), time.perf_counter() - began)
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        print_report(numbers, tally, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())

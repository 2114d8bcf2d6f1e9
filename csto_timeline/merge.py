"""Merge events into a chronology: sort by date, and fold the same event told by several articles.

Two events are "the same event" when they carry the same resolved date value, come from
different articles, and their sentences share enough distinctive words: the overlap of their
content-word stems (synonyms folded, see `event_synonyms` in the lexicon), each weighted by how
rare it is among all events of the run, covers enough of the shorter sentence's weight.

How much is enough depends on the date. A day that articles look back (or forward) to is
usually named for one event, so `LOOKED_BACK_DAY_THRESHOLD` suffices; many different things
happen on the day an article is published, so those events need `PUBLICATION_DAY_THRESHOLD`;
a week, month, quarter or year holds many events, so `COARSE_DATE_THRESHOLD` applies.
A word found in most events of the run weighs almost nothing; numbers are left out (amounts
like "$2.3 million" recur across unrelated reports).
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain, repeat

from .lexicon import english
from .models import Event, Granularity, TimelineEntry

LOOKED_BACK_DAY_THRESHOLD = 0.2
PUBLICATION_DAY_THRESHOLD = 0.35
COARSE_DATE_THRESHOLD = 0.5
_DAY_GRANULARITIES = frozenset({Granularity.DAY, Granularity.RANGE})
_STEM_LENGTH = 6
# Wire copy is reprinted by many articles: a sentence seen lately is not read again.
_SENTENCES_REMEMBERED = 4096
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# The highest similarity: the shared weight never exceeds the smaller total (positive weights, exact sums).
_TOP_SCORE = 1.0
# Up to this many clusters on one date, finding those that share a stem with an event is a plain
# scan; past it, an index from stem to clusters is faster (a publication day can hold hundreds).
_CLUSTERS_SCANNED = 24


@cache
def _stopwords() -> frozenset[str]:
    lex = english()
    return frozenset(lex["stopwords"]["words"]) | frozenset(lex["months"]) | frozenset(lex["weekdays"])


@lru_cache(maxsize=_SENTENCES_REMEMBERED)
def content_stems(sentence: str) -> frozenset[str]:
    """The distinctive words of a sentence, lowercased, synonyms folded, cut to a common stem."""
    synonyms = english()["event_synonyms"]
    stopwords = _stopwords()
    stems = set()
    for word in _WORD.findall(sentence.lower()):
        word = word.strip("'’-").removesuffix("'s").removesuffix("’s")
        if len(word) < 2 or word in stopwords:
            continue
        stems.add(sys.intern(synonyms.get(word, word)[:_STEM_LENGTH]))  # one copy per stem, not per event
    return frozenset(stems)


@dataclass
class _Cluster:
    events: list[Event]
    position: int = 0  # its place among the clusters of its date value
    # Each distinct stem set once, with its weight: reprinted sentences compare only once.
    stems: dict[frozenset[str], float] = field(default_factory=dict)
    every_stem: set[str] = field(default_factory=set)  # the union of `stems`
    articles: set[str] = field(default_factory=set)

    def add(self, event: Event, stems: frozenset[str], total: float) -> None:
        self.events.append(event)
        self.stems[stems] = total
        self.every_stem.update(stems)
        self.articles.add(event.article.path)


def _weight_of(stems: frozenset[str], weight: dict[str, float]) -> float:
    # fsum is exact, so the result does not depend on the (hash-seeded) order of the set.
    return math.fsum(map(weight.__getitem__, stems))


def _similarity(shared: frozenset[str], a_total: float, b_total: float, weight: dict[str, float]) -> float:
    """How much of the lighter of two stem sets (weights `a_total`, `b_total`) the stems they share weigh."""
    smaller = a_total if a_total < b_total else b_total
    # fsum is exact, so the result does not depend on the (hash-seeded) order of the set.
    return math.fsum(map(weight.__getitem__, shared)) / smaller if shared and smaller else 0.0


def event_order(event: Event) -> tuple[object, ...]:
    """The key events are merged in: publication date, article name, first expression's position."""
    return (event.article.published, event.article.name, event.expressions[0].start)


def stem_weights(frequency: Counter[str], events: int) -> dict[str, float]:
    """How distinctive each stem is, from how many of the run's `events` hold it."""
    return {stem: math.log((1 + events) / count) for stem, count in frequency.items()}


def merge(events: Iterable[Event]) -> list[TimelineEntry]:
    """Return the chronology: one entry per distinct event, sorted by date, every source kept."""
    ordered = sorted(events, key=event_order)
    stems = [content_stems(event.text) for event in ordered]
    weight = stem_weights(Counter(stem for event_stems in stems for stem in event_stems), len(ordered))
    by_value: dict[str, list[tuple[Event, frozenset[str]]]] = {}
    for event, event_stems in zip(ordered, stems, strict=True):
        by_value.setdefault(event.date.value, []).append((event, event_stems))
    entries = [entry for on_date in by_value.values() for entry in merge_date(on_date, weight)]
    return sorted(entries, key=_entry_order)


def merge_date(events: Iterable[tuple[Event, frozenset[str]]], weight: dict[str, float]) -> list[TimelineEntry]:
    """Merge the events of one date value, given in `event_order` with their stems, into entries in that order.

    The clusters of different date values never meet, so a chronology can be merged one date at a time.
    """
    on_date = _DateClusters()
    for event, event_stems in events:
        total = _weight_of(event_stems, weight)
        best = _best_cluster(on_date.sharing(event_stems), event, event_stems, total, weight)
        on_date.add(best, event, event_stems, total)
    return [
        TimelineEntry(cluster.events[0].date, cluster.events[0].text, tuple(cluster.events))
        for cluster in on_date.clusters
    ]


@dataclass
class _DateClusters:
    """The clusters of one date value; once there are many, with the clusters each stem occurs in.

    A cluster sharing no stem with an event scores 0, below every threshold: only those sharing
    one are compared, in the order the clusters were made (the first of equal scores wins).
    """

    clusters: list[_Cluster] = field(default_factory=list)
    holding: dict[str, list[int]] | None = None  # made when the clusters outgrow a plain scan

    def sharing(self, stems: frozenset[str]) -> list[_Cluster]:
        """The clusters holding a stem of `stems`, in the order they were made."""
        if self.holding is None:
            return [cluster for cluster in self.clusters if not cluster.every_stem.isdisjoint(stems)]
        found = set(chain.from_iterable(map(self.holding.get, stems, repeat(()))))
        return [self.clusters[at] for at in sorted(found)]

    def add(self, cluster: _Cluster | None, event: Event, stems: frozenset[str], total: float) -> None:
        """Add `event` to `cluster`, or to a new cluster when None."""
        if cluster is None:
            cluster = _Cluster([], position=len(self.clusters))
            self.clusters.append(cluster)
        reprinted = stems in cluster.stems  # then its stems already point to this cluster
        cluster.add(event, stems, total)
        if self.holding is not None and not reprinted:
            self._index(cluster.position, stems)
        elif self.holding is None and len(self.clusters) > _CLUSTERS_SCANNED:
            self.holding = {}
            for each in self.clusters:
                self._index(each.position, each.every_stem)

    def _index(self, position: int, stems: Iterable[str]) -> None:
        assert self.holding is not None
        for stem in stems:
            positions = self.holding.setdefault(stem, [])
            if not positions or positions[-1] != position:
                positions.append(position)


def _best_cluster(
    clusters: list[_Cluster], event: Event, event_stems: frozenset[str], total: float, weight: dict[str, float]
) -> _Cluster | None:
    best, best_score = None, 0.0
    for cluster in clusters:
        if event.article.path in cluster.articles:
            continue
        score = _score(cluster, event_stems, total, weight)
        if score > best_score and score >= _threshold(event, cluster.events[0]):
            best, best_score = cluster, score
            if best_score >= _TOP_SCORE:
                break  # no later cluster can score more: the first of equal scores wins
    return best


def _score(cluster: _Cluster, event_stems: frozenset[str], total: float, weight: dict[str, float]) -> float:
    """The best similarity of the event to a sentence of the cluster."""
    if total and event_stems in cluster.stems:
        return _TOP_SCORE  # the same words (a reprinted sentence) score exactly that: their weight over itself
    best = 0.0
    for other, other_total in cluster.stems.items():
        if (shared := event_stems & other) and (score := _similarity(shared, total, other_total, weight)) > best:
            best = score  # most pairs share no stem: the sums are skipped
    return best


def _threshold(event: Event, other: Event) -> float:
    if event.date.granularity not in _DAY_GRANULARITIES:
        return COARSE_DATE_THRESHOLD
    if event.date.start in (event.article.published, other.article.published):
        return PUBLICATION_DAY_THRESHOLD
    return LOOKED_BACK_DAY_THRESHOLD


def _entry_order(entry: TimelineEntry) -> tuple[object, ...]:
    return (entry.date.start, entry.date.end, entry.date.value, event_order(entry.events[0]))

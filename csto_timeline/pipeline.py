"""The core in one call: articles in, mentions, events and a merged chronology out.

Articles are read and analysed a chunk at a time, in `jobs` processes when asked (this one and forks
of it, `sharing.in_forks`). `chronicle()` (show, export, stats) keeps each article's events in a
store (in memory up to a budget, past it in a spill on disk) and merges them one date at a time as
the chronology is read (`Chronology.entries`), or merges ranges of dates and renders their entries
in the `jobs` processes (`Chronology.rendered`), so its memory stays bounded whatever the archive;
`stream_articles()` (mentions, articles) hands each article's analysis on as it comes and keeps
nothing, with no merge; `build_timeline()` keeps everything in memory (tests, library use). The
result is the same, in the same order, whatever `jobs` is.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from typing import TypeVar

from .articles import STDIN, SkippedInput, find_files, load_article
from .events import extract_events, place_mentions
from .merge import content_stems, merge, merge_date, stem_weights
from .models import Article, Event, MentionRecord, TimelineEntry
from .recognize import find_mentions
from .resolve import resolve_all
from .sharing import in_forks
from .store import DatesToMerge, EventStore, HeldArticle, held_article

# Articles analysed together, a chunk at a time: in this process, and what each process claims
# when several share the work. Large enough to amortise the hand-over of the results and for the
# stages to gain from running back to back (see `analyse_each`), small enough that each process
# gets several.
_SMALLEST_CHUNK = 16
_LARGEST_CHUNK = 128
_CHUNKS_PER_PROCESS = 8
# Events a process merges at a time (whole dates): large enough to amortise the hand-over.
_EVENTS_PER_BATCH = 1024
Progress = Callable[[int, int], None]
T = TypeVar("T")
# What is done to a chunk of articles: one result per article, in their order.
ArticleWork = Callable[[Sequence[Article]], list[T]]


@dataclass(frozen=True)
class AnalysedArticle:
    """An article with every date mention it holds and the events they date."""

    article: Article
    mentions: tuple[MentionRecord, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Timeline:
    """The result of a run: the chronology, the articles used and the inputs left out."""

    entries: tuple[TimelineEntry, ...]
    articles: tuple[AnalysedArticle, ...]
    skipped: tuple[SkippedInput, ...]


def analyse(article: Article) -> AnalysedArticle:
    """Find, resolve and place every date mention of one article, and extract its events."""
    return analyse_each([article])[0]


def analyse_each(articles: Sequence[Article]) -> list[AnalysedArticle]:
    """`analyse` of each article, in order, each stage done for them all before the next.

    The results are those of one article at a time. Run back to back, a stage keeps its code and
    tables in the processor's caches from one article to the next: 128 articles together took
    about 12% less time than one by one.
    """
    placed = _placed_mentions_each(articles)
    return [
        AnalysedArticle(article, tuple(records), tuple(extract_events(records)))
        for article, records in zip(articles, placed, strict=True)
    ]


def _placed_mentions_each(articles: Sequence[Article]) -> list[list[MentionRecord]]:
    found = [find_mentions(article.body) for article in articles]
    resolved = [resolve_all(mentions, article.published) for article, mentions in zip(articles, found, strict=True)]
    return [place_mentions(article, each) for article, each in zip(articles, resolved, strict=True)]


def compact(analysed: AnalysedArticle) -> AnalysedArticle:
    """The same analysis without the article's body, which nothing after analysis reads."""
    slim, mentions = _without_body(analysed.article, analysed.mentions)
    return AnalysedArticle(slim, mentions, tuple(replace(event, article=slim) for event in analysed.events))


def _without_body(article: Article, records: Iterable[MentionRecord]) -> tuple[Article, tuple[MentionRecord, ...]]:
    """The article without its body, and its mention records pointing to that copy."""
    slim = replace(article, body="")
    return slim, tuple(replace(record, article=slim) for record in records)


def _guarded(work: ArticleWork[T], articles: Sequence[Article]) -> list[T | SkippedInput]:
    """`work` done on `articles`; a fault inside the analysis skips the article at fault, never the others."""
    try:
        return [*work(articles)]
    except Exception as error:  # one article's fault must not stop the others
        if len(articles) > 1:  # find the article at fault: each again on its own
            return [result for article in articles for result in _guarded(work, [article])]
        reason = f"{type(error).__name__}: {error}"
        path = articles[0].path
        return [SkippedInput(path, f"{path}: could not be analysed ({reason}); please report it with this file")]


def _compactly_each(articles: Sequence[Article]) -> list[AnalysedArticle]:
    return [compact(analysed) for analysed in analyse_each(articles)]


def held_each(articles: Sequence[Article]) -> list[HeldArticle]:
    """Analyse each article into what the event store keeps of it: its events, with the stems the merge compares."""
    analysed = analyse_each(articles)
    stems = [[content_stems(event.text) for event in each.events] for each in analysed]
    return [held_article(each.article, each.events, of_each) for each, of_each in zip(analysed, stems, strict=True)]


@dataclass(frozen=True)
class ArticleMentions:
    """One article, without its body, and every date mention it holds, in text order."""

    article: Article
    mentions: tuple[MentionRecord, ...]


def mentions_each(articles: Sequence[Article]) -> list[ArticleMentions]:
    """Find, resolve and place every date mention of each article; no events, which a mention list never reads."""
    placed = _placed_mentions_each(articles)
    return [ArticleMentions(*_without_body(each, records)) for each, records in zip(articles, placed, strict=True)]


@dataclass(frozen=True)
class ArticleCounts:
    """One article, without its body, with how many date mentions it holds and how many events they date."""

    article: Article
    mentions: int
    events: int


def counts_each(articles: Sequence[Article]) -> list[ArticleCounts]:
    """Analyse each article and keep only how many mentions and events it holds."""
    return [
        ArticleCounts(replace(each.article, body=""), len(each.mentions), len(each.events))
        for each in analyse_each(articles)
    ]


def _worked_files(
    work: ArticleWork[T], paths: Sequence[str], published: date | None, stdin: Callable[[], bytes] | None = None
) -> list[T | SkippedInput]:
    """Load the files `paths` and do `work` on their articles together: per file, in order, its result or why not."""
    loaded = [load_article(path, published, stdin) for path in paths]
    results = _guarded(work, [item for item in loaded if not isinstance(item, SkippedInput)])
    done = iter(results)
    return [item if isinstance(item, SkippedInput) else next(done) for item in loaded]


def _chunks(paths: Sequence[str], jobs: int) -> list[Sequence[str]]:
    """The paths cut into chunks for `jobs` processes."""
    size = max(_SMALLEST_CHUNK, min(_LARGEST_CHUNK, len(paths) // (jobs * _CHUNKS_PER_PROCESS)))
    return [paths[start : start + size] for start in range(0, len(paths), size)]


def _each_file(
    work: ArticleWork[T], files: Sequence[str], published: date | None, stdin: Callable[[], bytes] | None, jobs: int
) -> Iterator[T | SkippedInput]:
    """`work` done on each file, in the order of `files`, a chunk at a time, in `jobs` processes when worth it."""
    if _worth_processes(files, jobs):
        for results in in_forks(partial(_worked_files, work, published=published), _chunks(files, jobs), jobs):
            yield from results
        return
    for chunk in _chunks(files, 1):
        yield from _worked_files(work, chunk, published, stdin)


def _worth_processes(files: Sequence[str], jobs: int) -> bool:
    """Whether to share the files among `jobs` processes: not for standard input, nor for a chunk's worth."""
    return jobs > 1 and STDIN not in files and len(files) > _SMALLEST_CHUNK


def default_jobs() -> int:
    """The number of processes to use when not told: one per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _results(
    work: ArticleWork[T],
    files: Sequence[str],
    published: date | None,
    stdin: Callable[[], bytes] | None,
    jobs: int,
    progress: Progress | None,
    skipped: list[SkippedInput],
) -> Iterator[T]:
    """`work` done on each file, in order, as it comes; the inputs skipped are put in `skipped`."""
    results = _each_file(work, files, published, stdin, jobs)
    return _tallied(results, len(files), progress, skipped)


def _tallied(
    items: Iterable[T | SkippedInput], files: int, progress: Progress | None, skipped: list[SkippedInput]
) -> Iterator[T]:
    """The results of `items` (one per file, of `files`), the skipped inputs put in `skipped`, progress told."""
    for done, item in enumerate(items, start=1):
        if isinstance(item, SkippedInput):
            skipped.append(item)
        else:
            yield item
        if progress is not None:
            progress(done, files)


def analyse_all(
    paths: Iterable[str],
    published: date | None = None,
    stdin: Callable[[], bytes] | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> tuple[list[AnalysedArticle], list[SkippedInput]]:
    """Analyse every article under `paths`; unusable inputs are returned, not raised."""
    skipped: list[SkippedInput] = []
    analysed = list(_results(_compactly_each, list(find_files(paths)), published, stdin, jobs, progress, skipped))
    return analysed, skipped


def build_timeline(
    paths: Iterable[str],
    published: date | None = None,
    stdin: Callable[[], bytes] | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Timeline:
    """Read the articles under `paths` and return their merged chronology and every mention, all in memory."""
    with _no_gc_pauses():
        analysed, skipped = analyse_all(paths, published, stdin, jobs, progress)
        entries = merge(event for item in analysed for event in item.events)
    return Timeline(tuple(entries), tuple(analysed), tuple(skipped))


@dataclass(frozen=True)
class ArticleStream:
    """The article files under some paths, analysed a chunk at a time, in path order, as the caller reads them.

    Nothing is kept past its chunk: each result is handed on as it comes, and each input that cannot be used is
    put aside in `skipped`, complete once the results have all been read.
    """

    files: tuple[str, ...]
    published: date | None = None
    stdin: Callable[[], bytes] | None = None
    jobs: int = 1
    skipped: list[SkippedInput] = field(default_factory=list)

    def each(self, work: ArticleWork[T], progress: Progress | None = None) -> Iterator[T]:
        """The results of `work` (on a chunk of articles; a module-level function, for the forks), in path order."""
        return _results(work, self.files, self.published, self.stdin, self.jobs, progress, self.skipped)


def stream_articles(
    paths: Iterable[str], published: date | None = None, stdin: Callable[[], bytes] | None = None, jobs: int = 1
) -> ArticleStream:
    """The articles under `paths`, found now and analysed only as the stream is read."""
    return ArticleStream(tuple(find_files(paths)), published, stdin, jobs)


@dataclass(frozen=True)
class Chronology:
    """The chronology of a run whose events wait in a store: entries are merged one date at a time as read."""

    store: EventStore
    skipped: tuple[SkippedInput, ...]
    jobs: int = 1

    @property
    def articles_count(self) -> int:
        """How many articles were analysed (skipped inputs left out)."""
        return self.store.articles_count

    def articles(self) -> Iterator[Article]:
        """Each analysed article, without its body, in path order."""
        return self.store.articles()

    def articles_to_note(self, today: date) -> Iterator[Article]:
        """The analysed articles with notes, or published after `today`, in path order: those to tell the user about.

        Few articles have any: a large archive's are found without reading every article back.
        """
        return self.store.articles_to_note(today)

    def entries(self, progress: Progress | None = None) -> Iterator[TimelineEntry]:
        """The merged chronology in date order, the same as `build_timeline` gives, built as it is read.

        `progress`, if given, is told (events merged, all events) after each date.
        """
        weight = self._weight()
        merged = 0
        with _no_gc_pauses():
            for on_date in self.store.dates():
                yield from merge_date(on_date, weight)
                merged += len(on_date)
                if progress is not None:
                    progress(merged, self.store.events_count)

    def rendered(self, render: Callable[[TimelineEntry], T | None], progress: Progress | None = None) -> Iterator[T]:
        """`render(entry)` for each entry of `entries()`, in that order, None left out, found in `jobs` processes.

        Ranges of dates are merged and rendered in this process and forks of it, so `render` must
        not depend on the order it is called in, and what it returns must pickle. `progress` is
        told as by `entries()`, after each range.
        """
        if self.jobs <= 1 or self.store.events_count <= _EVENTS_PER_BATCH:
            yield from _rendered_entries(self.entries(progress), render)
            return
        work = partial(_merge_and_render, self.store, self._weight(), render)
        merged = 0
        with _no_gc_pauses():  # in this process and the forks, which start paused
            for events, parts in in_forks(work, self.store.date_ranges(_EVENTS_PER_BATCH), self.jobs):
                yield from parts
                merged += events
                if progress is not None:
                    progress(merged, self.store.events_count)

    def _weight(self) -> dict[str, float]:
        return stem_weights(self.store.stem_frequency, self.store.events_count)


def _rendered_entries(entries: Iterable[TimelineEntry], render: Callable[[TimelineEntry], T | None]) -> Iterator[T]:
    return (part for part in map(render, entries) if part is not None)


def _merge_and_render(
    store: EventStore, weight: dict[str, float], render: Callable[[TimelineEntry], T | None], dates: DatesToMerge
) -> tuple[int, list[T]]:
    """Merge each date of a range of the store and render its entries: (events merged, what they rendered to)."""
    events = 0
    parts: list[T] = []
    with _no_gc_pauses():
        for on_date in store.dates_in(dates):
            events += len(on_date)
            parts.extend(_rendered_entries(merge_date(on_date, weight), render))
    return events, parts


@contextmanager
def chronicle(
    paths: Iterable[str],
    published: date | None = None,
    stdin: Callable[[], bytes] | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Iterator[Chronology]:
    """Analyse the articles under `paths` into a store and yield their chronology, open until the end.

    Memory holds the events up to the store's budget, then the stem counts and one date's events,
    not the corpus: the way to a large archive.
    """
    store = EventStore()
    try:
        files = list(find_files(paths))
        skipped: list[SkippedInput] = []
        with _no_gc_pauses():
            for analysed in _results(held_each, files, published, stdin, jobs, progress, skipped):
                store.add(analysed)
        yield Chronology(store, tuple(skipped), jobs)
    finally:
        store.close()


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Pause the cycle collector while the run builds its (acyclic) records.

    Its full passes rescan every record kept so far, which made large runs superlinear: a third of
    the time of 10,000 articles. Reference counting still frees everything as usual. On resuming,
    the records made meanwhile are moved to the oldest generation unscanned (`_promote_unscanned`).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _promote_unscanned()
            gc.enable()


def _promote_unscanned() -> None:
    """Move every object the cycle collector tracks to its oldest generation, without a pass over them.

    All the records made while it was paused wait in its youngest generation: the first allocation
    after it resumes would walk them all (0.16 s after 10,000 articles), to free nothing. Freezing
    and thawing moves them at once. Skipped if something else keeps objects frozen: thawing would
    take them out of the freeze too.
    """
    if not gc.get_freeze_count():
        gc.freeze()
        gc.unfreeze()

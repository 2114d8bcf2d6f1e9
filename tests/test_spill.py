"""The chronology merged from events kept in the store, in memory or spilled to disk, is the one merged in memory."""

from __future__ import annotations

import io
import os
import sqlite3
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from csto_timeline import pipeline, spill, store
from csto_timeline.errors import TimelineError
from csto_timeline.exporters.json_format import entry_text, write_entries
from csto_timeline.merge import content_stems
from csto_timeline.models import Article, TimelineEntry
from csto_timeline.pipeline import Timeline, analyse, chronicle
from csto_timeline.spill import EventSpill, SpillReader, pack_article
from tests.conftest import ARTICLES, ROOT


def as_json(entries: object) -> str:
    out = io.StringIO()
    write_entries(entries, out)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.fixture
def on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stores move to disk with their first event: the spill's way, which only a large archive takes otherwise."""
    monkeypatch.setattr(store, "_EVENTS_IN_MEMORY", 0)


@pytest.mark.parametrize("kept", ["in memory", "on disk"])
def test_chronicle_gives_the_in_memory_chronology_of_the_seeds(
    seed_timeline: Timeline, kept: str, request: pytest.FixtureRequest
) -> None:
    if kept == "on disk":
        request.getfixturevalue("on_disk")
    with chronicle([str(ARTICLES)]) as chronology:
        assert (chronology.store.spill is not None) == (kept == "on disk")
        spilled = list(chronology.entries())
        assert chronology.articles_count == len(seed_timeline.articles) == 5
        assert [article.name for article in chronology.articles()] == [
            item.article.name for item in seed_timeline.articles
        ]
        assert all(article.body == "" for article in chronology.articles())
    assert len(spilled) == len(seed_timeline.entries) > 20
    assert as_json(spilled) == as_json(seed_timeline.entries)


def test_entries_can_be_read_twice_while_the_chronology_is_open() -> None:
    with chronicle([str(ARTICLES)]) as chronology:
        first = [entry.event for entry in chronology.entries()]
        assert [entry.event for entry in chronology.entries()] == first


@pytest.mark.parametrize(
    ("body", "expressions"),
    [
        ("The Taliban seized power in Afghanistan on 15 August, causing the government to fall.", 1),
        ("The Taliban took Kabul on August 15, and on 15 August the government fell apart completely.", 2),
        # expressions without a tense, first and among the others
        ("The Taliban seized power in Afghanistan in 2021, causing the government to fall.", 1),
        ("The Taliban took Kabul yesterday and on August 22 the government fell apart completely.", 2),
    ],
)
def test_an_event_comes_back_from_the_spill_as_it_went_in(body: str, expressions: int) -> None:
    article = Article("dir/a.txt", "a.txt", body, date(2021, 8, 23), "header", source="TASS", title="T", url="u")
    events = [
        replace(event, expressions=tuple(replace(m, fields=()) for m in event.expressions))
        for event in analyse(article).events
    ]
    spill = EventSpill()
    try:
        spill.add(pack_article(article, events, [content_stems(event.text) for event in events]))
        (restored,) = list(spill.dates())
    finally:
        spill.close()
    assert [len(event.expressions) for event in events] == [expressions]
    assert [event for event, _ in restored] == [replace(event, article=replace(article, body="")) for event in events]
    assert [stems for _, stems in restored] == [content_stems(event.text) for event in events]
    assert spill.events_count == 1 and spill.stem_frequency["taliba"] == 1


@pytest.mark.usefixtures("on_disk")
def test_a_file_name_that_is_not_utf8_goes_through_the_spill(tmp_path: Path) -> None:
    seed = sorted(ARTICLES.glob("*.txt"))[0]
    name = os.fsdecode(b"caf\xe9.txt")  # a lone surrogate in Python: SQLite text could not hold it
    (tmp_path / name).write_bytes(seed.read_bytes())
    with chronicle([str(tmp_path)]) as chronology:
        entries = list(chronology.entries())
    assert entries and {event.article.name for entry in entries for event in entry.events} == {name}


def test_entries_are_timeline_entries() -> None:
    with chronicle([str(ARTICLES)]) as chronology:
        assert all(isinstance(entry, TimelineEntry) for entry in chronology.entries())


def test_text_lines_spooled_on_disk_come_out_aligned_as_in_memory(
    seed_timeline: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csto_timeline.exporters import text_format

    in_memory = io.StringIO()
    text_format.write_entries(iter(seed_timeline.entries), in_memory)
    monkeypatch.setattr(text_format, "_SPOOL_BYTES", 1)  # past the first line, the spool is a file on disk
    on_disk = io.StringIO()
    text_format.write_entries(iter(seed_timeline.entries), on_disk)
    assert on_disk.getvalue() == in_memory.getvalue() == (ROOT / "tests" / "golden" / "entries.text").read_text()


def test_a_failing_temporary_database_is_one_clear_error() -> None:
    spill = EventSpill()
    spill.close()  # any sqlite3.Error will do: a full disk cannot be staged here
    article = Article("a.txt", "a.txt", "", date(2021, 8, 23), "header")
    with pytest.raises(TimelineError, match=r"cannot keep the events on disk while merging.*TMPDIR"):
        spill.add(pack_article(article, [], []))  # held back: stored with the next batch, or before reading
        list(spill.dates())


def test_merging_reports_events_merged_of_all_events_after_each_date(seed_timeline: Timeline) -> None:
    reported: list[tuple[int, int]] = []
    with chronicle([str(ARTICLES)]) as chronology:
        entries = list(chronology.entries(lambda done, total: reported.append((done, total))))
    events = sum(len(item.events) for item in seed_timeline.articles)
    dates = len({entry.date.value for entry in entries})
    assert len(reported) == dates
    assert {total for _, total in reported} == {events}
    assert [done for done, _ in reported] == sorted({done for done, _ in reported})
    assert reported[-1] == (events, events)


def test_the_spill_file_lives_as_long_as_the_spill() -> None:
    spill = EventSpill()
    assert os.path.isfile(spill.path)
    spill.close()
    assert not os.path.exists(spill.path)


@pytest.mark.parametrize("events", [1, 5, 40, 10_000])
def test_date_ranges_read_back_by_another_connection_give_every_date_once(events: int) -> None:
    with chronicle([str(ARTICLES)]) as chronology:
        on_disk = chronology.store.on_disk()
        whole = [[event for event, _ in on_date] for on_date in on_disk.dates()]
        ranges = list(on_disk.date_ranges(events))
        reader = SpillReader(on_disk.path)
        by_range = [[[event for event, _ in on_date] for on_date in reader.dates(dates)] for dates in ranges]
    assert [on_date for dates in by_range for on_date in dates] == whole
    assert [dates.events for dates in ranges] == [sum(map(len, dates)) for dates in by_range]
    assert all(held >= events for held in [dates.events for dates in ranges][:-1])
    # Whole dates only: a range never holds more than it must to reach `events`.
    assert all(sum(map(len, dates[:-1])) < events for dates in by_range)
    assert len(ranges) == {1: len(whole), 10_000: 1}.get(events, len(ranges)) and len(whole) > 10


@pytest.mark.parametrize("kept", ["in memory", "on disk"])
def test_rendering_in_processes_gives_the_entries_rendered_in_order(
    monkeypatch: pytest.MonkeyPatch, kept: str, request: pytest.FixtureRequest
) -> None:
    if kept == "on disk":
        request.getfixturevalue("on_disk")
    monkeypatch.setattr(pipeline, "_EVENTS_PER_BATCH", 3)  # many ranges, over both processes
    reported: list[tuple[int, int]] = []
    with chronicle([str(ARTICLES)], jobs=2) as chronology:
        in_order = [entry_text(entry) for entry in chronology.entries() if entry.date.granularity == "day"]
        rendered = list(chronology.rendered(_day_entry_text, lambda done, total: reported.append((done, total))))
        total = chronology.store.events_count
    assert rendered == in_order and len(in_order) > 10
    assert len(reported) > 5 and reported[-1] == (total, total)
    assert [done for done, _ in reported] == sorted({done for done, _ in reported})


def _day_entry_text(entry: TimelineEntry) -> str | None:
    return entry_text(entry) if entry.date.granularity == "day" else None


@pytest.mark.usefixtures("on_disk")
def test_a_reader_that_stops_early_leaves_no_work_running(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "_EVENTS_PER_BATCH", 1)
    with chronicle([str(ARTICLES)], jobs=2) as chronology:
        texts = chronology.rendered(entry_text)
        first = next(texts)
        texts.close()  # a closed pipe: the forks are stopped, and waited for
        assert first == entry_text(next(iter(chronology.entries())))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child process left, running or not reaped


def test_no_temporary_folder_for_the_spill_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_folder(*args: object, **kwargs: object) -> tuple[int, str]:
        raise FileNotFoundError(2, "No usable temporary directory found")

    monkeypatch.setattr(tempfile, "mkstemp", no_folder)
    with pytest.raises(TimelineError, match=r"cannot keep the events on disk.*No usable temporary directory.*TMPDIR"):
        EventSpill()


def _same_story_in_many_folders(root: Path, folders: int) -> list[str]:
    """`story.txt` in each folder: the same name, date and wording, told by a different outlet each time."""
    for number in range(folders):
        folder = root / f"d{number:02d}"
        folder.mkdir()
        (folder / "story.txt").write_text(
            f"---\npublished: 2021-08-20\nsource: Outlet {number:02d}\n---\n"
            f"On 15 August the guards closed border post {number:02d} after heavy fighting nearby.\n"
        )
    return [str(root / f"d{number:02d}") for number in range(folders)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_events_tied_in_chronology_order_keep_the_order_of_the_inputs(tmp_path: Path, jobs: int) -> None:
    """Same date, publication day, file name and offset: only the input order tells the events apart.

    With several processes each storing its own articles, the order they are stored in is not the input order.
    """
    folders = _same_story_in_many_folders(tmp_path, 40)
    with chronicle(folders, jobs=jobs) as chronology:
        (entry,) = [entry for entry in chronology.entries() if entry.date.value == "2021-08-15"]
        assert chronology.articles_count == 40
        assert [article.source for article in chronology.articles()] == [f"Outlet {n:02d}" for n in range(40)]
    assert [event.article.source for event in entry.events] == [f"Outlet {n:02d}" for n in range(40)]


@pytest.mark.usefixtures("on_disk")
def test_a_spill_that_cannot_be_written_while_processes_analyse_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk stops the run with its hint, and the forks analysing with it."""

    def full_disk(*args: object) -> None:
        with spill._disk_errors():
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(spill, "_insert", full_disk)
    monkeypatch.setattr(spill, "_ROWS_PER_INSERT", 1)  # each article is inserted as it comes: mid-analysis
    folders = _same_story_in_many_folders(tmp_path, 40)
    full = r"cannot keep the events on disk while merging \(database or disk is full\); free some space"
    with (
        pytest.raises(TimelineError, match=full),
        chronicle(folders, jobs=2),
    ):
        pass
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the forks were stopped, and waited for


def test_an_event_without_content_stems_comes_back_without_any() -> None:
    body = "The border was closed on 15 August by the guards there."
    article = Article("a.txt", "a.txt", body, date(2021, 8, 23), "header")
    events = analyse(article).events
    spill = EventSpill()
    try:
        spill.add(pack_article(article, events, [frozenset()] * len(events)))
        (restored,) = list(spill.dates())
    finally:
        spill.close()
    assert len(restored) == 1 and [stems for _, stems in restored] == [frozenset()]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("kept", ["in memory", "on disk"])
def test_the_articles_to_note_are_those_with_notes_or_a_future_date(
    tmp_path: Path, jobs: int, kept: str, request: pytest.FixtureRequest
) -> None:
    """Found without reading every article back; the rest, most of an archive, are left out."""
    if kept == "on disk":
        request.getfixturevalue("on_disk")
    for number in range(20):
        header = {3: "published: 2021-09-01\nauthor: A. Writer", 11: "published: 2031-01-01"}.get(
            number, "published: 2021-08-20"
        )
        (tmp_path / f"a{number:02d}.txt").write_text(f"---\n{header}\n---\nOn 15 August the guards closed the post.\n")
    with chronicle([str(tmp_path)], jobs=jobs) as chronology:
        assert (chronology.store.spill is not None) == (kept == "on disk")
        noted = [(article.name, article.published) for article in chronology.articles_to_note(date(2030, 12, 31))]
        later = [article.name for article in chronology.articles_to_note(date(2031, 1, 1))]
    assert noted == [("a03.txt", date(2021, 9, 1)), ("a11.txt", date(2031, 1, 1))]
    assert later == ["a03.txt"]

"""`mentions` and `articles` stream: each article is analysed when its result is asked for, and nothing is kept."""

from __future__ import annotations

import gc
import io
from pathlib import Path

import pytest

from csto_timeline import pipeline
from csto_timeline.output import held_until_success
from csto_timeline.pipeline import Timeline, counts_each, mentions_each, stream_articles
from tests.conftest import ARTICLES
from tests.fixtures.bad_inputs import HEADER, STORY, write_files


def test_streamed_mentions_are_those_of_the_in_memory_run(seed_timeline: Timeline) -> None:
    streamed = list(stream_articles([str(ARTICLES)]).each(mentions_each))
    assert [item.mentions for item in streamed] == [item.mentions for item in seed_timeline.articles]
    assert {item.article.body for item in streamed} == {""}


def test_articles_are_read_a_chunk_at_a_time_when_their_results_are_asked_for(tmp_path: Path) -> None:
    chunk = pipeline._SMALLEST_CHUNK
    write_files(tmp_path, {f"{index:02d}.txt": (HEADER + STORY).encode() for index in range(2 * chunk)})
    results = stream_articles([str(tmp_path)]).each(mentions_each)
    first = next(results)
    (tmp_path / f"{chunk - 1:02d}.txt").write_text(HEADER + "It rained on 1 May 2003, officials said.\n")
    (tmp_path / f"{chunk:02d}.txt").write_text(HEADER + "It rained on 1 May 2003, officials said.\n")
    dates = [[record.date.value for record in item.mentions] for item in [first, *results]]
    assert dates[: chunk + 1] == [["2021-08-15"]] * chunk + [["2003-05-01"]]  # the first chunk was read at once
    assert dates[chunk + 1 :] == [["2021-08-15"]] * (chunk - 1)


@pytest.mark.parametrize("jobs", [1, 2])
def test_skipped_inputs_are_set_aside_in_path_order_as_the_stream_is_read(tmp_path: Path, jobs: int) -> None:
    files = {f"{index:02d}.txt": (HEADER + STORY).encode() if index % 7 else b"" for index in range(40)}
    write_files(tmp_path, files)
    stream = stream_articles([str(tmp_path)], jobs=jobs)
    assert stream.skipped == []
    counted = list(stream.each(counts_each))
    assert [item.article.name for item in counted] == [name for name, text in files.items() if text]
    assert {(item.mentions, item.events) for item in counted} == {(1, 1)}
    assert [Path(item.path).name for item in stream.skipped] == [f"{index:02d}.txt" for index in range(0, 40, 7)]


def test_held_output_reaches_the_stream_only_when_the_block_succeeds() -> None:
    out = io.StringIO()
    with pytest.raises(ZeroDivisionError), held_until_success(out) as held:
        held.write("half of it\n")
        1 / 0  # noqa: B018
    assert out.getvalue() == ""
    with held_until_success(out) as held:
        held.write("all of it, \u00e9t\u00e9\n")
    assert out.getvalue() == "all of it, \u00e9t\u00e9\n"


def test_records_made_while_the_collector_pauses_are_not_walked_when_it_resumes() -> None:
    """They are moved to the oldest generation: no young collection is due, and it would not hold them."""
    if gc.get_freeze_count():
        pytest.skip("objects are frozen already: the records stay young, as they must (next test)")
    with pipeline._no_gc_pauses():
        records = [[number] for number in range(20_000)]
    assert gc.isenabled()
    assert gc.get_count()[0] < gc.get_threshold()[0]
    oldest = {id(each) for each in gc.get_objects(generation=2)}
    assert all(id(record) in oldest for record in records[::1000])


def test_objects_frozen_by_someone_else_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with pipeline._no_gc_pauses():
            [[number] for number in range(1000)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()

"""Bad input and faults through the CLI: one line on stderr for each, the right exit code, nothing lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from csto_timeline import articles, cli, pipeline
from csto_timeline.articles import _OTHER_CONTROLS, control_count, read_article
from csto_timeline.exporters import FORMATS, Format
from csto_timeline.models import Article

from .conftest import ARTICLES, ROOT
from .fixtures.bad_inputs import HEADER, RUSSIAN, SILENT, SKIPPED, STORY, write_files, write_skipped

runner = CliRunner()


def invoke(*args: str, stdin: bytes | str | None = None):
    return runner.invoke(cli.app, list(args), input=stdin)


def mentions_of(*args: str) -> list[dict]:
    result = invoke("mentions", "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def copy_seeds(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in ARTICLES.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)


# --- inputs that are skipped: one line each, exit 1, the others go on ------------------------


@pytest.mark.parametrize("name", sorted(SKIPPED))
def test_bad_file_is_skipped_with_its_reason_and_the_rest_go_on(tmp_path: Path, name: str) -> None:
    content, message = SKIPPED[name]
    write_files(tmp_path, {name: content, "good.txt": (HEADER + STORY).encode()})
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 1
    assert f"timeline: {tmp_path / name}: {message}" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout.startswith("2021-08-15 ")


def test_empty_standard_input_is_named_stdin() -> None:
    result = invoke("show", "-", "--published", "2021-08-23", stdin="")
    assert result.exit_code == 1
    assert "timeline: <stdin>: empty file (0 bytes); add the article's text" in result.stderr


def test_bytes_that_fit_no_encoding_are_skipped(tmp_path: Path) -> None:
    noise = bytes(range(128, 256)) * 20
    (tmp_path / "latin.txt").write_bytes(noise)
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 1
    assert f"timeline: {tmp_path / 'latin.txt'}: not UTF-8 and no text encoding fits; convert it to UTF-8" in (
        result.stderr
    )


def test_missing_path_is_named(tmp_path: Path) -> None:
    result = invoke("show", str(tmp_path / "nowhere.txt"), str(ARTICLES))
    assert result.exit_code == 1
    assert f"{tmp_path / 'nowhere.txt'}: file cannot be read (No such file or directory)" in result.stderr
    assert "2021-08-15" in result.stdout


def _before_each_read(monkeypatch: pytest.MonkeyPatch, hook) -> None:  # type: ignore[no-untyped-def]
    """Run `hook(path)` before the core reads any file, as another process or the file system might."""
    real_read = articles._read_bytes

    def read(path: str) -> bytes:
        hook(Path(path))
        return real_read(path)

    monkeypatch.setattr(articles, "_read_bytes", read)


def test_unreadable_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, who may read anything: simulate the refusal the file system would give.
    write_files(tmp_path, {"locked.txt": (HEADER + STORY).encode(), "open.txt": (HEADER + STORY).encode()})

    def refuse_locked(path: Path) -> None:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))

    _before_each_read(monkeypatch, refuse_locked)
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 1
    assert f"timeline: {tmp_path / 'locked.txt'}: file cannot be read (Permission denied); check it exists" in (
        result.stderr
    )
    assert "2021-08-15" in result.stdout


def test_file_vanishing_mid_run_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path, {"a.txt": (HEADER + STORY).encode(), "b.txt": (HEADER + STORY).encode()})

    def delete_b_when_reading_a(path: Path) -> None:
        if path.name == "a.txt":
            (tmp_path / "b.txt").unlink()

    _before_each_read(monkeypatch, delete_b_when_reading_a)
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 1
    assert f"timeline: {tmp_path / 'b.txt'}: file cannot be read (No such file or directory)" in result.stderr
    assert result.stdout.startswith("2021-08-15 ")


def test_unlistable_folder_is_named_not_silently_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path / "locked", {"a.txt": (HEADER + STORY).encode()})
    write_files(tmp_path, {"b.txt": (HEADER + STORY).encode()})
    real_scandir = os.scandir

    def refuse_locked(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 1
    assert f"timeline: {tmp_path / 'locked'}: folder cannot be read (Permission denied)" in result.stderr


def test_symlink_loop_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    write_files(tmp_path, {"good.txt": (HEADER + STORY).encode()})
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 1
    assert f"timeline: {tmp_path / 'a.txt'}: file cannot be read (Too many levels of symbolic links)" in result.stderr
    assert result.stdout.startswith("2021-08-15 ")


def test_strict_makes_a_skipped_input_fatal_before_any_output(tmp_path: Path) -> None:
    write_files(tmp_path, {"empty.txt": b"", "good.txt": (HEADER + STORY).encode()})
    target = tmp_path / "out" / "chronology.csv"
    target.parent.mkdir()
    result = invoke("export", "--csv", "--strict", "-o", str(target), str(tmp_path / "empty.txt"), str(tmp_path))
    assert result.exit_code == 1
    assert "timeline: 1 input(s) skipped; nothing written (--strict)" in result.stderr
    assert not target.exists()
    assert result.stdout == ""


@pytest.mark.parametrize("command", [["mentions", "--format", "json"], ["mentions", "--format", "text"], ["articles"]])
def test_strict_streaming_commands_write_nothing_to_standard_output(tmp_path: Path, command: list[str]) -> None:
    """The good article comes first and is written as it comes, yet --strict must leave stdout empty."""
    write_files(tmp_path, {"a_good.txt": (HEADER + STORY).encode(), "b_empty.txt": b""})
    result = invoke(*command, "--strict", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "timeline: 1 input(s) skipped; nothing written (--strict)"
    assert result.stdout == ""
    unstrict = invoke(*command, str(tmp_path))
    assert unstrict.exit_code == 1
    assert "a_good.txt" in unstrict.stdout
    assert unstrict.stderr == f"timeline: {tmp_path / 'b_empty.txt'}: {SKIPPED['empty.txt'][1]}\n"


def test_strict_mentions_leave_an_earlier_output_file_as_it_was(tmp_path: Path) -> None:
    write_files(tmp_path, {"a_good.txt": (HEADER + STORY).encode(), "b_empty.txt": b""})
    target = tmp_path / "out" / "mentions.jsonl"
    target.parent.mkdir()
    target.write_text("earlier\n")
    result = invoke("mentions", "--format", "jsonl", "--strict", "-o", str(target), str(tmp_path))
    assert result.exit_code == 1
    assert target.read_text() == "earlier\n"
    assert os.listdir(target.parent) == ["mentions.jsonl"]
    result = invoke("mentions", "--format", "jsonl", "-o", str(target), str(tmp_path))
    assert result.exit_code == 1
    assert json.loads(target.read_text())["expression"] == "August 15"


def test_a_folder_without_articles_writes_no_empty_json_array(tmp_path: Path) -> None:
    for command in (["mentions", "--format", "json"], ["articles"]):
        result = invoke(*command, str(tmp_path))
        assert result.exit_code == 2
        assert result.stderr == "timeline: no articles found; give a file or a folder of articles\n"
        assert result.stdout == ""


# --- inputs that are read, with a note when the user should know ----------------------------


def test_all_bad_files_leave_the_seed_chronology_unchanged(tmp_path: Path) -> None:
    copy_seeds(tmp_path / "seeds")
    copy_seeds(tmp_path / "mixed")
    write_skipped(tmp_path / "mixed")
    (tmp_path / "mixed" / "russian.txt").write_bytes((HEADER + RUSSIAN).encode("cp1251"))
    (tmp_path / "mixed" / "loop").symlink_to(tmp_path / "mixed")
    alone = invoke("export", "--json", str(tmp_path / "seeds"))
    mixed = invoke("export", "--json", str(tmp_path / "mixed"))
    assert alone.exit_code == 0
    assert mixed.exit_code == 1
    assert json.loads(mixed.stdout) == json.loads(alone.stdout)
    skipped_lines = [line for line in mixed.stderr.splitlines() if "russian.txt" not in line]
    assert sorted(line.split(": ")[1] for line in skipped_lines) == sorted(
        str(tmp_path / "mixed" / name) for name in SKIPPED
    )
    assert "russian.txt: not UTF-8; read as cp1251 (detected)" in mixed.stderr


def test_hidden_and_backup_files_are_skipped_silently(tmp_path: Path) -> None:
    write_files(tmp_path, {name: (HEADER + "It rained on 1 May 2003, officials said.\n").encode() for name in SILENT})
    write_files(tmp_path, {"story.txt": (HEADER + STORY).encode()})
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "2003-05-01" not in result.stdout
    assert result.stdout.startswith("2021-08-15 ")


@pytest.mark.parametrize(
    ("encoding", "text", "detected"),
    [
        ("cp1251", RUSSIAN, "cp1251"),
        ("latin-1", "Le président a déclaré à Genève que la sécurité était assurée dès le début.\n", "cp1252"),
    ],
)
def test_non_utf8_text_is_read_and_the_encoding_named(tmp_path: Path, encoding: str, text: str, detected: str) -> None:
    article = HEADER + text + STORY
    (tmp_path / "story.txt").write_bytes(article.encode(encoding))
    result = invoke("mentions", "--format", "jsonl", str(tmp_path))
    assert result.exit_code == 0
    assert f"timeline: {tmp_path / 'story.txt'}: not UTF-8; read as {detected} (detected); save it as UTF-8" in (
        result.stderr
    )
    record = json.loads(result.stdout.splitlines()[-1])
    body = article.split("---\n", 2)[2]
    assert text in read_article("story.txt", article.encode(encoding)).body
    assert body[slice(*record["span"])] == record["expression"] == "August 15"


@pytest.mark.parametrize(
    ("encoded", "note"),
    [
        (b"\xef\xbb\xbf" + (HEADER + STORY).encode(), ""),
        ((HEADER + STORY).encode("utf-16"), "bom.txt: not UTF-8; read as utf-16 (detected)"),
    ],
)
def test_byte_order_mark_is_dropped_and_the_header_still_read(tmp_path: Path, encoded: bytes, note: str) -> None:
    (tmp_path / "bom.txt").write_bytes(encoded)
    result = invoke("mentions", "--format", "jsonl", str(tmp_path))
    assert result.exit_code == 0
    assert note in result.stderr
    assert len(result.stderr.splitlines()) == bool(note)
    record = json.loads(result.stdout)
    assert (record["published"], record["value"]) == ("2021-08-23", "2021-08-15")
    assert STORY[slice(*record["span"])] == "August 15"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_files_give_the_spans_of_their_lf_twin(tmp_path: Path, newline: str) -> None:
    seed = (ARTICLES / "003_969414e8ff3677b6.txt").read_text()
    (tmp_path / "lf.txt").write_bytes(seed.encode())
    (tmp_path / "other.txt").write_bytes(seed.replace("\n", newline).encode())
    lf = mentions_of(str(tmp_path / "lf.txt"))
    other = mentions_of(str(tmp_path / "other.txt"))
    assert len(other) > 5
    assert [(r["span"], r["value"]) for r in other] == [(r["span"], r["value"]) for r in lf]
    # The body as an editor (or Python's text mode) shows it: every line break is one character.
    with open(tmp_path / "other.txt", encoding="utf-8") as handle:
        body = handle.read().split("---\n", 2)[2]
    assert all(body[slice(*r["span"])] == r["expression"] for r in other)


def test_unknown_header_keys_are_ignored_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("---\npublished: 2021-08-23\nauthor: A. Writer\nlang: en\n---\n" + STORY)
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 0
    assert f"timeline: {tmp_path / 'story.txt'}: header key 'author', 'lang' ignored; known keys: published" in (
        result.stderr
    )
    assert result.stdout.startswith("2021-08-15 ")


def test_future_publication_date_is_kept_with_a_note(tmp_path: Path) -> None:
    future = date.today() + timedelta(days=400)
    (tmp_path / "story.txt").write_text(f"---\npublished: {future}\n---\nThe ministers met on Monday in Dushanbe.\n")
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 0
    assert f"publication date {future} is in the future (today is {date.today()}); check it" in result.stderr
    assert result.stdout.strip()


def test_nonsense_dates_in_text_are_not_dates(tmp_path: Path) -> None:
    text = (
        "The talks were held on February 30 in Minsk. Troops left on 32 August, officials said. "
        "It will last until the year 99999, he joked. The form was dated 0000-00-00 by mistake. "
        "The summit opened on August 15 in Dushanbe.\n"
    )
    (tmp_path / "story.txt").write_text(HEADER + text)
    records = mentions_of(str(tmp_path))
    assert [(r["expression"], r["value"]) for r in records] == [("August 15", "2021-08-15")]


def test_symlink_loop_folder_and_deep_folders(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["d"] * 300)
    write_files(deep, {"deep.txt": (HEADER + STORY).encode()})
    (deep / "up").symlink_to(tmp_path)
    result = invoke("export", "--json", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [(e["date"], e["sources"]) for e in entries] == [("2021-08-15", ["deep.txt"])]


def test_a_file_reached_several_ways_is_read_once(tmp_path: Path) -> None:
    from csto_timeline.articles import find_files

    write_files(tmp_path / "news", {"story.txt": (HEADER + STORY).encode()})
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "again.txt").symlink_to(tmp_path / "news" / "story.txt")
    (tmp_path / "alias").symlink_to(tmp_path / "news")
    named = str(tmp_path / "news" / ".." / "news" / "story.txt")
    found = list(find_files([str(tmp_path / "alias"), str(tmp_path), named]))
    assert found == [str(tmp_path / "alias" / "story.txt")]


def test_ten_thousand_date_expressions(tmp_path: Path) -> None:
    days = [date(1990, 1, 1) + timedelta(days=i) for i in range(10_000)]
    lines = [f"On {d:%B} {d.day}, {d.year}, the committee met again to discuss the budget.\n" for d in days]
    (tmp_path / "many.txt").write_text(HEADER + "".join(lines))
    result = invoke("export", "--format", "jsonl", str(tmp_path))
    assert result.exit_code == 0
    dates = [json.loads(line)["date"] for line in result.stdout.splitlines()]
    assert dates == [d.isoformat() for d in days]


def _big_article(size: int) -> str:
    seed = "".join(path.read_text().split("---\n", 2)[2] for path in sorted(ARTICLES.glob("*.txt")))
    return HEADER + (seed * (size // len(seed) + 1))[:size]


def test_a_large_article_works(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(_big_article(1_000_000))
    result = invoke("export", "--json", str(tmp_path))
    assert result.exit_code == 0
    assert "2021-08-15" in [entry["date"] for entry in json.loads(result.stdout)]


@pytest.mark.slow
def test_a_50_mb_article_works(tmp_path: Path) -> None:
    # About 80 s of CPU and 380 MB of memory (recognition runs at ~1.5 s per MB): only with `pytest -m slow`.
    (tmp_path / "big.txt").write_text(_big_article(50_000_000))
    result = invoke("export", "--json", str(tmp_path))
    assert result.exit_code == 0
    assert "2021-08-15" in [entry["date"] for entry in json.loads(result.stdout)]


# --- options, outputs and faults -------------------------------------------------------------


def test_help_documents_the_exit_statuses() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.replace("│", " ").split())
    assert "Exit status: 0 all done, 1 done but some inputs were skipped (or an error stopped the run" in text
    assert "2 usage error, 130 interrupted" in text


def test_output_to_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.csv"
    result = invoke("export", "--csv", "-o", str(target), str(ARTICLES))
    assert result.exit_code == 1
    assert f"timeline: {target}: folder '{target.parent}' does not exist; create it or choose another -o path" in (
        result.stderr
    )


def test_output_to_a_folder(tmp_path: Path) -> None:
    result = invoke("export", "--csv", "-o", str(tmp_path), str(ARTICLES))
    assert result.exit_code == 1
    assert f"timeline: {tmp_path}: is a folder; give a file name to -o" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_full_disk() -> None:
    result = invoke("export", "--csv", "-o", "/dev/full", str(ARTICLES))
    assert result.exit_code == 1
    assert "timeline: /dev/full: cannot write (No space left on device); free some disk space" in result.stderr
    assert Path("/dev/full").is_char_device()


def test_output_to_a_device_is_written_directly() -> None:
    result = invoke("export", "--csv", "-o", os.devnull, str(ARTICLES))
    assert result.exit_code == 0
    assert Path(os.devnull).is_char_device()


def _failing_csv(error: BaseException) -> Format:
    def write_half_then_fail(entries, out) -> None:  # type: ignore[no-untyped-def]
        out.write("date,start\n" * 1000)
        raise error

    return Format("csv", "fails mid-way", write_half_then_fail)


@pytest.mark.parametrize(
    ("error", "status", "message"),
    [
        (KeyboardInterrupt(), 130, "timeline: interrupted; an -o file is left as it was"),
        (RuntimeError("disk on fire"), 1, "timeline: internal error (RuntimeError: disk on fire); rerun with --debug"),
        (OSError(28, "No space left on device"), 1, "cannot write (No space left on device); free some disk space"),
    ],
)
def test_failure_mid_write_leaves_the_earlier_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, status: int, message: str
) -> None:
    target = tmp_path / "chronology.csv"
    target.write_text("the earlier export\n")
    monkeypatch.setitem(FORMATS, "csv", _failing_csv(error))
    result = invoke("export", "--csv", "-o", str(target), str(ARTICLES))
    assert result.exit_code == status
    assert message in result.stderr
    assert target.read_text() == "the earlier export\n"
    assert [path.name for path in tmp_path.iterdir()] == ["chronology.csv"]


def test_a_bug_ends_in_one_line_and_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(pipeline, "chronicle", broken)  # the CLI imports it from there when a command runs
    result = invoke("show", str(ARTICLES))
    assert result.exit_code == 1
    assert result.stderr == (
        "timeline: internal error (ZeroDivisionError: division by zero); rerun with --debug to see the traceback\n"
    )
    debug = invoke("show", "--debug", str(ARTICLES))
    assert debug.exit_code != 0
    assert isinstance(debug.exception, ZeroDivisionError)


def test_debug_raises_a_core_error_with_its_traceback(tmp_path: Path) -> None:
    result = invoke("export", "--csv", "--debug", "-o", str(tmp_path / "no" / "x.csv"), str(ARTICLES))
    assert result.exit_code != 0
    assert type(result.exception).__name__ == "OutputError"


@pytest.mark.parametrize("command", [["export", "--csv"], ["mentions", "--format", "csv"]])
def test_closed_pipe_ends_quietly(tmp_path: Path, command: list[str]) -> None:
    days = [date(1990, 1, 1) + timedelta(days=i) for i in range(3000)]
    lines = [f"On {d:%B} {d.day}, {d.year}, the committee met again to discuss the budget.\n" for d in days]
    (tmp_path / "many.txt").write_text(HEADER + "".join(lines))  # far more output than a pipe holds
    timeline = [sys.executable, "-m", "csto_timeline", *command, str(tmp_path)]
    pipeline = subprocess.run(
        f"{' '.join(timeline)} | head -1; echo status=${{PIPESTATUS[0]}} >&2",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert pipeline.stdout.count("\n") == 1
    assert pipeline.stderr == "status=0\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_standard_output_is_a_clear_error() -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "csto_timeline", "show", str(ARTICLES)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    assert run.returncode == 1
    assert run.stderr == (
        "timeline: standard output: cannot write (No space left on device); check the disk and the permissions\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "someday soon"], "timeline: --since 'someday soon' is not a date; use a form like 2021-08-15"),
        (["--published", "2021-02-30"], "timeline: --published '2021-02-30' is not a date; write it as YYYY-MM-DD"),
    ],
)
def test_bad_option_values_are_usage_errors(args: list[str], message: str) -> None:
    result = invoke("show", str(ARTICLES), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_a_folder_with_no_articles_is_a_usage_error(tmp_path: Path) -> None:
    write_files(tmp_path, {".hidden.txt": (HEADER + STORY).encode(), "story.txt~": (HEADER + STORY).encode()})
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == "timeline: no articles found; give a file or a folder of articles\n"


def test_a_fault_analysing_one_article_skips_it_and_the_others_go_on(tmp_path, monkeypatch) -> None:
    from csto_timeline import pipeline

    real_find_mentions = pipeline.find_mentions

    def fragile(text):
        if "explode" in text:
            raise RuntimeError("simulated fault")
        return real_find_mentions(text)

    monkeypatch.setattr(pipeline, "find_mentions", fragile)
    (tmp_path / "a.txt").write_text(
        "---\npublished: 2021-08-23\n---\nThe Taliban took Kabul on August 15, officials said.\n"
    )
    (tmp_path / "b.txt").write_text("---\npublished: 2021-08-23\n---\nThis will explode on Monday, officials said.\n")
    (tmp_path / "c.txt").write_text("---\npublished: 2021-08-23\n---\nThe envoys met on August 20, officials said.\n")
    result = invoke("show", "--jobs", "1", str(tmp_path))
    assert result.exit_code == 1
    assert "b.txt: could not be analysed (RuntimeError: simulated fault); please report it" in result.stderr
    # a.txt and c.txt were analysed in the same chunk as b.txt: the fault skips b.txt alone.
    assert [line[:10] for line in result.stdout.splitlines() if line[:4] == "2021"] == ["2021-08-15", "2021-08-20"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "--bogus"], "timeline: No such option: --bogus"),
        (["export", "--format", "nope"], "timeline: Invalid value for '--format' / '-f'"),
        (["show", "--jobs", "many"], "timeline: Invalid value for '--jobs' / '-j'"),
    ],
)
def test_option_parse_errors_are_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.run(argv)
    assert stop.value.code == 2
    stderr = capsys.readouterr().err
    assert stderr.startswith(message)
    assert stderr.count("\n") == 1
    assert stderr.rstrip().endswith(f"see 'timeline {argv[0]} --help'")


def test_entry_point_exits_with_the_command_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.run(["show", str(ARTICLES), "--since", "2021-08-15", "--until", "2021-08-15"])
    assert stop.value.code == 0
    assert "The Taliban seized power in Afghanistan on 15 August" in capsys.readouterr().out


@given(st.text(alphabet=st.characters(max_codepoint=300)) | st.text(alphabet=st.characters(max_codepoint=127)))
def test_control_characters_are_counted_as_the_regex_finds_them(text: str) -> None:
    """The byte count taken on ASCII text agrees with the regex that any other text is counted by."""
    assert control_count(text) == len(_OTHER_CONTROLS.findall(text))


def test_notes_are_told_when_several_processes_analyse(tmp_path: Path) -> None:
    """With --jobs 2 two processes analyse the articles: the noted ones are still found, and only they are named."""
    future = date.today() + timedelta(days=400)
    for number in range(20):
        published = future if number == 7 else date(2021, 8, 23)
        (tmp_path / f"s{number:02d}.txt").write_text(f"---\npublished: {published}\n---\n{STORY}")
    result = invoke("export", "--json", "--jobs", "2", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"timeline: {tmp_path / 's07.txt'}: publication date {future} is in the future (today is {date.today()}); "
        "check it"
    ]


def _dies_in_a_fork(parent: int, work: Callable[[Sequence[Article]], list], articles: Sequence[Article]) -> list:
    if os.getpid() != parent:
        os._exit(9)
    return work(articles)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no forks on this platform")
def test_a_killed_worker_process_is_one_line_and_leaves_the_output_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed mid-run (the out-of-memory killer, say): one line, status 1, and no -o file half written."""
    folder, out = tmp_path / "articles", tmp_path / "chronology.json"
    folder.mkdir()
    for number in range(200):  # chunks enough for the fork to claim some while this process works too
        (folder / f"s{number:03d}.txt").write_text(f"{HEADER}{STORY}")
    out.write_text("kept\n")
    monkeypatch.setattr(pipeline, "held_each", partial(_dies_in_a_fork, os.getpid(), pipeline.held_each))
    result = invoke("export", "--json", "--jobs", "2", str(folder), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "timeline: a worker process stopped before its work was done (killed, or out of memory); "
        "run again, or with fewer --jobs"
    ]
    assert out.read_text() == "kept\n"

"""The `timeline` command through Typer's CliRunner: exit codes, stdout data, stderr messages."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from csto_timeline.cli import app

from .conftest import ARTICLES, SHARED

runner = CliRunner()
ANSI = re.compile(r"\x1b\[")


def invoke(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_show_prints_plain_aligned_text_when_piped() -> None:
    result = invoke("show", str(ARTICLES))
    assert result.exit_code == 0, result.output
    assert not ANSI.search(result.stdout)
    lines = result.stdout.splitlines()
    assert any(line.startswith("2021-08-15 ") and "Taliban" in line for line in lines)
    assert any(line.startswith("2021-07-04/2021-07-05") for line in lines)


def test_show_one_article_since_a_date() -> None:
    result = invoke("show", str(ARTICLES / "003_969414e8ff3677b6.txt"), "--since", "2021-08-01")
    assert result.exit_code == 0
    dates = [line.split()[0] for line in result.stdout.splitlines()]
    assert dates == ["2021-08-15", "2021-08-23"]


def test_since_until_keep_only_entries_in_range() -> None:
    result = invoke("export", "--json", str(ARTICLES), "--since", "2021-08-01", "--until", "August 31, 2021")
    entries = json.loads(result.stdout)
    assert entries
    assert all(e["start"] >= "2021-08-01" and e["end"] <= "2021-08-31" for e in entries)


def test_export_csv_parses_with_the_csv_module() -> None:
    result = invoke("export", "--csv", str(ARTICLES))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:6] == ["date", "start", "end", "granularity", "event", "sources"]
    kabul = [row for row in rows if row["date"] == "2021-08-15"]
    assert len(kabul) == 1
    assert kabul[0]["sources"].count(";") == 2


def test_export_json_has_the_documented_shape() -> None:
    result = invoke("export", "--json", str(ARTICLES))
    entries = json.loads(result.stdout)
    june = next(e for e in entries if e["date"] == "2021-06")
    assert (june["start"], june["end"], june["granularity"]) == ("2021-06-01", "2021-06-30", "month")
    mention = june["mentions"][0]
    assert set(mention) >= {"article", "published", "expression", "span", "sentence"}
    assert mention["expression"] == "June"


def test_export_format_option_and_output_file(tmp_path) -> None:
    target = tmp_path / "chronology.jsonl"
    result = invoke("export", "--format", "jsonl", "-o", str(target), str(ARTICLES))
    assert result.exit_code == 0
    assert result.stdout == ""
    lines = target.read_text().splitlines()
    assert all(json.loads(line)["date"] for line in lines)


def test_conflicting_formats_are_a_usage_error() -> None:
    result = invoke("export", "--csv", "--json", str(ARTICLES))
    assert result.exit_code == 2
    assert "timeline: choose one output format" in result.stderr


def test_mentions_jsonl_spans_index_the_article_body() -> None:
    result = invoke("mentions", str(ARTICLES / "001_8bc1901eddcf3703.txt"), "--format", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    body = (ARTICLES / "001_8bc1901eddcf3703.txt").read_text().split("---\n", 2)[2]
    for record in records:
        start, end = record["span"]
        assert body[start:end] == record["expression"]
    july = next(r for r in records if r["expression"] == "July 4-5")
    assert (july["value"], july["start"], july["end"], july["granularity"]) == (
        "2021-07-04/2021-07-05",
        "2021-07-04",
        "2021-07-05",
        "range",
    )


def test_stdin_with_published_date() -> None:
    story = "Lavrov said on Thursday that the CSTO will respond to any attack on Tajikistan.\n"
    result = invoke("show", "-", "--published", "2021-07-09", stdin=story)
    assert result.exit_code == 0
    assert result.stdout.startswith("2021-07-08 ")


def test_headerless_article_date_inferred_and_reported(tmp_path) -> None:
    seed = SHARED / "seeds" / "004_61b43350eca94368.txt"
    (tmp_path / "tass.txt").write_text(seed.read_text())
    result = invoke("export", "--json", str(tmp_path))
    assert result.exit_code == 0
    assert "publication date 2021-08-23 from text" in result.stderr
    assert "2021-09-16" in [e["date"] for e in json.loads(result.stdout)]


def test_article_without_any_date_is_skipped_and_the_rest_go_on(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(
        "---\npublished: 2021-08-23\n---\nThe Taliban took Kabul on August 15, officials said.\n"
    )
    (tmp_path / "b.txt").write_text("Something happened on Monday, officials said, with no date anywhere.\n")
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 1
    assert "b.txt: no publication date; add 'published: YYYY-MM-DD'" in result.stderr
    assert result.stdout.startswith("2021-08-15 ")


def test_bad_published_option_is_a_usage_error() -> None:
    result = invoke("show", "-", "--published", "2021-13-45", stdin="On Monday it rained heavily in the city.")
    assert result.exit_code == 2
    assert "--published '2021-13-45' is not a date" in result.stderr


def test_every_command_has_help_with_an_example() -> None:
    for command in ("show", "export", "mentions"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout


@pytest.mark.parametrize(
    ("command", "least_lines"),
    [
        (["export", "--json"], 100),
        (["export", "--csv"], 26),
        (["export", "--format", "jsonl"], 25),
        (["export", "--json", "--grep", "taliban", "--since", "2021-08"], 100),
        (["stats"], 15),
        (["show"], 25),
        (["export", "--format", "markdown"], 25),
        (["export", "--format", "html"], 25),
        (["export", "--format", "timelinejs"], 100),
        (["mentions", "--format", "text"], 300),
        (["mentions", "--format", "csv"], 300),
        (["mentions", "--format", "json"], 3000),
        (["mentions", "--format", "jsonl"], 300),
        (["articles"], 41),
    ],
)
def test_jobs_1_and_jobs_2_write_byte_identical_output(
    tmp_path, monkeypatch: pytest.MonkeyPatch, command: list[str], least_lines: int
) -> None:
    """Enough copies of the seeds to be split over two processes; the output must not change.

    Exports merge and render in the processes too, in batches made small here so that there are many.
    """
    monkeypatch.setattr("csto_timeline.pipeline._EVENTS_PER_BATCH", 8)
    for copy in range(8):
        for seed in sorted(ARTICLES.glob("*.txt")):
            (tmp_path / f"{copy}_{seed.name}").write_bytes(seed.read_bytes())
    outputs = []
    for jobs in ("1", "2"):
        result = invoke(*command, "--jobs", jobs, str(tmp_path))
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") >= least_lines


def test_jobs_must_be_positive() -> None:
    result = invoke("show", "--jobs", "0", str(ARTICLES))
    assert result.exit_code == 2
    assert "--jobs" in result.output

"""Each reader-facing format obeys its consumer's rules: TimelineJS3, RFC 5545, SQLite, Markdown, HTML."""

from __future__ import annotations

import io
import json
import sqlite3
from collections import Counter
from contextlib import closing
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from typer.testing import CliRunner

from csto_timeline.cli import app
from csto_timeline.exporters import FORMATS
from csto_timeline.exporters.calendar import date_label, headline
from csto_timeline.exporters.ics_format import entry_uid
from csto_timeline.exporters.json_format import entry_text, indented
from csto_timeline.exporters.markdown_format import escape_markdown
from csto_timeline.exporters.records import entry_record
from csto_timeline.models import Article, DateMention, Event, Granularity, ResolvedDate, Tense, TimelineEntry
from csto_timeline.pipeline import Timeline

from .conftest import ARTICLES
from .make_golden import GOLDEN

runner = CliRunner()

# TimelineJS3's documented JSON format (timeline.knightlab.com/docs/json-format.html): a date object
# needs `year`, and may add month, day, hour...; a slide needs `start_date` and takes `text`
# {headline, text}, `end_date`, `group`, `display_date`; the document holds `events` and a `title` slide.
_DATE = {
    "type": "object",
    "required": ["year"],
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "display_date": {"type": "string"},
    },
    "dependentRequired": {"day": ["month"]},
    "additionalProperties": False,
}
_TEXT = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
TIMELINEJS_SCHEMA = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": {"type": "object", "properties": {"text": _TEXT}},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date"],
                "properties": {
                    "start_date": _DATE,
                    "end_date": _DATE,
                    "text": _TEXT,
                    "group": {"type": "string"},
                    "display_date": {"type": "string"},
                    "unique_id": {"type": "string"},
                    "autolink": {"type": "boolean"},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


def written(name: str, entries) -> str:
    out = io.StringIO()
    write = FORMATS[name].write_entries
    assert write is not None
    write(entries, out)
    return out.getvalue()


def _article(source: str = "Daily <News> & Co", url: str = "") -> Article:
    return Article("a.txt", "a.txt", "body", date(2021, 8, 23), "header", source, "A title", url)


def _entry(
    value: str, granularity: Granularity, start: date, end: date, text: str = "Talks <b>began</b> & ended."
) -> TimelineEntry:
    resolved = ResolvedDate(value, granularity, start, end)
    return TimelineEntry(resolved, text, (Event(_article(url="https://example.org/a?x=1&y=2"), resolved, text, ()),))


def test_timelinejs_document_validates_against_the_documented_schema(seed_timeline: Timeline) -> None:
    document = json.loads(written("timelinejs", seed_timeline.entries))
    jsonschema.validate(document, TIMELINEJS_SCHEMA)
    assert len(document["events"]) == len(seed_timeline.entries)


def test_timelinejs_dates_keep_only_the_fields_the_date_fixes(seed_timeline: Timeline) -> None:
    slides = {
        slide["display_date"]: slide for slide in json.loads(written("timelinejs", seed_timeline.entries))["events"]
    }
    assert slides["June 2021"]["start_date"] == {"year": 2021, "month": 6}
    assert "end_date" not in slides["June 2021"]
    assert slides["1996"]["start_date"] == {"year": 1996}
    assert slides["4–5 July 2021"]["start_date"] == {"year": 2021, "month": 7, "day": 4}
    assert slides["4–5 July 2021"]["end_date"] == {"year": 2021, "month": 7, "day": 5}
    kabul = slides["15 August 2021"]["text"]["text"]
    assert "Sputnik" in kabul and "TASS" in kabul and "EurAsian" not in kabul


def test_timelinejs_escapes_text_and_links_the_source() -> None:
    slide = json.loads(
        written("timelinejs", [_entry("2021-08-15", Granularity.DAY, date(2021, 8, 15), date(2021, 8, 15))])
    )["events"][0]
    assert "<b>" not in slide["text"]["text"] and "&lt;b&gt;began&lt;/b&gt; &amp; ended." in slide["text"]["text"]
    assert '<a href="https://example.org/a?x=1&amp;y=2">Daily &lt;News&gt; &amp; Co</a>' in slide["text"]["text"]


def test_ics_parses_back_with_one_all_day_vevent_per_entry(seed_timeline: Timeline) -> None:
    calendar = Calendar.from_ical(written("ics", seed_timeline.entries))
    events = calendar.walk("VEVENT")
    assert len(events) == len(seed_timeline.entries)
    for entry, event in zip(seed_timeline.entries, events, strict=True):
        assert event.decoded("dtstart") == entry.date.start
        assert event.decoded("dtend") == entry.date.end + timedelta(days=1)
        assert event["dtstart"].params["VALUE"] == "DATE"
        assert entry.event in str(event["description"])
    assert len({str(event["uid"]) for event in events}) == len(events)


def test_ics_month_spans_the_whole_month_with_an_exclusive_end(seed_timeline: Timeline) -> None:
    events = Calendar.from_ical(written("ics", seed_timeline.entries)).walk("VEVENT")
    june = next(e for e in events if e.decoded("dtstart") == date(2021, 6, 1))
    assert june.decoded("dtend") == date(2021, 7, 1)
    assert "\r\n" in written("ics", seed_timeline.entries)


def test_ics_uid_is_stable_and_depends_on_date_and_event() -> None:
    day = _entry("2021-08-15", Granularity.DAY, date(2021, 8, 15), date(2021, 8, 15))
    assert entry_uid(day) == entry_uid(_entry("2021-08-15", Granularity.DAY, date(2021, 8, 15), date(2021, 8, 15)))
    assert entry_uid(day) != entry_uid(_entry("2021-08-16", Granularity.DAY, date(2021, 8, 16), date(2021, 8, 16)))
    assert entry_uid(day) != entry_uid(
        _entry("2021-08-15", Granularity.DAY, date(2021, 8, 15), date(2021, 8, 15), "Other.")
    )


def test_markdown_has_a_heading_per_month_and_coarser_periods_apart(seed_timeline: Timeline) -> None:
    text = written("markdown", seed_timeline.entries)
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["1996", "October 2001", "February 2003"]
    assert Counter(headings)["August 2021"] == 1
    assert headings.index("July 2021") < headings.index("August 2021")
    bullets = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(bullets) == len(seed_timeline.entries)
    assert any("15 August 2021" in b and "Sputnik" in b and "TASS" in b for b in bullets)


def test_markdown_escapes_markup_in_article_text() -> None:
    assert escape_markdown("Taliban* [1] <b>") == r"Taliban\* \[1\] \<b\>"


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [value or "" for name, value in attrs if name in ("src", "href")]


def test_html_is_self_contained_and_escaped() -> None:
    page = written("html", [_entry("2021-08-15", Granularity.DAY, date(2021, 8, 15), date(2021, 8, 15))])
    parser = _Texts()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert parser.links == ["https://example.org/a?x=1&y=2"]
    assert "&lt;b&gt;began&lt;/b&gt;" in page and "<b>began" not in page
    assert '<meta name="viewport"' in page and "@media print" in page and "@import" not in page


def _sqlite_export(tmp_path: Path, *options: str) -> Path:
    target = tmp_path / "chronology.sqlite"
    result = runner.invoke(app, ["export", "--format", "sqlite", "-o", str(target), str(ARTICLES), *options])
    assert result.exit_code == 0, result.output
    return target


def test_sqlite_passes_integrity_and_foreign_key_checks(tmp_path: Path, seed_timeline: Timeline) -> None:
    with closing(sqlite3.connect(_sqlite_export(tmp_path))) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT count(*) FROM entries").fetchone() == (len(seed_timeline.entries),)
        indexes = {row[0] for row in db.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'index'")}
        assert {"entries", "mentions", "articles"} <= indexes
        sources = db.execute(
            "SELECT group_concat(DISTINCT a.source) FROM entries e JOIN entry_mentions em ON em.entry_id = e.id"
            " JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id"
            " WHERE e.date = '2021-08-15'"
        ).fetchone()[0]
        assert set(sources.split(",")) == {"Sputnik", "TASS"}


def test_sqlite_reexport_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = _sqlite_export(tmp_path)
    _sqlite_export(tmp_path, "--since", "2021-08")
    with closing(sqlite3.connect(target)) as db:
        assert db.execute("SELECT min(start_date) FROM entries").fetchone() == ("2021-08-15",)
    assert [path.name for path in tmp_path.iterdir()] == ["chronology.sqlite"]


def test_sqlite_without_an_output_file_is_a_usage_error() -> None:
    result = runner.invoke(app, ["export", "--format", "sqlite", str(ARTICLES)])
    assert result.exit_code == 2
    assert "timeline: --format sqlite writes a file, not a stream; give one with -o" in result.stderr


@pytest.mark.parametrize(("name", "golden"), [("html", "entries.html"), ("timelinejs", "entries.timelinejs")])
def test_formats_that_count_first_stream_through_a_temporary_file(
    seed_timeline: Timeline, monkeypatch: pytest.MonkeyPatch, name: str, golden: str
) -> None:
    """Their opening counts the chronology, so it is written aside first: on disk, once past a few bytes here."""
    from csto_timeline.exporters import calendar

    monkeypatch.setattr(calendar, "_HELD_IN_MEMORY", 64)
    read_once = iter(seed_timeline.entries)  # the writers read their entries once, as they come
    assert written(name, read_once) == (GOLDEN / golden).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("entries", "summary"),
    [
        ([], "0 dated events from 0 articles"),
        ([_entry("PAST_REF", Granularity.FUZZY, None, None)], "0 dated events from 1 article"),  # type: ignore[arg-type]
    ],
)
def test_a_timelinejs_document_without_slides_is_still_the_standard_layout(entries, summary: str) -> None:
    document = {"title": {"text": {"headline": "Chronology", "text": f"<p>{summary}</p>"}}, "events": []}
    assert written("timelinejs", entries) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", ["timelinejs", "ics", "html", "markdown"])
def test_text_formats_export_through_the_cli(name: str) -> None:
    result = runner.invoke(app, ["export", "--format", name, str(ARTICLES)])
    assert result.exit_code == 0, result.output
    assert "2021" in result.stdout


@pytest.mark.parametrize(
    ("value", "granularity", "start", "end", "label"),
    [
        ("2021-08-15", Granularity.DAY, date(2021, 8, 15), date(2021, 8, 15), "15 August 2021"),
        ("2021-06", Granularity.MONTH, date(2021, 6, 1), date(2021, 6, 30), "June 2021"),
        ("2021-07-04/2021-07-05", Granularity.RANGE, date(2021, 7, 4), date(2021, 7, 5), "4–5 July 2021"),
        ("2021-W27", Granularity.WEEK, date(2021, 7, 5), date(2021, 7, 11), "5–11 July 2021"),
        ("2021-06-28/2021-07-02", Granularity.RANGE, date(2021, 6, 28), date(2021, 7, 2), "28 June 2021 – 2 July 2021"),
        ("2021-Q3", Granularity.QUARTER, date(2021, 7, 1), date(2021, 9, 30), "July 2021 – September 2021"),
        ("199", Granularity.DECADE, date(1990, 1, 1), date(1999, 12, 31), "1990–1999"),
    ],
)
def test_date_labels(value: str, granularity: Granularity, start: date, end: date, label: str) -> None:
    assert date_label(ResolvedDate(value, granularity, start, end)) == label


def test_headline_cuts_at_a_word_boundary() -> None:
    assert headline("short") == "short"
    assert headline("one two three four", limit=12) == "one two…"


def test_sqlite_into_a_missing_folder_is_one_line_and_no_traceback(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "chronology.sqlite"
    result = runner.invoke(app, ["export", "--format", "sqlite", "-o", str(target), str(ARTICLES)])
    assert result.exit_code == 1
    assert result.stderr.startswith("timeline: ") and "does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_sqlite_error_becomes_an_output_error(tmp_path: Path) -> None:
    from csto_timeline.errors import OutputError
    from csto_timeline.exporters.sqlite_format import write_database

    not_a_database = tmp_path / "notes.sqlite"
    not_a_database.write_text("plain text, not SQLite\n" * 100)
    with pytest.raises(OutputError, match="cannot write the SQLite database"):
        write_database([], not_a_database)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@settings(max_examples=300)
@given(_JSON_VALUES)
def test_fast_json_layout_is_the_standard_encoders(value: object) -> None:
    assert indented(value, "") == json.dumps(value, ensure_ascii=False, indent=2)


_DAYS = st.dates(date(1, 1, 1), date(9999, 12, 31))


@st.composite
def _events(draw: st.DrawFn, resolved: ResolvedDate) -> Event:
    article = Article(draw(st.text()), draw(st.text()), "", draw(_DAYS), "header", source=draw(st.text()))
    expressions = draw(
        st.lists(
            st.builds(DateMention, st.text(), st.integers(0, 10**9), st.integers(0, 10**9), st.just("rule"),
                      st.just(()), st.sampled_from(Tense)),
            min_size=1, max_size=3,
        )
    )  # fmt: skip
    return Event(article, resolved, draw(st.text()), tuple(expressions))


@st.composite
def _entries(draw: st.DrawFn) -> TimelineEntry:
    start = draw(st.none() | _DAYS)
    end = None if start is None else draw(_DAYS)
    resolved = ResolvedDate(draw(st.text()), draw(st.sampled_from(Granularity)), start, end)
    events = draw(st.lists(_events(resolved), min_size=1, max_size=3))
    return TimelineEntry(resolved, draw(st.text()), tuple(events))


@settings(max_examples=300)
@given(_entries())
def test_the_json_entry_layout_is_the_general_one(entry: TimelineEntry) -> None:
    assert entry_text(entry) == indented(entry_record(entry), "  ")


@pytest.mark.parametrize("name", [name for name, fmt in FORMATS.items() if fmt.entry_parts is not None])
def test_entry_parts_written_are_what_the_format_writes(seed_timeline: Timeline, name: str) -> None:
    """What lets the parts be made in worker processes: each entry's part alone, then the layout."""
    parts = FORMATS[name].entry_parts
    assert parts is not None
    out = io.StringIO()
    parts.write(map(parts.part, seed_timeline.entries), out)
    assert out.getvalue() == written(name, iter(seed_timeline.entries)) == (GOLDEN / f"entries.{name}").read_text()
    empty = io.StringIO()
    parts.write(iter(()), empty)
    assert empty.getvalue() == written(name, iter(()))


def test_every_format_but_the_binary_and_the_calendar_renders_entry_by_entry() -> None:
    assert {name for name, fmt in FORMATS.items() if fmt.entry_parts is not None} == {
        "text",
        "csv",
        "json",
        "jsonl",
        "timelinejs",
        "html",
        "markdown",
    }

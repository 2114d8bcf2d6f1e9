"""Filters (--grep, --source, --granularity, dates) and the summaries of `stats` and `articles`."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from csto_timeline.cli import app
from csto_timeline.filters import EntryFilter, apply_filter, mentions_text, reported_by
from csto_timeline.models import Granularity
from csto_timeline.pipeline import Timeline, counts_each, stream_articles
from csto_timeline.stats import describe_articles, summarize

from .conftest import ARTICLES

runner = CliRunner()


def dates_shown(*options: str) -> list[str]:
    result = runner.invoke(app, ["show", str(ARTICLES), *options])
    assert result.exit_code == 0, result.output
    return [line.split()[0] for line in result.stdout.splitlines()]


def test_grep_matches_event_or_a_dating_sentence_in_any_case(seed_timeline: Timeline) -> None:
    kept = apply_filter(seed_timeline.entries, EntryFilter(grep="HUMMER"))
    assert [entry.date.value for entry in kept] == ["2021-06"]
    assert all(
        mentions_text(entry, "taliban") for entry in apply_filter(seed_timeline.entries, EntryFilter(grep="taliban"))
    )


def test_source_matches_the_header_outlet_or_the_file_name(seed_timeline: Timeline) -> None:
    by_outlet = apply_filter(seed_timeline.entries, EntryFilter(source="tass"))
    assert by_outlet and all(any(e.article.source == "TASS" for e in entry.events) for entry in by_outlet)
    by_file = apply_filter(seed_timeline.entries, EntryFilter(source="002_9e41d0f38100129b"))
    assert {entry.date.value for entry in by_file} >= {"2021-05", "2021-W27", "2021-07-08"}
    assert not any(reported_by(entry, "Reuters") for entry in seed_timeline.entries)


def test_granularity_keeps_only_that_precision(seed_timeline: Timeline) -> None:
    kept = apply_filter(seed_timeline.entries, EntryFilter(granularities=frozenset({Granularity.MONTH})))
    assert [entry.date.value for entry in kept] == ["2001-10", "2021-05", "2021-06"]


def test_show_filters_combine_on_the_command_line() -> None:
    assert dates_shown("--grep", "taliban", "--source", "TASS", "--since", "2021-08") == ["2021-08-15"]
    assert sorted(set(dates_shown("--granularity", "year"))) == ["1996", "2011", "2021"]
    assert dates_shown("--granularity", "range", "--granularity", "week") == ["2021-07-04/2021-07-05", "2021-W27"]


def test_show_since_until_in_words_keeps_only_august() -> None:
    shown = dates_shown("--since", "2021-08-01", "--until", "August 31, 2021")
    assert shown == ["2021-08-15"] + ["2021-08-23"] * 5


def test_export_takes_the_same_filters() -> None:
    result = runner.invoke(app, ["export", "--format", "markdown", str(ARTICLES), "--source", "Sputnik"])
    assert result.exit_code == 0
    assert "## August 2021" in result.stdout and "Pravda" not in result.stdout


def test_unknown_granularity_is_a_usage_error() -> None:
    result = runner.invoke(app, ["show", str(ARTICLES), "--granularity", "fortnight"])
    assert result.exit_code == 2
    assert "fortnight" in result.output


def test_summary_counts_months_days_and_articles(seed_timeline: Timeline) -> None:
    summary = summarize(seed_timeline.entries, top=3)
    months = dict(summary.per_month)
    assert months["2021-07"] == 8 and months["2021-08"] == 6 and months["2021-06"] == 1
    spanning = [
        e
        for e in seed_timeline.entries
        if (e.date.start.year, e.date.start.month) != (e.date.end.year, e.date.end.month)
    ]
    assert {e.date.granularity for e in spanning} == {Granularity.YEAR} and summary.coarser == len(spanning) >= 3
    assert sum(months.values()) + summary.coarser == len(seed_timeline.entries)
    assert summary.busiest_days == ((date(2021, 8, 23), 5), (date(2021, 7, 8), 4), (date(2021, 7, 9), 2))
    assert summary.top_articles[0] == ("001_8bc1901eddcf3703.txt", 8)


def test_stats_prints_plain_bars_when_piped() -> None:
    result = runner.invoke(app, ["stats", str(ARTICLES)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    july = next(line for line in lines if line.startswith("2021-07"))
    june = next(line for line in lines if line.startswith("2021-06"))
    assert july.endswith(" 8") and july.count("#") == 40 and june.count("#") == 5
    assert "2021-08-23  5" in lines and "\x1b[" not in result.stdout


def test_describe_articles_says_where_each_date_came_from(seed_timeline: Timeline) -> None:
    described = list(describe_articles(stream_articles([str(ARTICLES)]).each(counts_each)))
    assert [(a.name[:3], a.published.isoformat(), a.published_from, a.source) for a in described][:2] == [
        ("000", "2021-08-23", "header", "Sputnik"),
        ("001", "2021-07-07", "header", "Pravda.ru"),
    ]
    assert [(a.mentions, a.events) for a in described] == [
        (len(item.mentions), len(item.events)) for item in seed_timeline.articles
    ]


def test_articles_command_reports_an_inferred_date(tmp_path) -> None:
    (tmp_path / "wire.txt").write_text("date 2021-08-23 MOSCOW. The talks ended on Monday in the capital city today.\n")
    result = runner.invoke(app, ["articles", str(tmp_path)])
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()
    assert header.split("\t")[:3] == ["article", "published", "from"]
    assert row.split("\t")[:3] == ["wire.txt", "2021-08-23", "text: 'date 2021-08-23'"]
    mentions, events = row.split("\t")[-2:]
    assert (mentions, events) == ("3", "1")


def test_stats_and_articles_render_as_rich_tables_on_a_terminal(seed_timeline: Timeline) -> None:
    from rich.console import Console

    from csto_timeline.render import articles_table, stats_tables

    console = Console(record=True, width=140, color_system=None)
    console.print(*stats_tables(summarize(seed_timeline.entries)))
    console.print(articles_table(describe_articles(stream_articles([str(ARTICLES)]).each(counts_each))))
    text = console.export_text()
    july = next(line for line in text.splitlines() if "2021-07" in line)
    assert "█" * 40 in july and july.rstrip().endswith("8")
    assert f"entries spanning more than a month: {summarize(seed_timeline.entries).coarser}" in text
    assert "Pravda.ru" in text and "header" in text


def test_a_source_no_article_has_is_a_usage_error_naming_the_outlets() -> None:
    result = runner.invoke(app, ["export", str(ARTICLES), "--source", "Reuters"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "timeline: --source 'Reuters' matches no article; outlets: EurAsian Times, Pravda.ru"
    )
    assert result.stdout == ""


def test_articles_table_prints_brackets_in_titles_verbatim(tmp_path) -> None:
    from rich.console import Console

    from csto_timeline.render import articles_table

    (tmp_path / "a.txt").write_text(
        "---\npublished: 2021-08-23\ntitle: Talks [bold]resumed[/bold]\n---\nTalks began on Monday.\n"
    )
    described = describe_articles(stream_articles([str(tmp_path)]).each(counts_each))
    console = Console(record=True, width=200, color_system=None)
    console.print(articles_table(described))
    assert "Talks [bold]resumed[/bold]" in console.export_text()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    grep=st.sampled_from(["", "taliban", "CSTO", "border", "zzz"]),
    source=st.sampled_from(["", "TASS", "sputnik", "001_8bc1901eddcf3703.txt"]),
    granularities=st.frozensets(st.sampled_from(list(Granularity))),
)
def test_filters_keep_an_ordered_subset_that_meets_every_condition(
    seed_timeline: Timeline, grep: str, source: str, granularities: frozenset[Granularity]
) -> None:
    wanted = EntryFilter(grep=grep or None, source=source or None, granularities=granularities)
    kept = apply_filter(seed_timeline.entries, wanted)
    positions = [seed_timeline.entries.index(entry) for entry in kept]
    assert positions == sorted(positions)
    for entry in seed_timeline.entries:
        texts = [entry.event.lower()] + [event.text.lower() for event in entry.events]
        names = {n.lower() for e in entry.events for n in (e.article.source, e.article.name, e.article.name[:-4])}
        meets = (
            (not grep or any(grep.lower() in text for text in texts))
            and (not source or source.lower() in names)
            and (not granularities or entry.date.granularity in granularities)
        )
        assert (entry in kept) == meets

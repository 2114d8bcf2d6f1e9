"""Terminal views: the chronology, its statistics and its articles as Rich tables, or plain text for a pipe."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .models import TimelineEntry
from .stats import ArticleSummary, Summary


def chronology_table(entries: Sequence[TimelineEntry], title: str = "Chronology") -> Table:
    """Return a Rich table with one row per entry: date, granularity, event, sources."""
    table = Table(title=title, show_lines=False, expand=True)
    table.add_column("Date", style="bold cyan", no_wrap=True)
    table.add_column("Kind", style="dim", no_wrap=True)
    table.add_column("Event", ratio=1)
    table.add_column("Sources", style="green")
    for entry in entries:
        # Text, not a markup string: "[of Tajikistan]" in an article is words, not a style tag.
        table.add_row(entry.date.value, entry.date.granularity.value, Text(entry.event), Text("\n".join(entry.sources)))
    return table


def print_chronology(entries: Sequence[TimelineEntry], console: Console) -> None:
    """Print the chronology table on `console`."""
    console.print(chronology_table(entries))


BAR_WIDTH = 40


def _bar_length(count: int, largest: int) -> int:
    return max(1, round(BAR_WIDTH * count / largest)) if largest else 0


def stats_tables(summary: Summary) -> list[Table]:
    """Rich tables for `timeline stats`: entries per month as bars, busiest days, top articles."""
    largest = max((count for _, count in summary.per_month), default=0)
    months = Table(title="Entries per month", show_header=False, box=None)
    months.add_column("Month", style="bold cyan", no_wrap=True)
    months.add_column("Bar", style="green", no_wrap=True)
    months.add_column("Count", justify="right")
    for month, count in summary.per_month:
        months.add_row(month, "█" * _bar_length(count, largest), str(count))
    if summary.coarser:
        months.caption = f"entries spanning more than a month: {summary.coarser}"
    days = Table(title="Busiest days")
    days.add_column("Day", style="bold cyan")
    days.add_column("Entries", justify="right")
    for day, count in summary.busiest_days:
        days.add_row(day.isoformat(), str(count))
    articles = Table(title="Articles with the most dated events")
    articles.add_column("Article", style="green")
    articles.add_column("Events", justify="right")
    for name, count in summary.top_articles:
        articles.add_row(Text(name), str(count))
    return [months, days, articles]


def stats_text(summary: Summary) -> str:
    """`timeline stats` as plain text for a pipe: '#' bars, then the busiest days and top articles."""
    largest = max((count for _, count in summary.per_month), default=0)
    lines = ["Entries per month"]
    for month, count in summary.per_month:
        lines.append(f"{month}  {'#' * _bar_length(count, largest):<{BAR_WIDTH}}  {count}")
    if summary.coarser:
        lines.append(f"(entries spanning more than a month: {summary.coarser})")
    lines += ["", "Busiest days"] + [f"{day.isoformat()}  {count}" for day, count in summary.busiest_days]
    lines += ["", "Articles with the most dated events"] + [f"{name}  {count}" for name, count in summary.top_articles]
    return "\n".join(lines) + "\n"


ARTICLE_COLUMNS = ("article", "published", "from", "source", "title", "mentions", "events")


def _article_cells(article: ArticleSummary) -> tuple[str, ...]:
    return (
        article.name,
        article.published.isoformat(),
        article.published_from,
        article.source,
        article.title,
        str(article.mentions),
        str(article.events),
    )


def articles_table(articles: Iterable[ArticleSummary]) -> Table:
    """A Rich table of the articles: publication date, where it came from, outlet, title, counts."""
    table = Table(title="Articles", expand=True)
    for column in ARTICLE_COLUMNS:
        table.add_column(
            column.capitalize(),
            justify="right" if column in ("mentions", "events") else "left",
            no_wrap=column != "title",
            ratio=1 if column == "title" else None,
        )
    for article in articles:
        # Text, not markup: a "[...]" in a title is words, not a style tag.
        table.add_row(*map(Text, _article_cells(article)))
    return table


def articles_lines(articles: Iterable[ArticleSummary]) -> Iterator[str]:
    """The articles as tab-separated lines after a header line, for a pipe, each as it comes."""
    for row in chain([ARTICLE_COLUMNS], map(_article_cells, articles)):
        yield "\t".join(row) + "\n"

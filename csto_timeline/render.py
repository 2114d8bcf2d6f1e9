"""The terminal view of a chronology: a Rich table (only used when stdout is a terminal)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .models import TimelineEntry


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

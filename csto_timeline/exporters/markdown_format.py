"""Markdown: a heading per month, a bullet per entry with its sources, for reports and wikis.

Entries coarser than a month (a year, a decade, a span of months) sit under a heading of their own
period; headings follow the chronology's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from ..models import Article, TimelineEntry
from .calendar import date_label, entry_articles, month_heading, outlet

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape_markdown(text: str) -> str:
    """The text with Markdown's markup characters backslash-escaped, so it renders literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _source(article: Article) -> str:
    name = escape_markdown(outlet(article))
    return f"[{name}]({article.url})" if article.url else name


def _bullet(entry: TimelineEntry) -> str:
    # Two articles of one outlet without links read the same: name the outlet once.
    sources = ", ".join(dict.fromkeys(_source(article) for article in entry_articles(entry)))
    return f"- **{escape_markdown(date_label(entry.date))}** — {escape_markdown(entry.event)} _({sources})_"


def entry_bullet(entry: TimelineEntry) -> tuple[str, str]:
    """The heading an entry goes under, and its bullet."""
    return month_heading(entry.date), _bullet(entry)


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as Markdown, grouped under month (or coarser period) headings."""
    write_bullets(map(entry_bullet, entries), out)


def write_bullets(parts: Iterable[tuple[str, str]], out: TextIO) -> None:
    """Write bullets made by `entry_bullet`, each under its heading, headings in the order they come."""
    sections: dict[str, list[str]] = {}
    for heading, bullet in parts:
        sections.setdefault(heading, []).append(bullet)
    out.write("# Chronology\n")
    for heading, bullets in sections.items():
        out.write(f"\n## {escape_markdown(heading)}\n\n")
        out.write("".join(f"{bullet}\n" for bullet in bullets))

"""TimelineJS3 JSON: load it with `new TL.Timeline('embed', 'chronology.json')`.

Each entry is a slide: its start (and end, for a week, a range or a span of months) with only the
fields the date fixes, the event as the headline and text, and its sources with their links.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from typing import Any, TextIO

from ..models import Article, TimelineEntry
from .calendar import counted, date_label, date_parts, entry_articles, headline, outlet, precision

TITLE = "Chronology"


def _source_html(article: Article) -> str:
    name = escape(outlet(article))
    if article.url:
        name = f'<a href="{escape(article.url)}">{name}</a>'
    title = f": {escape(article.title)}" if article.title else ""
    return f"{name} ({escape(article.name)}){title}"


def _slide(entry: TimelineEntry) -> dict[str, Any] | None:
    start, end = entry.date.start, entry.date.end
    if start is None or end is None:
        return None
    finest = precision(entry.date)
    slide: dict[str, Any] = {"start_date": date_parts(start, finest)}
    if date_parts(end, finest) != slide["start_date"]:
        slide["end_date"] = date_parts(end, finest)
    sources = "".join(f"<li>{_source_html(article)}</li>" for article in entry_articles(entry))
    slide["text"] = {
        "headline": escape(headline(entry.event)),
        "text": f"<p>{escape(entry.event)}</p><p>Sources:</p><ul>{sources}</ul>",
    }
    slide["group"] = entry.date.granularity.value
    slide["display_date"] = date_label(entry.date)
    return slide


def timeline_document(entries: Iterable[TimelineEntry]) -> dict[str, Any]:
    """The TimelineJS3 document: a title slide and one event slide per dated entry."""
    chronology = tuple(entries)  # the title slide counts them all
    slides = [slide for slide in map(_slide, chronology) if slide is not None]
    articles = {article.path for entry in chronology for article in entry_articles(entry)}
    summary = f"{counted(len(slides), 'dated event')} from {counted(len(articles), 'article')}"
    return {"title": {"text": {"headline": TITLE, "text": f"<p>{summary}</p>"}}, "events": slides}


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as a TimelineJS3 JSON document."""
    json.dump(timeline_document(entries), out, ensure_ascii=False, indent=2)
    out.write("\n")

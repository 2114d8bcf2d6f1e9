"""TimelineJS3 JSON: load it with `new TL.Timeline('embed', 'chronology.json')`.

Each entry is a slide: its start (and end, for a week, a range or a span of months) with only the
fields the date fixes, the event as the headline and text, and its sources with their links.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any, TextIO

from ..models import Article, TimelineEntry
from .calendar import (
    CountedPart,
    Tally,
    counted,
    counted_part,
    date_label,
    date_parts,
    entry_articles,
    headline,
    outlet,
    precision,
    write_opening_last,
)
from .json_format import indented

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


def entry_slide(entry: TimelineEntry) -> CountedPart:
    """One entry's slide (none for an undated entry), laid out, with what the title slide counts of it."""
    slide = _slide(entry)
    return counted_part(entry, None if slide is None else indented(slide, "    "))


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as a TimelineJS3 document: a title slide, then one slide per dated entry.

    The same text as json.dump(document, indent=2), written one slide at a time.
    """
    write_slides(map(entry_slide, entries), out)


def write_slides(slides: Iterable[CountedPart], out: TextIO) -> None:
    """Write the document around slides made by `entry_slide`."""
    tally = Tally()
    texts = (text for text in tally.texts(slides) if text is not None)
    parts = (f"{',' if number else ''}\n    {text}" for number, text in enumerate(texts))
    write_opening_last(out, parts, lambda: _opening(tally))
    out.write("\n  ]\n}\n" if tally.dated else "]\n}\n")


def _opening(tally: Tally) -> str:
    # The title counts the dated entries (one slide each) and the articles of all.
    summary = f"{counted(tally.dated, 'dated event')} from {counted(len(tally.articles), 'article')}"
    title = {"text": {"headline": TITLE, "text": f"<p>{summary}</p>"}}
    return f'{{\n  "title": {indented(title, "  ")},\n  "events": ['

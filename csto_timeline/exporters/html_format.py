"""A self-contained web page: the chronology as a vertical timeline, readable on a phone, printable.

Everything the page needs is inline (no fonts, scripts or images from the network), and every
piece of article text is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TextIO

from ..models import Article, TimelineEntry
from .calendar import (
    CountedPart,
    Tally,
    counted,
    counted_part,
    date_label,
    entry_articles,
    outlet,
    write_opening_last,
)

TITLE = "Chronology"

STYLE = """
:root { --ink: #1d2433; --muted: #5b6475; --line: #c9d1e0; --accent: #2f5fb3; --paper: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.summary { color: var(--muted); margin: 0 0 1.5rem; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1.5rem; border-left: 3px solid var(--line); }
.entry { position: relative; margin: 0 0 1.4rem; overflow-wrap: anywhere; }
.entry::before { content: ""; position: absolute; left: calc(-1.5rem - 8px); top: .35rem;
  width: 13px; height: 13px; border-radius: 50%; background: var(--accent); border: 2px solid var(--paper); }
.entry time { display: block; font-weight: 700; color: var(--accent); }
.entry .kind { font-weight: 400; color: var(--muted); font-size: .85rem; margin-left: .4rem; }
.entry p { margin: .2rem 0 .3rem; }
.sources { margin: 0; padding: 0; list-style: none; color: var(--muted); font-size: .9rem; }
.sources li { display: inline; }
.sources li + li::before { content: " · "; }
.sources a { color: inherit; }
@media (max-width: 30rem) {
  body { font-size: 15px; }
  main { padding: 1rem .75rem 2rem; }
  ol.timeline { padding-left: 1.1rem; }
  .entry::before { left: calc(-1.1rem - 8px); }
}
@media print {
  :root { --accent: #000; --muted: #333; --line: #999; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .entry { break-inside: avoid; }
  .sources a::after { content: " <" attr(href) ">"; }
}
"""


def _source(article: Article) -> str:
    name = escape(outlet(article))
    if article.url:
        name = f'<a href="{escape(article.url)}">{name}</a>'
    return f'<li title="{escape(article.title)}">{name} <span class="file">({escape(article.name)})</span></li>'


def _entry(entry: TimelineEntry) -> str:
    start = entry.date.start.isoformat() if entry.date.start else ""
    sources = "".join(_source(article) for article in entry_articles(entry))
    return (
        f'<li class="entry" data-date="{escape(entry.date.value)}">'
        f'<time datetime="{start}">{escape(date_label(entry.date))}'
        f'<span class="kind">{escape(entry.date.granularity.value)}</span></time>'
        f"<p>{escape(entry.event)}</p>"
        f'<ul class="sources">{sources}</ul></li>\n'
    )


def entry_item(entry: TimelineEntry) -> CountedPart:
    """One entry's list item, with what the page's summary line counts of it."""
    return counted_part(entry, _entry(entry))


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as one self-contained HTML page."""
    write_items(map(entry_item, entries), out)


def write_items(items: Iterable[CountedPart], out: TextIO) -> None:
    """Write the page around items made by `entry_item`."""
    tally = Tally()
    write_opening_last(out, (text or "" for text in tally.texts(items)), lambda: _opening(tally))
    out.write("</ol>\n</main>\n</body>\n</html>\n")


def _opening(tally: Tally) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{TITLE}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{TITLE}</h1>\n"
        f'<p class="summary">{counted(tally.entries, "event")} from {counted(len(tally.articles), "article")}</p>\n'
        '<ol class="timeline">\n'
    )

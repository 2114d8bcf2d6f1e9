"""JSON: one array holding every entry (or every mention)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from json.encoder import encode_basestring
from typing import Any, TextIO

from ..models import MentionRecord, TimelineEntry
from .records import mention_record

_INDENT = "  "


def indented(value: Any, indent: str) -> str:
    """What json.dumps(value, ensure_ascii=False, indent=2) writes, nested `indent` deep.

    The standard encoder falls back to pure Python whenever it indents; strings here go through
    its C escaper and the layout is joined directly, which writes the same text several times faster.
    """
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if type(value) is int:  # not bool, a subclass of int
        return int.__repr__(value)
    if isinstance(value, dict) and value and all(isinstance(key, str) for key in value):
        inner = indent + _INDENT
        items = ",\n".join(f"{inner}{encode_basestring(key)}: {indented(item, inner)}" for key, item in value.items())
        return f"{{\n{items}\n{indent}}}"
    if isinstance(value, list) and value:
        return _list_text([indented(item, indent + _INDENT) for item in value], indent)
    return json.dumps(value, ensure_ascii=False)


def write_array(items: Iterable[str], out: TextIO) -> None:
    """Write what json.dump(values, indent=2) writes, given each value laid out one level deep (`entry_text`).

    One item at a time: no whole list in memory.
    """
    separator = "[\n"
    for item in items:
        out.write(separator + _INDENT + item)
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as a JSON array of entries."""
    write_array(map(entry_text, entries), out)


def write_mentions(records: Iterable[MentionRecord], out: TextIO) -> None:
    """Write every date mention as a JSON array."""
    write_array((indented(record, _INDENT) for record in map(mention_record, records)), out)


def entry_text(entry: TimelineEntry) -> str:
    """What `indented(entry_record(entry), "  ")` writes, laid out directly: the same text, twice as fast.

    The largest export of a large archive is this one; a test holds it to the general layout.
    f-strings, not str.format: the mentions, one per expression, are most of the text and of the time.
    """
    resolved = entry.date
    sources = _list_text([encode_basestring(name) for name in entry.sources], "    ")
    mentions = [
        f"""{{
        "article": {encode_basestring(event.article.name)},
        "published": {_day_text(event.article.published)},
        "source": {encode_basestring(event.article.source)},
        "expression": {encode_basestring(mention.text)},
        "span": [
          {mention.start},
          {mention.end}
        ],
        "sentence": {encode_basestring(event.text)}
      }}"""
        for event in entry.events
        for mention in event.expressions
    ]
    return f"""{{
    "date": {encode_basestring(resolved.value)},
    "start": {_day_text(resolved.start)},
    "end": {_day_text(resolved.end)},
    "granularity": {encode_basestring(resolved.granularity.value)},
    "event": {encode_basestring(entry.event)},
    "sources": {sources},
    "mentions": {_list_text(mentions, "    ")}
  }}"""


def _day_text(day: date | None) -> str:
    return "null" if day is None else f'"{day.isoformat()}"'


def _list_text(items: list[str], indent: str) -> str:
    if not items:
        return "[]"
    inner = indent + _INDENT
    return "[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]"

"""JSON: one array holding every entry (or every mention)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from json.encoder import encode_basestring
from typing import Any, TextIO

from ..models import MentionRecord, TimelineEntry
from .records import entry_record, mention_record

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
        inner = indent + _INDENT
        return "[\n" + ",\n".join(inner + indented(item, inner) for item in value) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False)


def _write_array(items: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write what json.dump(list(items), indent=2) writes, one item at a time (no whole list in memory)."""
    separator = "[\n"
    for item in items:
        out.write(separator + _INDENT + indented(item, _INDENT))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


def write_entries(entries: Iterable[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as a JSON array of entries."""
    _write_array(map(entry_record, entries), out)


def write_mentions(records: Iterable[MentionRecord], out: TextIO) -> None:
    """Write every date mention as a JSON array."""
    _write_array(map(mention_record, records), out)

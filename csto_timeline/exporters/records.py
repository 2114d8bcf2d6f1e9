"""Entries and mentions as plain dictionaries, the shape every data format serialises."""

from __future__ import annotations

from typing import Any

from ..models import Event, MentionRecord, ResolvedDate, TimelineEntry

SOURCE_SEPARATOR = "; "


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def date_fields(resolved: ResolvedDate) -> dict[str, Any]:
    """The date of an entry or mention: TIMEX3 value, inclusive ISO days, granularity."""
    return {
        "date": resolved.value,
        "start": _iso(resolved.start),
        "end": _iso(resolved.end),
        "granularity": resolved.granularity.value,
    }


def _event_mentions(event: Event) -> list[dict[str, Any]]:
    return [
        {
            "article": event.article.name,
            "published": event.article.published.isoformat(),
            "source": event.article.source,
            "expression": mention.text,
            "span": [mention.start, mention.end],
            "sentence": event.text,
        }
        for mention in event.expressions
    ]


def entry_record(entry: TimelineEntry) -> dict[str, Any]:
    """One chronology entry with every mention that dates it."""
    return {
        **date_fields(entry.date),
        "event": entry.event,
        "sources": list(entry.sources),
        "mentions": [item for event in entry.events for item in _event_mentions(event)],
    }


def mention_record(record: MentionRecord) -> dict[str, Any]:
    """One date expression, where it stands and what it resolved to."""
    fields = date_fields(record.date)
    return {
        "article": record.article.name,
        "published": record.article.published.isoformat(),
        "expression": record.mention.text,
        "span": [record.mention.start, record.mention.end],
        "value": fields.pop("date"),
        **fields,
        "sentence": record.sentence,
    }


def entry_row(entry: TimelineEntry) -> dict[str, Any]:
    """One chronology entry flattened for a table: sources and expressions joined."""
    return {
        **date_fields(entry.date),
        "event": entry.event,
        "sources": SOURCE_SEPARATOR.join(entry.sources),
        "expressions": SOURCE_SEPARATOR.join(m.text for event in entry.events for m in event.expressions),
    }


def mention_row(record: MentionRecord) -> dict[str, Any]:
    """One date expression flattened for a table."""
    row = mention_record(record)
    row["span_start"], row["span_end"] = row.pop("span")
    return row

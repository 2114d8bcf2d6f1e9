"""JSON: one array holding every entry (or every mention)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from ..models import MentionRecord, TimelineEntry
from .records import entry_record, mention_record


def write_entries(entries: Sequence[TimelineEntry], out: TextIO) -> None:
    """Write the chronology as a JSON array of entries."""
    json.dump([entry_record(entry) for entry in entries], out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_mentions(records: Sequence[MentionRecord], out: TextIO) -> None:
    """Write every date mention as a JSON array."""
    json.dump([mention_record(record) for record in records], out, ensure_ascii=False, indent=2)
    out.write("\n")

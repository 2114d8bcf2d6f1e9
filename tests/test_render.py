"""The terminal table shows article text verbatim, brackets included."""

from __future__ import annotations

import io

from rich.console import Console

from csto_timeline.render import print_chronology


def test_brackets_in_events_are_text_not_markup(seed_timeline) -> None:
    out = io.StringIO()
    print_chronology(seed_timeline.entries, Console(file=out, width=300, force_terminal=True))
    assert "[of Tajikistan]" in out.getvalue()
    assert "\x1b[" in out.getvalue()

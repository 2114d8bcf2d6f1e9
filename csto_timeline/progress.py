"""A Rich progress bar on stderr for long runs on a terminal; nothing at all otherwise."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# Runs shorter than this finish before a bar would be worth drawing.
_SHOW_AFTER_SECONDS = 2.0


@contextmanager
def terminal_progress(label: str = "analysing articles") -> Iterator[Callable[[int, int], None] | None]:
    """Yield a (done, total) callback drawing a bar named `label` on a terminal's stderr, or None in a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    started = time.monotonic()
    state: dict[str, Any] = {}

    def advance(done: int, total: int) -> None:
        if "bar" not in state:
            if time.monotonic() - started < _SHOW_AFTER_SECONDS:
                return
            state["bar"] = _start_bar(label, total)
        bar, task = state["bar"]
        bar.update(task, completed=done)

    try:
        yield advance
    finally:
        if "bar" in state:
            state["bar"][0].stop()


def _start_bar(label: str, total: int) -> tuple[Any, Any]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    bar.start()
    return bar, bar.add_task(label, total=total)

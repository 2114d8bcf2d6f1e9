"""timeline: turn a folder of news articles into a merged, dated chronology of events."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build_timeline", "find_mentions"]


def __getattr__(name: str) -> object:
    # Imported lazily so that `timeline --help` does not pay for the whole pipeline.
    if name == "build_timeline":
        from .pipeline import build_timeline

        return build_timeline
    if name == "find_mentions":
        from .recognize import find_mentions

        return find_mentions
    raise AttributeError(name)

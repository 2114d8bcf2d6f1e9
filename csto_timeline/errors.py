"""The errors the core raises, and the exit statuses the CLI maps them to."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit codes of the `timeline` command."""

    OK = 0
    SKIPPED_INPUT = 1
    FAILED = 1  # nothing written: --strict with a skipped input, an output error, or a bug (all named on stderr)
    USAGE = 2
    INTERRUPTED = 130


class TimelineError(Exception):
    """Base of every error the core raises on purpose; its message is one line for the user."""

    def __init__(self, message: str, hint: str = "", path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        fix = f"; {self.hint}" if self.hint else ""
        return f"{where}{self.message}{fix}"


class ArticleError(TimelineError):
    """An article that cannot be read or used; the others go on."""


class MissingPublicationDate(ArticleError):
    """An article whose publication date is neither in its header, the options, nor its text."""


class UsageError(TimelineError):
    """A bad option value or argument."""


class OutputError(TimelineError):
    """An output that cannot be written."""

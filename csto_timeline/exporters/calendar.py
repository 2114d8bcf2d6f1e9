"""Calendar views of an entry shared by the reader-facing formats: precision, labels, sources, counts."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO

from ..models import Article, Granularity, ResolvedDate, TimelineEntry

_DAY_PRECISE = {Granularity.DAY, Granularity.WEEK, Granularity.RANGE}
_MONTH_PRECISE = {Granularity.MONTH, Granularity.QUARTER, Granularity.HALF, Granularity.SEASON}
# Text a format sets aside in memory before it goes to a temporary file.
_HELD_IN_MEMORY = 8 * 1024 * 1024


def precision(resolved: ResolvedDate) -> str:
    """The finest calendar field the date really fixes: 'day', 'month' or 'year'."""
    if resolved.granularity in _DAY_PRECISE:
        return "day"
    if resolved.granularity in _MONTH_PRECISE:
        return "month"
    return "year"


def date_parts(day: date, finest: str) -> dict[str, Any]:
    """{'year', 'month'?, 'day'?} of `day`, leaving out the fields finer than `finest`."""
    parts: dict[str, Any] = {"year": day.year}
    if finest in ("month", "day"):
        parts["month"] = day.month
    if finest == "day":
        parts["day"] = day.day
    return parts


def _day_label(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def date_label(resolved: ResolvedDate) -> str:
    """A reader's label for a date: '15 August 2021', 'June 2021', '4–5 July 2021', '2021'."""
    start, end = resolved.start, resolved.end
    if start is None or end is None:
        return resolved.value
    if resolved.granularity == Granularity.DAY:
        return _day_label(start)
    if resolved.granularity == Granularity.MONTH:
        return f"{start:%B %Y}"
    if resolved.granularity == Granularity.YEAR:
        return str(start.year)
    if precision(resolved) == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_day_label(end)}"
    if precision(resolved) == "day":
        return f"{_day_label(start)} – {_day_label(end)}"
    if precision(resolved) == "month":
        return f"{start:%B %Y} – {end:%B %Y}"
    return f"{start.year}–{end.year}"


def month_heading(resolved: ResolvedDate) -> str:
    """The month an entry falls in ('August 2021'), or its own label when it spans more than a month."""
    start, end = resolved.start, resolved.end
    if start is not None and end is not None and (start.year, start.month) == (end.year, end.month):
        return f"{start:%B %Y}"
    return date_label(resolved)


def entry_articles(entry: TimelineEntry) -> list[Article]:
    """The articles reporting an entry, each once, in the order they were merged."""
    return list({event.article.path: event.article for event in entry.events}.values())


def outlet(article: Article) -> str:
    """The outlet named in an article's header, or its file name when the header names none."""
    return article.source or article.name


def headline(text: str, limit: int = 90) -> str:
    """The text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"


def counted(count: int, noun: str) -> str:
    """'1 event', '3 events': a count with its noun in the right number."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass
class Tally:
    """What went by while a format wrote its entries: how many, how many dated, from how many articles.

    Formats whose opening counts the chronology (a summary line, a title slide) tally it as they
    write it aside, then write the opening and what was set aside (`write_opening_last`).
    """

    entries: int = 0
    dated: int = 0  # entries whose date has days (not a fuzzy "recently")
    articles: set[str] = field(default_factory=set)

    def texts(self, parts: Iterable[CountedPart]) -> Iterator[str | None]:
        """The text of each part, counted with its entry's articles as it goes by."""
        for part in parts:
            self.entries += 1
            self.dated += part.dated
            self.articles.update(part.articles)
            yield part.text


@dataclass(frozen=True, slots=True)
class CountedPart:
    """An entry's text in a format (None: the format leaves the entry out), and what a Tally counts of it."""

    text: str | None
    dated: bool
    articles: tuple[str, ...]  # the paths of the entry's articles


def counted_part(entry: TimelineEntry, text: str | None) -> CountedPart:
    """`text`, an entry's text, with what a Tally counts of the entry."""
    dated = entry.date.start is not None and entry.date.end is not None
    return CountedPart(text, dated, tuple(article.path for article in entry_articles(entry)))


def write_opening_last(out: TextIO, parts: Iterable[str], opening: Callable[[], str]) -> None:
    """Write `opening()`, then every part of `parts`, which is read first so that the opening can count it.

    The parts wait in a temporary file once they outgrow memory: a chronology of any size is
    written without being held.
    """
    with tempfile.SpooledTemporaryFile(_HELD_IN_MEMORY, mode="w+", encoding="utf-8", newline="") as held:
        for part in parts:  # one write at a time: writelines would fill memory before moving to disk
            held.write(part)
        out.write(opening())
        held.seek(0)
        shutil.copyfileobj(held, out)

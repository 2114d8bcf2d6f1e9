"""Tie each resolved date to the sentence it dates: that sentence is the event."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import islice

from .lexicon import english
from .models import Article, Event, MentionRecord, ResolvedMention
from .sentences import sentences_around
from .windowed import guarded

_MIN_LOWERCASE_WORDS = 4
_LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")
# Datelines and page metadata tell when the article was filed, not when something happened.
_NOT_EVENT_RULES = frozenset({"dateline"})
# "MOSCOW (Sputnik) - " or "DUSHANBE, August 23. /TASS/. " opening a sentence says where it was filed.
_LEADING_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]+(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2}\.?\s*/[A-Za-z-]+/\.?|\s*\([^)]{1,40}\))\s*[-–—]?\s*"
)


@cache
def _boilerplate() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What a boilerplate sentence opens with, and what it holds anywhere: two searches, not one per pattern."""
    lexicon = english()["boilerplate"]
    opening = re.compile(rf"\s*(?:{'|'.join(lexicon['openings'])})")
    return opening, guarded(re.compile("|".join(lexicon["anywhere"])))


def place_mentions(article: Article, resolved: Iterable[ResolvedMention]) -> list[MentionRecord]:
    """Attach to each resolved mention the sentence of the article it stands in."""
    items = list(resolved)
    spans = sentences_around(article.body, [item.mention.start for item in items])
    # Made once per sentence, however many dates it holds: its mentions then share one string.
    sentences = {(start, end): _one_line(article.body[start:end]) for start, end in dict.fromkeys(spans)}
    return [
        MentionRecord(article, item.mention, item.date, sentences[span])
        for item, span in zip(items, spans, strict=True)
    ]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def is_event_sentence(sentence: str) -> bool:
    """True for a sentence that tells something, not a caption, link, headline or timestamp."""
    opening, anywhere = _boilerplate()
    if opening.match(sentence) or anywhere.search(sentence):
        return False
    return len(list(islice(_LOWERCASE_WORD.finditer(sentence), _MIN_LOWERCASE_WORDS))) == _MIN_LOWERCASE_WORDS


def extract_events(records: Iterable[MentionRecord]) -> list[Event]:
    """Return one Event per (sentence, date) of the records that date a real event.

    Fuzzy references ("now", "recently") and datelines date nothing on a calendar.
    """
    grouped: dict[tuple[str, str, str], list[MentionRecord]] = {}
    telling: dict[str, bool] = {}  # is_event_sentence of each sentence, which several mentions may share
    for record in records:
        if record.date.start is None or record.mention.rule in _NOT_EVENT_RULES:
            continue
        if record.sentence not in telling:
            telling[record.sentence] = is_event_sentence(record.sentence)
        if not telling[record.sentence]:
            continue
        key = (record.article.path, record.date.value, record.sentence)
        grouped.setdefault(key, []).append(record)
    return [
        Event(
            group[0].article,
            group[0].date,
            _LEADING_DATELINE.sub("", group[0].sentence, count=1),
            tuple(r.mention for r in group),
        )
        for group in grouped.values()
    ]

"""Find article files, decode them, split the header from the body, find the publication date."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import ArticleError, MissingPublicationDate
from .lexicon import english
from .models import Article

STDIN = "-"
_HEADER_FENCE = "---"
_KNOWN_KEYS = {"published", "source", "title", "url", "date"}
_BACKUP_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".tmp", ".orig")
_DATE_LINE = re.compile(r"(?im)^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b")
_TIMESTAMP = re.compile(r"\b([A-Z][a-z]+)\.? (\d{1,2}), (\d{4}),? \d{1,2}:\d{2}\b")
_DATELINE = re.compile(r"\b[A-Z][A-Z'-]{2,}(?:[ -][A-Z][A-Z'-]+)*, ([A-Z][a-z]+)\.? (\d{1,2})\. */[A-Za-z-]+/")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class SkippedInput:
    """An input left out of the run, and why."""

    path: str
    reason: str


def find_files(paths: Iterable[str]) -> Iterator[str]:
    """Yield article files under `paths` in a stable order; hidden and backup files are left out."""
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield given


def _walk(folder: Path) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        identity = os.stat(root)
        if (identity.st_dev, identity.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((identity.st_dev, identity.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not _is_hidden_or_backup(name):
                yield str(Path(root) / name)


def _is_hidden_or_backup(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(_BACKUP_SUFFIXES) or name.lower() == "readme.md"


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name) of raw bytes, or raise ArticleError for binary or empty data."""
    if not raw.strip():
        raise ArticleError("empty file", "nothing to read", path)
    if b"\x00" in raw[:8192]:
        raise ArticleError("binary file, not text", "save the article as plain text", path)
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _detect(raw, path)


def _detect(raw: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise ArticleError("not UTF-8 and no text encoding fits", "convert it to UTF-8", path)
    return str(best), best.encoding


def split_header(text: str, path: str) -> tuple[dict[str, str], str]:
    """Split a `---` front-matter header from the body; a file without one is all body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _HEADER_FENCE:
        return {}, text
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == _HEADER_FENCE:
            header = _parse_header(lines[1:index], path)
            return header, "".join(lines[index + 1 :])
    raise ArticleError("header opened with '---' is never closed", "add a closing '---' line", path)


def _parse_header(lines: list[str], path: str) -> dict[str, str]:
    header: dict[str, str] = {}
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if not colon:
            raise ArticleError(f"header line {line.strip()!r} is not 'key: value'", "fix the header", path)
        key = key.strip().lower()
        if key in _KNOWN_KEYS:
            header["published" if key == "date" else key] = value.strip().strip("\"'")
    return header


def parse_iso_date(text: str, path: str, what: str) -> date:
    """Parse YYYY-MM-DD, raising ArticleError naming `what` for a malformed or impossible date."""
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise ArticleError(f"{what} {text!r} is not a real date", "write it as YYYY-MM-DD", path) from None


def infer_published(body: str) -> tuple[date, str] | None:
    """Find a publication date in the text itself: a date line, a timestamp, or a dateline."""
    found = _DATE_LINE.search(body[:2000])
    if found:
        try:
            return date.fromisoformat(found.group(1)), f"text: 'date {found.group(1)}'"
        except ValueError:
            pass
    months = english()["months"]
    for pattern, label in ((_TIMESTAMP, "timestamp"), (_DATELINE, "dateline")):
        found = pattern.search(body[:3000])
        if not found or found.group(1).lower() not in months:
            continue
        year_text = found.group(3) if label == "timestamp" else _likely_year(body)
        if year_text is None:
            continue
        try:
            published = date(int(year_text), int(months[found.group(1).lower()]), int(found.group(2)))
        except ValueError:
            continue
        return published, f"text: {label} {found.group(0).strip()!r}" + (
            "" if label == "timestamp" else f" with year {year_text}"
        )
    return None


def _likely_year(body: str) -> str | None:
    years = _YEAR.findall(body)
    return max(years) if years else None


def read_article(path: str, raw: bytes, published: date | None = None) -> Article:
    """Build an Article from raw bytes: header first, then `published`, then the text's own date."""
    text, encoding = decode(raw, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header, body = split_header(text, path)
    if not body.strip():
        raise ArticleError("no text after the header", "add the article's text", path)
    name = "<stdin>" if path == STDIN else Path(path).name
    when, origin = _publication_date(header, body, path, published)
    return Article(
        path=path,
        name=name,
        body=body,
        published=when,
        published_from=origin,
        source=header.get("source", ""),
        title=header.get("title", ""),
        url=header.get("url", ""),
        encoding=encoding,
    )


def _publication_date(header: dict[str, str], body: str, path: str, published: date | None) -> tuple[date, str]:
    if "published" in header:
        return parse_iso_date(header["published"], path, "published date"), "header"
    if published is not None:
        return published, "--published"
    inferred = infer_published(body)
    if inferred is None:
        raise MissingPublicationDate(
            "no publication date", "add 'published: YYYY-MM-DD' to its header or pass --published", path
        )
    return inferred


def load_articles(
    paths: Iterable[str], published: date | None = None, stdin: Callable[[], bytes] | None = None
) -> Iterator[Article | SkippedInput]:
    """Yield each article under `paths`, or a SkippedInput saying why it could not be used.

    One bad file never stops the others; `stdin` supplies the bytes for the path '-'.
    """
    for path in find_files(paths):
        try:
            raw = stdin() if path == STDIN and stdin is not None else Path(path).read_bytes()
            yield read_article(path, raw, published)
        except ArticleError as error:
            yield SkippedInput(path, str(error))
        except OSError as error:
            yield SkippedInput(
                path, f"{path}: cannot be read ({error.strerror or error}); check it exists and is readable"
            )

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
STDIN_NAME = "<stdin>"
_HEADER_FENCE = "---"
_KNOWN_KEYS = ("published", "date", "source", "title", "url")
_BACKUP_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".tmp", ".orig")
_DATE_LINE = re.compile(r"(?im)^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b")
_TIMESTAMP = re.compile(r"\b([A-Z][a-z]+)\.? (\d{1,2}), (\d{4}),? \d{1,2}:\d{2}\b")
_DATELINE = re.compile(r"\b[A-Z][A-Z'-]{2,}(?:[ -][A-Z][A-Z'-]+)*, ([A-Z][a-z]+)\.? (\d{1,2})\. */[A-Za-z-]+/")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_SAMPLE = 8192
# A file saved under a .txt name may still be a document or an image: say which.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_OTHER_CONTROL_CHARACTERS = "".join(chr(code) for code in range(32) if chr(code) not in _TEXT_CONTROLS)
_OTHER_CONTROLS = re.compile(f"[{re.escape(_OTHER_CONTROL_CHARACTERS)}]")
_OTHER_CONTROL_BYTES = _OTHER_CONTROL_CHARACTERS.encode("ascii")
_MAX_CONTROL_RATIO = 0.02
_AS_TEXT = "save the article as plain text"
_USUAL_LEGACY_ENCODING = "cp1252"


@dataclass(frozen=True)
class SkippedInput:
    """An input left out of the run, and why (one line: '<file>: <what is wrong>; <how to fix it>')."""

    path: str
    reason: str


def display_name(path: str) -> str:
    """The path as messages show it: '<stdin>' for standard input."""
    return STDIN_NAME if path == STDIN else path


def find_files(paths: Iterable[str]) -> Iterator[str]:
    """Yield article files under `paths` in a stable order.

    Hidden and editor backup files are left out silently; a file or folder reached twice (named
    twice, or through a symlink loop) is read once. A folder that cannot be listed is yielded
    itself, so that reading it reports why.
    """
    yielded: set[str] = set()
    for given in paths:
        if given != STDIN and Path(given).is_dir():
            found = _walk(Path(given))
        else:
            found = iter([(given, given if given == STDIN else os.path.realpath(given))])
        for item, key in found:
            if item != STDIN:
                if key in yielded:
                    continue
                yielded.add(key)
            yield item


def _walk(top: Path) -> Iterator[tuple[str, str]]:
    """Each file under `top` with its real path, depth-first without recursion, so any depth of folders works.

    A file that is not a symlink has its folder's real path: one resolution per folder, not per file.
    """
    seen: set[tuple[int, int]] = set()
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            identity = folder.stat()
            if (identity.st_dev, identity.st_ino) in seen:
                continue
            seen.add((identity.st_dev, identity.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
            real_folder = os.path.realpath(folder)
        except OSError:
            yield str(folder), os.path.realpath(folder)
            continue
        subfolders = []
        for entry in entries:
            if _is_hidden_or_backup(entry.name):
                continue
            if _is_folder(entry):
                subfolders.append(Path(entry.path))
            else:
                yield entry.path, _real_path(entry, real_folder)
        pending.extend(reversed(subfolders))


def _real_path(entry: os.DirEntry[str], real_folder: str) -> str:
    try:
        linked = entry.is_symlink()
    except OSError:
        linked = True
    return os.path.realpath(entry.path) if linked else os.path.join(real_folder, entry.name)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop: reading it will report the problem
        return False


def _is_hidden_or_backup(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(_BACKUP_SUFFIXES) or name.lower() == "readme.md"


def _unreadable(path: str, error: OSError, what: str = "file") -> SkippedInput:
    reason = error.strerror or type(error).__name__
    return SkippedInput(path, f"{path}: {what} cannot be read ({reason}); check it exists and is readable")


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name) of raw bytes, or raise ArticleError for binary or empty data."""
    if not raw:
        raise ArticleError("empty file (0 bytes)", "add the article's text or remove the file", path)
    kind = _binary_kind(raw)
    if kind:
        raise ArticleError(f"binary file ({kind}), not text", _AS_TEXT, path)
    text, encoding = _decode_text(raw, path)
    if not text.strip():
        raise ArticleError("file holds only whitespace", "add the article's text or remove the file", path)
    sample = text[:_SAMPLE]
    controls = control_count(sample)
    if controls > _MAX_CONTROL_RATIO * len(sample):
        raise ArticleError(
            f"binary data, not text ({controls} control characters in its first {len(sample)})", _AS_TEXT, path
        )
    return text, encoding


def control_count(text: str) -> int:
    """How many control characters `text` holds that plain text has no use for (not tabs, breaks or ESC)."""
    if text.isascii():  # deleting bytes is several times faster than a regex listing them
        data = text.encode("ascii")
        return len(data) - len(data.translate(None, _OTHER_CONTROL_BYTES))
    return len(_OTHER_CONTROLS.findall(text))


def _binary_kind(raw: bytes) -> str:
    head = raw[:1024].lstrip()[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in raw[:_SAMPLE] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "NUL bytes"
    return ""


def _decode_text(raw: bytes, path: str) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec
            except UnicodeDecodeError as error:
                raise ArticleError(
                    f"starts with a {codec} mark but is not {codec} ({error.reason})", "save it again as UTF-8", path
                ) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _detect(raw, path)


def _detect(raw: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(raw)
    best = matches.best()
    if best is None or best.encoding is None:
        raise ArticleError("not UTF-8 and no text encoding fits", "convert it to UTF-8", path)
    # On a tie (short Latin-1 text fits cp1250 as well as cp1252), take the likeliest for news text.
    tied = [match for match in matches if (match.chaos, match.coherence) == (best.chaos, best.coherence)]
    chosen = next((match for match in tied if match.encoding == _USUAL_LEGACY_ENCODING), best)
    return str(chosen), chosen.encoding


def split_header(text: str, path: str) -> tuple[dict[str, str], str, list[str]]:
    """Split a `---` front-matter header from the body; a file without one is all body.

    Returns the known keys, the body, and the unknown keys (ignored, but worth a note).
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _HEADER_FENCE:
        return {}, text, []
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == _HEADER_FENCE:
            header, unknown = _parse_header(lines[1:index], path)
            return header, "".join(lines[index + 1 :]), unknown
    raise ArticleError(
        "header opened with '---' on line 1 is never closed", "add a closing '---' line after the header", path
    )


def _parse_header(lines: list[str], path: str) -> tuple[dict[str, str], list[str]]:
    header: dict[str, str] = {}
    unknown: list[str] = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if not colon:
            raise ArticleError(f"header line {line.strip()!r} is not 'key: value'", "fix the header", path)
        key = key.strip().lower()
        if key in _KNOWN_KEYS:
            header["published" if key == "date" else key] = value.strip().strip("\"'")
        else:
            unknown.append(key)
    return header, unknown


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
    """Build an Article from raw bytes: header first, then `published`, then the text's own date.

    Line endings are normalised to '\\n' (as Python's text mode and editors show them), so a
    CRLF or CR file gives the same body and the same spans as its LF twin.
    """
    where = display_name(path)
    text, encoding = decode(raw, where)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header, body, unknown = split_header(text, where)
    if not body.strip():
        raise ArticleError("no text after the header", "add the article's text below the closing '---'", where)
    when, origin = _publication_date(header, body, where, published)
    notes = _notes(where, encoding, unknown, when, origin)
    return Article(
        path=path,
        name=STDIN_NAME if path == STDIN else os.path.basename(os.path.normpath(path)),
        body=body,
        published=when,
        published_from=origin,
        source=header.get("source", ""),
        title=header.get("title", ""),
        url=header.get("url", ""),
        encoding=encoding,
        notes=notes,
    )


def _notes(where: str, encoding: str, unknown: list[str], when: date, origin: str) -> tuple[str, ...]:
    notes = []
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        notes.append(f"{where}: not UTF-8; read as {encoding} (detected); save it as UTF-8 to be sure")
    if unknown:
        keys = ", ".join(repr(key) for key in unknown)
        notes.append(f"{where}: header key {keys} ignored; known keys: published, source, title, url")
    if origin not in ("header", "--published"):
        notes.append(f"{where}: publication date {when} from {origin}")
    return tuple(notes)


def has_notes(article: Article, today: date) -> bool:
    """Whether `notes_for(article, today)` says anything: a note of its own, or a publication date after `today`."""
    return bool(article.notes) or article.published > today


def notes_for(article: Article, today: date) -> tuple[str, ...]:
    """What the user should know about `article`, one line each; `today` is the caller's clock, never read here."""
    if article.published <= today:
        return article.notes
    where = display_name(article.path)
    return (
        *article.notes,
        f"{where}: publication date {article.published} is in the future (today is {today}); check it",
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
        yield load_article(path, published, stdin)


def load_article(
    path: str, published: date | None = None, stdin: Callable[[], bytes] | None = None
) -> Article | SkippedInput:
    """Read the one article file `path` (as find_files yields it), or say why it could not be used."""
    try:
        raw = stdin() if path == STDIN and stdin is not None else _read_bytes(path)
        return read_article(path, raw, published)
    except ArticleError as error:
        return SkippedInput(path, str(error))
    except OSError as error:
        return _read_error(path, error)


def _read_bytes(path: str) -> bytes:
    # Not Path(path).read_bytes(): building a Path costs more than reading a short article. Unbuffered: the
    # raw file reads it all at once (sized by fstat), without a buffer object in between.
    with open(path, "rb", buffering=0) as handle:
        return handle.read()


def _read_error(path: str, error: OSError) -> SkippedInput:
    if path != STDIN and os.path.isdir(path):  # a folder the walk could not list: say why
        try:
            os.scandir(path).close()
        except OSError as listing:
            return _unreadable(path, listing, "folder")
    return _unreadable(display_name(path), error)

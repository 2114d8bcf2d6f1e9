"""Synthetic news corpora for the speed benchmark, recombined from real article text.

The paragraphs come from the seed articles (articles/) and the TempEval-3 texts
(../shared/data/tempeval/tbaq_train.jsonl), read at run time and never copied into the
repository. Each synthetic article joins paragraphs of a few real ones under a front-matter
header with its own publication date, so that relative dates resolve against varied anchors.
"""

from __future__ import annotations

import json
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "articles"
TEMPEVAL = ROOT.parent / "shared" / "data" / "tempeval" / "tbaq_train.jsonl"
OUT = ROOT / "bench" / "out"
_FIRST_DAY = date(1990, 1, 1)
_DAYS = (date(2024, 12, 31) - _FIRST_DAY).days
_SOURCES = ("TASS", "Sputnik", "AP", "Reuters", "AFP", "Xinhua")


def source_texts() -> list[str]:
    """Bodies of every real article available: the seeds (header dropped) and TempEval texts."""
    texts = [_body(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    if TEMPEVAL.exists():
        with TEMPEVAL.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts


def _body(text: str) -> str:
    if text.startswith("---"):
        return text.split("\n---\n", 1)[1]
    return text


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def synthetic_article(rng: random.Random, pool: list[list[str]], index: int) -> str:
    """One article: paragraphs of one to three real articles in order, under a dated header."""
    published = _FIRST_DAY + timedelta(days=rng.randrange(_DAYS))
    parts: list[str] = []
    for paragraphs in rng.sample(pool, rng.randint(1, 3)):
        start = rng.randrange(len(paragraphs))
        parts += paragraphs[start : start + rng.randint(3, 12)]
    header = (
        f"---\npublished: {published.isoformat()}\nsource: {rng.choice(_SOURCES)}\n"
        f"title: Synthetic article {index}\n---\n"
    )
    return header + "\n\n".join(parts) + "\n"


def build_corpus(size: int, seed: int = 2021) -> Path:
    """Write `size` synthetic articles under bench/out/corpus-<size>/ (reused when complete)."""
    folder = OUT / f"corpus-{size}"
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pool = [paragraphs for paragraphs in map(_paragraphs, source_texts()) if paragraphs]
    for index in range(size):
        (folder / f"article_{index:06d}.txt").write_text(synthetic_article(rng, pool, index), encoding="utf-8")
    done.touch()
    return folder


def corpus_files(folder: Path) -> list[Path]:
    """The article files of a corpus, in name order."""
    return sorted(folder.glob("article_*.txt"))


def corpus_halves(folder: Path) -> tuple[Path, Path]:
    """The files of a corpus in two folders beside it, the first half and the second (reused when complete).

    Hard links where the disk allows (no copy, and no symlink for the reader to resolve), else copies.
    """
    halves = folder.parent / f"{folder.name}-halves"
    first, second = halves / "first", halves / "second"
    done = halves / ".complete"
    if done.exists():
        return first, second
    files = corpus_files(folder)
    middle = len(files) // 2
    for half, part in ((first, files[:middle]), (second, files[middle:])):
        half.mkdir(parents=True, exist_ok=True)
        for path in part:
            _link_or_copy(path, half / path.name)
    done.touch()
    return first, second


def _link_or_copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    try:
        target.hardlink_to(source)
    except OSError:
        shutil.copyfile(source, target)

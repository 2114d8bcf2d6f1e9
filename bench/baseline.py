"""What a Python user would write instead: dateparser's search_dates on each article.

Usage: python bench/baseline.py FILE... ; prints one JSON object: articles, bytes, seconds, found.
The clock starts after dateparser is imported and warmed on one sentence, which favours the baseline.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from pathlib import Path

from dateparser.search import search_dates


def published_and_body(text: str) -> tuple[datetime, str]:
    """The `published:` date of the front-matter header and the text after it."""
    _, header, body = text.split("---\n", 2)
    for line in header.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "published":
            return datetime.fromisoformat(value.strip()), body
    raise ValueError("no published date in the header")


def main(paths: list[str]) -> None:
    search_dates("It happened on Friday, August 15.", languages=["en"])
    texts = [Path(path).read_text(encoding="utf-8") for path in paths]
    found = 0
    started = time.perf_counter()
    for text in texts:
        published, body = published_and_body(text)
        results = search_dates(body, languages=["en"], settings={"RELATIVE_BASE": published})
        found += len(results or [])
    seconds = time.perf_counter() - started
    size = sum(len(text.encode("utf-8")) for text in texts)
    print(json.dumps({"articles": len(texts), "bytes": size, "seconds": seconds, "found": found}))


if __name__ == "__main__":
    main(sys.argv[1:])

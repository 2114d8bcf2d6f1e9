"""Shared fixtures: the project's article folder and the seed corpus analysed once."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from csto_timeline.pipeline import Timeline, build_timeline

# The compiled rules are cached per user (`windowed._database`): the tests keep a cache of their own,
# shared with the processes they start, and removed when they end.
TEST_CACHE = tempfile.mkdtemp(prefix="timeline-test-cache-")
os.environ["XDG_CACHE_HOME"] = TEST_CACHE

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_timeline() -> Timeline:
    return build_timeline([str(ARTICLES)])


@pytest.fixture(scope="session")
def seed_values(seed_timeline: Timeline) -> dict[str, dict[str, list[str]]]:
    """article name -> expression text -> resolved values, in text order."""
    table: dict[str, dict[str, list[str]]] = {}
    for item in seed_timeline.articles:
        for record in item.mentions:
            table.setdefault(item.article.name, {}).setdefault(record.mention.text, []).append(record.date.value)
    return table


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: minutes-long case (a 50 MB article); run with `pytest -m slow`")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(TEST_CACHE, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with `pytest -m slow`")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


# Hypothesis: 2,000 examples per property in CI (CI set), a quick 200 locally; HYPOTHESIS_PROFILE overrides.
settings.register_profile("ci", max_examples=2000, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

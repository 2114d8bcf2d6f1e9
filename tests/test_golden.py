"""Exports of the seed articles match the golden files byte for byte (`make golden` rewrites them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .make_golden import golden_cases, read_golden, render


@pytest.mark.parametrize(("name", "what", "path"), golden_cases(), ids=lambda value: str(value))
def test_export_matches_golden_file(seed_timeline, name: str, what: str, path: Path) -> None:
    assert render(seed_timeline, name, what) == read_golden(path)

"""English vocabulary of dates, kept as data in en.toml and loaded once."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def english() -> dict[str, Any]:
    """Return the English lexicon as nested dictionaries (read once per process)."""
    text = resources.files(__package__).joinpath("en.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)

"""`python -m csto_timeline` runs the `timeline` command."""

from .cli import run

run()

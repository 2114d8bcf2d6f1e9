"""`python -m csto_timeline` runs the `timeline` command."""

from .cli import console_script

console_script()

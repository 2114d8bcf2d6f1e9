"""The installed ways to start the tool: `python -m csto_timeline` and the `timeline` script."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ARTICLES


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "csto_timeline",
            "show",
            str(ARTICLES),
            "--since",
            "2021-08-15",
            "--until",
            "2021-08-15",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2021-08-15  The Taliban seized power in Afghanistan on 15 August")


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "csto_timeline", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("timeline 0.")


def test_start_up_imports_no_library_only_some_commands_use() -> None:
    """icalendar is imported by the ics export alone; dateparser (the benchmark baseline) never at start-up;
    the pipeline (recognizer, resolver) only when a command reads articles, so `--help` stays quick."""
    probe = "import sys, csto_timeline.cli; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(result.stdout.split())
    assert "csto_timeline.exporters.ics_format" in loaded
    assert not {"icalendar", "dateparser"} & loaded
    assert not {"csto_timeline.pipeline", "csto_timeline.recognize", "csto_timeline.resolve"} & loaded


def test_help_is_plain_click_help_without_rich_formatting() -> None:
    """Typer's Rich help imports rich.markdown, rich.traceback and markdown_it: over 0.1 s of a 0.3 s budget."""
    probe = (
        "import sys\n"
        "from csto_timeline.cli import run\n"
        "try:\n    run(['show', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('LOADED', ' '.join(sorted(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    usage, _, loaded = result.stdout.partition("LOADED ")
    assert usage.startswith("Usage: timeline show [OPTIONS] [PATH]...")
    assert "--since DATE" in usage
    assert not {"typer.rich_utils", "rich.markdown", "rich.traceback"} & set(loaded.split())

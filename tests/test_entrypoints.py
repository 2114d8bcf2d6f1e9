"""The installed ways to start the tool: `python -m csto_timeline` and the `timeline` script."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from csto_timeline.cli import app

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


def _buffered() -> dict[str, str]:
    """The environment with Python's standard streams buffered, as they are unless PYTHONUNBUFFERED is set."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def test_the_whole_output_is_out_before_the_process_ends_at_once() -> None:
    """The script ends its process without the interpreter's exit: all it wrote must have left by then."""
    expected = CliRunner().invoke(app, ["export", "--json", str(ARTICLES)]).stdout
    result = subprocess.run(
        [sys.executable, "-m", "csto_timeline", "export", "--json", str(ARTICLES)],
        capture_output=True,
        text=True,
        env=_buffered(),
    )
    assert result.returncode == 0, result.stderr
    assert len(expected) > io.DEFAULT_BUFFER_SIZE  # more than one buffer of the stream
    assert result.stdout == expected


def test_the_script_still_exits_with_the_command_status(tmp_path: Path) -> None:
    shutil.copytree(ARTICLES, tmp_path, dirs_exist_ok=True)
    (tmp_path / "empty.txt").write_bytes(b"")
    target = tmp_path / "out.csv"
    result = subprocess.run(
        [sys.executable, "-m", "csto_timeline", "export", "--csv", "-o", str(target), str(tmp_path)],
        capture_output=True,
        text=True,
        env=_buffered(),
    )
    assert result.returncode == 1
    assert result.stderr.startswith("timeline: ") and "empty.txt: empty file (0 bytes)" in result.stderr
    expected = CliRunner().invoke(app, ["export", "--csv", str(ARTICLES)]).stdout
    assert target.read_text() == expected

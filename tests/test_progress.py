"""The progress bar: silent when stderr is not a terminal, drawn only for long runs on one."""

from __future__ import annotations

import io

from csto_timeline import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_progress_callback_when_stderr_is_not_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr(progress.sys, "stderr", io.StringIO())
    with progress.terminal_progress() as advance:
        assert advance is None


def test_a_short_run_on_a_terminal_draws_nothing(monkeypatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(progress.sys, "stderr", terminal)
    with progress.terminal_progress() as advance:
        assert advance is not None
        advance(1, 10)
    assert terminal.getvalue() == ""


def test_a_long_run_on_a_terminal_draws_a_bar(monkeypatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(progress.sys, "stderr", terminal)
    monkeypatch.setattr(progress, "_SHOW_AFTER_SECONDS", -1.0)
    with progress.terminal_progress() as advance:
        assert advance is not None
        advance(5, 10)
    assert "analysing articles" in terminal.getvalue()


def test_the_bar_says_which_phase_runs(monkeypatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(progress.sys, "stderr", terminal)
    monkeypatch.setattr(progress, "_SHOW_AFTER_SECONDS", -1.0)
    with progress.terminal_progress("merging events") as advance:
        assert advance is not None
        advance(5, 10)
    assert "merging events" in terminal.getvalue()
    assert "analysing articles" not in terminal.getvalue()

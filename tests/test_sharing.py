"""Work shared by a process and forks of it: every result, in order, whoever computed it; failures in one line."""

from __future__ import annotations

import os
import signal
import struct
import time
from functools import partial

import pytest

from csto_timeline import sharing
from csto_timeline.errors import TimelineError
from csto_timeline.sharing import _Claims, _interrupts_held, in_forks, reap_exited

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no forks on this platform")


def _square_and_pid(number: int) -> tuple[int, int]:
    time.sleep(0.002)  # long enough that every process gets some items
    return number * number, os.getpid()


@pytest.mark.parametrize("jobs", [1, 2, 3])
@pytest.mark.parametrize("items", [0, 1, 2, 60])
def test_results_come_in_the_order_of_the_items(jobs: int, items: int) -> None:
    results = list(in_forks(_square_and_pid, range(items), jobs))
    assert [square for square, _ in results] == [number * number for number in range(items)]


def test_this_process_works_too_and_so_does_each_fork() -> None:
    workers = {pid for _, pid in in_forks(_square_and_pid, range(60), 3)}
    assert os.getpid() in workers and len(workers) == 3


def test_claims_made_at_once_by_several_processes_are_each_a_different_index() -> None:
    claims, (heard, said) = _Claims(), os.pipe()
    forks = []
    for _ in range(2):
        if (pid := os.fork()) == 0:
            os.write(said, struct.pack("=300q", *(claims.claim() for _ in range(300))))
            os._exit(0)
        forks.append(pid)
    mine = [claims.claim() for _ in range(300)]
    theirs = [index for _ in forks for index in struct.unpack("=300q", _read(heard, 8 * 300))]
    for pid in forks:
        os.waitpid(pid, 0)
    claims.close()
    assert sorted(mine + theirs) == list(range(900))


def _read(file: int, length: int) -> bytes:
    data = b""
    while len(data) < length:
        data += os.read(file, length - len(data))
    return data


def test_one_job_forks_nothing() -> None:
    assert {pid for _, pid in in_forks(_square_and_pid, range(5), 1)} == {os.getpid()}


def _fails_in_a_fork(parent: int, number: int) -> int:
    if os.getpid() != parent:
        raise ValueError(f"no square for {number}")
    time.sleep(0.002)
    return number


def _dies_in_a_fork(parent: int, number: int) -> int:
    if os.getpid() != parent:
        os._exit(9)
    time.sleep(0.002)
    return number


def test_a_fork_that_fails_ends_the_run_with_its_reason() -> None:
    with pytest.raises(TimelineError, match=r"a worker process failed: ValueError: no square for \d+"):
        list(in_forks(partial(_fails_in_a_fork, os.getpid()), range(60), 2))


def test_a_fork_that_dies_ends_the_run_with_one_clear_error() -> None:
    """Killed, or out of memory: the run says so in a line, not a traceback."""
    with pytest.raises(TimelineError, match="a worker process stopped before its work was done"):
        list(in_forks(partial(_dies_in_a_fork, os.getpid()), range(60), 2))
    _no_child_left()


def test_a_reader_that_stops_early_stops_the_forks() -> None:
    results = in_forks(_square_and_pid, range(1000), 3)
    assert next(results)[0] == 0
    results.close()
    _no_child_left()


def _forks_exit_slowly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make each fork take half a second to exit, as one giving a large run's memory back does."""
    parent, exit_now = os.getpid(), os._exit

    def slow_exit(status: int) -> None:
        if os.getpid() != parent:
            time.sleep(0.5)
        exit_now(status)

    monkeypatch.setattr(os, "_exit", slow_exit)


def test_a_run_does_not_wait_for_its_forks_to_exit_and_they_are_reaped_later(monkeypatch: pytest.MonkeyPatch) -> None:
    _forks_exit_slowly(monkeypatch)
    assert [square for square, _ in in_forks(_square_and_pid, range(60), 3)] == [n * n for n in range(60)]
    assert len(sharing._exiting) == 2  # both forks still exiting when the results were all in
    reap_exited()
    assert sharing._exiting == []
    _no_child_left()


def test_forks_left_exiting_are_reaped_when_the_next_run_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    _forks_exit_slowly(monkeypatch)
    list(in_forks(_square_and_pid, range(60), 2))
    assert len(sharing._exiting) == 1
    assert [square for square, _ in in_forks(_square_and_pid, range(3), 1)] == [0, 1, 4]
    _no_child_left()


def _no_child_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # none running, none left to reap


def test_a_ctrl_c_while_a_fork_starts_arrives_once_it_has() -> None:
    """Neither lost in this process nor a traceback in a fork started meanwhile (see _interrupts_held)."""
    reached_the_end = False
    with pytest.raises(KeyboardInterrupt), _interrupts_held():
        os.kill(os.getpid(), signal.SIGINT)
        assert signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())
        reached_the_end = True
    assert reached_the_end
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())

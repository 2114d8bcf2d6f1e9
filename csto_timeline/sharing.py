"""Work shared by this process and forks of it, each result handed on in order.

`in_forks(work, items, jobs)` gives `work(item)` for every item, in the order of `items`, computed
by this process and `jobs - 1` forks of it. Each process claims the next item nobody has claimed
(a counter passed through a pipe they share), so none idles while work is left, and this one
works like the others: a pool's parent only hands out work and unpickles results, one process's
worth of CPU spent on neither. A fork inherits everything this process holds (the items, a run's
events) without copying it; it pickles each result to a temporary file of its own, and says on a
pipe which item it was and how long; this process reads it back when its turn comes. A fork that
has done its work exits by itself, and is not waited for (`reap_exited`).

Where there is no `os.fork` (Windows), the work is done here, one item after another.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, Generic, NoReturn, TypeVar

from .errors import TimelineError

T = TypeVar("T")
R = TypeVar("R")

# Results done but not yet handed on, per process, past which this one waits rather than work ahead.
_AHEAD_PER_PROCESS = 4
# What a fork says of each result: the item's index, and the result's length in its file.
_WORD = struct.Struct("=qq")
# The index a fork's last word carries when it failed: the "result" is then its error, as text.
_FAILED = -1
_COUNTER = struct.Struct("=q")
# Forks that had done their work and were still exiting when their run ended: reaped by `reap_exited`.
# A fork of a process holding a large run takes a while to give its memory back (25 ms after 10,000
# articles): the run's last steps (writing out its results) need not wait for that.
_exiting: list[int] = []


def in_forks(work: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """`work(item)` for each of `items`, in their order, computed by this process and `jobs - 1` forks of it.

    `work` runs in whichever process claims an item, so it must not depend on which one does, and
    its results must pickle. A fork that fails, or dies, ends the run with a TimelineError; the
    forks are stopped whenever the results stop being read.
    """
    reap_exited()
    forks_wanted = min(jobs, len(items)) - 1
    if forks_wanted < 1 or not hasattr(os, "fork"):
        yield from map(work, items)
        return
    claims = _Claims()
    forks: list[_Fork] = []
    finished = False
    try:
        for _ in range(forks_wanted):
            forks.append(_start_fork(work, items, claims))
        yield from _handed_on(work, items, claims, forks)
        finished = True
    finally:
        for fork in forks:
            fork.stop(kill=not finished)
        claims.close()


class _Claims:
    """The index of the next item nobody has claimed, shared by this process and its forks.

    It is all a pipe holds: a claim reads it, which leaves the pipe empty (so any other claim waits
    until it is back), and writes the next one in. A pipe's writes this small are never split.
    """

    def __init__(self) -> None:
        self._take, self._give = os.pipe()
        os.write(self._give, _COUNTER.pack(0))

    def claim(self) -> int:
        """The index claimed: every call, in any process, gets one no other call got."""
        (index,) = _COUNTER.unpack(os.read(self._take, _COUNTER.size))
        os.write(self._give, _COUNTER.pack(index + 1))
        return index

    def close(self) -> None:
        """Let go of the pipe (the forks hold their own copies of it until they exit)."""
        os.close(self._take)
        os.close(self._give)


@dataclass
class _Fork:
    """A fork at work, as this process sees it: what it has said so far, where its results lie."""

    pid: int
    said: int  # the read end of the pipe it speaks on
    results: int  # its results file, read with os.pread (its writes move the offset the two share)
    written: int = 0  # where its next result starts in that file
    heard: bytes = b""  # what it said that does not make a whole word yet
    done: bool = False  # it has closed the pipe: it exited, or died

    def listen(self, waiting: dict[int, _Result[Any]]) -> None:
        """Read what the fork said (the pipe is readable): each result it wrote goes into `waiting`."""
        said = os.read(self.said, 1 << 16)
        if not said:
            self.done = True
            return
        self.heard += said
        whole = len(self.heard) - len(self.heard) % _WORD.size
        for index, length in _WORD.iter_unpack(self.heard[:whole]):
            if index == _FAILED:
                reason = _read_exactly(self.results, length, self.written).decode("utf-8", "replace")
                raise TimelineError(f"a worker process failed: {reason}", "please report it")
            waiting[index] = _Result(None, self, self.written, length)
            self.written += length
        self.heard = self.heard[whole:]

    def stop(self, kill: bool) -> None:
        """Let go of the fork's pipe and file; if `kill`, kill it and wait until it is gone.

        Otherwise its work is all done: it exits by itself, as soon as it finds no item left to
        claim, and is reaped now if it has, later (`reap_exited`) if not.
        """
        if kill:
            if not self.done:
                with suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
            with suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        else:
            with suppress(ChildProcessError):
                if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                    _exiting.append(self.pid)
        os.close(self.said)
        os.close(self.results)


def reap_exited() -> None:
    """Wait for the forks of earlier runs that were still exiting when their run ended.

    `in_forks` calls it before it starts; a process that forks no more can leave them to the
    system, which reaps them when it exits.
    """
    while _exiting:
        with suppress(ChildProcessError):
            os.waitpid(_exiting.pop(), 0)


@dataclass
class _Result(Generic[R]):
    """A result done and not yet handed on: this process's own (`value`), or where a fork wrote it."""

    value: R | None
    fork: _Fork | None = None
    at: int = 0
    length: int = 0

    def read(self) -> R:
        if self.fork is None:
            return self.value  # type: ignore[return-value]  # None only for a fork's result
        result: R = pickle.loads(_read_exactly(self.fork.results, self.length, self.at))
        return result


def _lost() -> TimelineError:
    reason = "a worker process stopped before its work was done (killed, or out of memory)"
    return TimelineError(reason, "run again, or with fewer --jobs")


def _read_exactly(file: int, length: int, at: int) -> bytes:
    data = b""
    while len(data) < length:
        part = os.pread(file, length - len(data), at + len(data))
        if not part:
            raise _lost()  # the fork died before it finished writing
        data += part
    return data


def _start_fork(work: Callable[[T], R], items: Sequence[T], claims: _Claims) -> _Fork:
    handle, path = tempfile.mkstemp(prefix="timeline-", suffix=".results")
    os.unlink(path)  # only the two processes' handle keeps it: its space goes when they close it
    said, saying = os.pipe()
    with _interrupts_held():
        pid = os.fork()
        if pid == 0:
            os.close(said)
            _serve(work, items, claims, handle, saying)  # never returns: Ctrl-C stays held in the fork
    os.close(saying)
    return _Fork(pid, said, handle)


def _serve(work: Callable[[T], R], items: Sequence[T], claims: _Claims, results: int, saying: int) -> NoReturn:
    """In a fork: work on each item it claims, write the result, say so; exit once none is left, or on failure."""
    status = 0
    try:
        while (index := claims.claim()) < len(items):
            data = pickle.dumps(work(items[index]), pickle.HIGHEST_PROTOCOL)
            _write_all(results, data)
            os.write(saying, _WORD.pack(index, len(data)))
    except BaseException as error:  # anything at all: told to the parent, which ends the run with it
        status = 1
        reason = f"{type(error).__name__}: {error}".encode()
        with suppress(OSError):
            _write_all(results, reason)
            os.write(saying, _WORD.pack(_FAILED, len(reason)))
    finally:
        os._exit(status)  # no clean-up of what the fork shares with this process: that is its to do


def _write_all(file: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(file, view) :]


def _handed_on(work: Callable[[T], R], items: Sequence[T], claims: _Claims, forks: list[_Fork]) -> Iterator[R]:
    """Each item's result in order: this process works on an item whenever the next result is not in yet."""
    waiting: dict[int, _Result[R]] = {}
    most_waiting = _AHEAD_PER_PROCESS * (len(forks) + 1)
    for wanted in range(len(items)):
        while wanted not in waiting:
            _listen(forks, waiting, block=False)
            if wanted in waiting:
                break
            if len(waiting) < most_waiting and (index := claims.claim()) < len(items):
                waiting[index] = _Result(work(items[index]))
            else:
                _listen(forks, waiting, block=True)
        yield waiting.pop(wanted).read()


def _listen(forks: list[_Fork], waiting: dict[int, _Result[Any]], block: bool) -> None:
    """Take in what the forks have said; with `block`, wait until one says something (or ends)."""
    speaking = [fork.said for fork in forks if not fork.done]
    if not speaking:
        if block:  # nothing more will come, and what this process waits for has not: a fork died
            raise _lost()
        return
    readable, _, _ = select.select(speaking, [], [], None if block else 0)
    for fork in forks:
        if fork.said in readable:
            fork.listen(waiting)


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back while a fork starts: it then reaches this process as soon as it has.

    The fork keeps it held, so Ctrl-C stops only this process, which stops the forks. Otherwise a
    Ctrl-C landing while a process forks can be lost in this one, and the fork prints a traceback.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)

"""Write output files atomically: a failure mid-write never destroys an earlier file."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .errors import OutputError

_HINTS = {
    errno.ENOSPC: "free some disk space or choose another -o path",
    errno.EACCES: "check the permissions or choose another -o path",
    errno.EROFS: "the disk is read-only; choose another -o path",
}


def _temporary_beside(target: Path, given: Path) -> tuple[int, str]:
    """Open a new temporary file in the folder of `target`; (descriptor, name). Errors name `given`."""
    if not target.parent.is_dir():
        raise OutputError(
            f"folder {str(given.parent)!r} does not exist", "create it or choose another -o path", str(given)
        )
    if target.is_dir():
        raise OutputError("is a folder", "give a file name to -o", str(given))
    if is_device_or_pipe(target):
        raise OutputError("is a device or a pipe, not a file", "give a file name to -o", str(given))
    with _reported(given):
        return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")


@contextmanager
def atomic_file_path(path: Path) -> Iterator[Path]:
    """Yield the path of an empty temporary file beside `path`, renamed over it only on success.

    An error or Ctrl-C before the rename leaves any earlier file intact. Through a symlink, the
    file it points to is replaced, keeping its permissions.
    """
    target = Path(os.path.realpath(path))
    fd, temporary = _temporary_beside(target, path)
    os.close(fd)
    try:
        with _reported(path):
            yield Path(temporary)
            os.chmod(temporary, _mode_for(target))
            os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


@contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    """Yield a text handle whose content lands at `path` only if the whole write succeeds.

    A device or a pipe (/dev/stdout, /dev/full, a FIFO) cannot be replaced by a rename, so it is
    written directly.
    """
    if is_device_or_pipe(path):
        with _reported(path), open(path, "w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    with atomic_file_path(path) as temporary, open(temporary, "w", encoding="utf-8", newline="") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def held_until_success(out: TextIO) -> Iterator[TextIO]:
    """Yield a temporary file whose text is copied to `out` only if the block ends without an error.

    For a stream, which no rename can protect: a run that fails part way writes nothing at all.
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
        yield spool
        spool.seek(0)
        shutil.copyfileobj(spool, out)


def is_device_or_pipe(path: Path) -> bool:
    """True when `path` exists and is neither a regular file nor a folder (/dev/stdout, a FIFO)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _mode_for(target: Path) -> int:
    """Keep the permissions of the file being replaced; a new file gets the usual ones (umask)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def _reported(path: Path) -> Iterator[None]:
    """Turn an OSError into an OutputError naming the file, what failed and what to do."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        hint = _HINTS.get(error.errno or 0, "check the disk and the permissions")
        raise OutputError(f"cannot write ({error.strerror or error})", hint, str(path)) from None

"""Write output files atomically: a failure mid-write never destroys an earlier file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .errors import OutputError


def _temporary_beside(path: Path) -> tuple[int, str]:
    """Open a new temporary file in the folder of `path`; (descriptor, name)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"folder {str(folder)!r} does not exist", "create it or choose another -o path", str(path))
    if path.is_dir():
        raise OutputError("is a folder", "give a file name to -o", str(path))
    try:
        return tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write there ({error.strerror})", "choose another -o path", str(path)) from None


@contextmanager
def atomic_file_path(path: Path) -> Iterator[Path]:
    """Yield the path of an empty temporary file beside `path`, renamed over it only on success."""
    fd, temporary = _temporary_beside(path)
    os.close(fd)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    except OSError as error:
        raise OutputError(f"cannot write ({error.strerror})", "check the disk and the permissions", str(path)) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


@contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    """Yield a text handle on a temporary file beside `path`, renamed over it only on success."""
    with atomic_file_path(path) as temporary, open(temporary, "w", encoding="utf-8", newline="") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())

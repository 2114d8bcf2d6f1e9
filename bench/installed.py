"""The package as pip installs it, for the benchmarks: with its modules' bytecode written."""

from __future__ import annotations

import compileall

from corpus import ROOT


def write_bytecode() -> None:
    """Write the bytecode of every module of the package that lacks it or whose source changed.

    pip writes it when it installs a package, and Python on a module's first import, unless
    PYTHONDONTWRITEBYTECODE forbids it (the development machine sets it): each run of an editable
    install then compiles the whole package again, about 30 ms of start-up no user pays.
    """
    compileall.compile_dir(ROOT / "csto_timeline", quiet=1)

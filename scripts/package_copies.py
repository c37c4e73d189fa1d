"""Copies of a package for the step mutants' spec runs, at fixed paths, so that their bytecode is kept.

A spec run imports the whole step library from its copy. Compiled afresh, and rewritten by
pytest for its assertions, that was about 0.4 s of a run of 2 s on the bundled site. Each
job reuses a folder of its own, and every run compiles into one bytecode folder
(``PYTHONPYCACHEPREFIX``, which pytest's assertion rewriting honours too), so a module
unchanged since the last run in that folder loads from there.

Python tells a module's bytecode from its source by the source's modification time, in
whole seconds, and its size, which two mutants of one module can share: the bytecode of
every module a run replaces is removed before that run and before the next run in the
same folder, which puts the original back.
"""

from __future__ import annotations

import itertools
import queue
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


class PackageCopies:
    """Folders holding a copy of ``package`` with some modules replaced, one folder per run at a time."""

    def __init__(self, package: Path, root: Path) -> None:
        self.package = package
        self.root = root
        self.bytecode = root / "bytecode"
        self._free: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self._numbers = itertools.count(1)
        # The modules each folder's last run replaced: their bytecode is not the original's.
        self._replaced: dict[Path, set[str]] = {}

    def environment(self, base: Mapping[str, str]) -> dict[str, str]:
        """``base`` with what a spec run needs so that its bytecode is kept for the next runs."""
        # Written even where the caller's environment asks for none: keeping it is the point.
        environment = {name: value for name, value in base.items() if name != "PYTHONDONTWRITEBYTECODE"}
        return {**environment, "PYTHONPYCACHEPREFIX": str(self.bytecode)}

    @contextmanager
    def copy(self, replaced: dict[str, str] | None = None) -> Iterator[tuple[Path, Path]]:
        """A copy with each module of ``replaced`` (a path in the package) given its new source.

        Yields the folder to put first on the import path, and an empty work folder.
        """
        replaced = replaced or {}
        folder = self._take()
        try:
            shutil.rmtree(folder, ignore_errors=True)
            copy = folder / "import" / self.package.name
            shutil.copytree(self.package, copy, ignore=shutil.ignore_patterns("__pycache__"))
            for module in self._replaced.get(folder, set()) | replaced.keys():
                self._forget_bytecode(copy / module)
            for module, source in replaced.items():
                (copy / module).write_text(source)
            self._replaced[folder] = set(replaced)
            (folder / "work").mkdir()
            yield folder / "import", folder / "work"
        finally:
            self._free.put(folder)

    def _take(self) -> Path:
        try:
            return self._free.get_nowait()
        except queue.Empty:
            return self.root / f"copy-{next(self._numbers)}"

    def _forget_bytecode(self, source: Path) -> None:
        # Where Python (importlib.util.cache_from_source) and pytest put it under the prefix.
        folder = self.bytecode / source.parent.relative_to(source.parent.anchor)
        for compiled in folder.glob(f"{source.stem}.*.pyc"):
            compiled.unlink(missing_ok=True)

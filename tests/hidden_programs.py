"""A PATH like this process's, less some programs: what a machine that lacks them finds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def path_without(programs: set[str], folder: Path) -> str:
    """``PATH`` with each folder that holds one of ``programs`` replaced by links to its other files."""
    entries = []
    for index, entry in enumerate(os.environ.get("PATH", "").split(os.pathsep)):
        source = Path(entry)
        if not any((source / program).exists() for program in programs):
            entries.append(entry)
            continue
        mirror = folder / f"path-{index}"
        mirror.mkdir(parents=True)
        for found in source.iterdir():
            if found.name not in programs:
                (mirror / found.name).symlink_to(found)
        entries.append(str(mirror))
    path = os.pathsep.join(entries)
    still_found = {program for program in programs if shutil.which(program, path=path)}
    assert not still_found, f"still on the PATH made without them: {still_found}"
    return path

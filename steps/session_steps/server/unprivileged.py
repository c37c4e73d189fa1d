"""The user a server runs as where the run is root: servers refuse root, or should never have it."""

from __future__ import annotations

import os
import pwd
import shutil
import tempfile
from pathlib import Path

from session_steps.server.processes import is_root

# Every Unix system has it; a server package's own user is preferred where it exists.
FALLBACK_USER = "nobody"


def server_user(preferred: str) -> str:
    """``preferred`` where the system has that user (the server package's own), else ``nobody``."""
    try:
        pwd.getpwnam(preferred)
    except KeyError:
        return FALLBACK_USER
    return preferred


def owned_folder(prefix: str, user: str) -> Path:
    """A new folder in the system's temporary folder, owned by ``user`` where the run is root.

    Not in pytest's temporary folder: as root, that is root's alone, and another user cannot
    reach a folder inside it.
    """
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    hand_over(folder, user)
    return folder


def hand_over(path: Path, user: str) -> None:
    """Make ``user`` the owner of ``path``, where the run is root (where it is not, the run's user owns it)."""
    if is_root():
        entry = pwd.getpwnam(user)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def remove_folder(folder: Path) -> None:
    """Remove a folder made by ``owned_folder``, whatever its server left in it."""
    shutil.rmtree(folder, ignore_errors=True)


def run_folder(prefix: str, user: str) -> Path:
    """A folder of this process's own (``owned_folder``), after removing those of earlier runs that were killed.

    Its name holds this process's id: a run killed before it could remove its folder
    leaves one whose process is gone, which the next run removes.
    """
    for stale in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        pid = stale.name.removeprefix(prefix).partition("-")[0]
        if pid.isdigit() and not process_exists(int(pid)):
            remove_folder(stale)
    return owned_folder(f"{prefix}{os.getpid()}-", user)


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's
    return True

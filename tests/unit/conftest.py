"""Unit tests compute without a server or a browser: one that starts a process fails, naming it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

PROC = Path("/proc")


def child_processes() -> dict[int, str]:
    """This process's live children, by id, with their command names (from Linux's /proc)."""
    found: dict[int, str] = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # it ended while we looked
            continue
        # "pid (command) state ppid ...": the command may itself hold spaces and parentheses.
        command = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found[int(stat.parent.name)] = command
    return found


@pytest.fixture(autouse=True)
def starts_no_process() -> Iterator[None]:
    """Fail a unit test that leaves a process of its own running: a server or a browser it asked for."""
    before = child_processes()
    yield
    started = {pid: command for pid, command in child_processes().items() if pid not in before}
    assert not started, (
        f"this unit test started {sorted(started.values())}: a unit test asks for no server, store or "
        "browser fixture; test the whole in a test beside tests/unit"
    )

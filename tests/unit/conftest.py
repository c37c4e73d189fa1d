"""Unit tests compute without a server or a browser: a module whose tests start a process fails, naming it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

PROC = Path("/proc")


def child_processes() -> dict[int, str]:
    """This process's live children, by id, with their command lines (from Linux's /proc)."""
    found: dict[int, str] = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            # "pid (name) state ppid ...": the name may itself hold spaces and parentheses.
            state, parent = text[text.rindex(")") + 2 :].split()[:2]
            if int(parent) == os.getpid() and state != "Z":
                command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found[int(stat.parent.name)] = command.strip()[:100]
        except OSError:  # it ended while we looked
            continue
    return found


# Once a module, not once a test: reading /proc twice for every test would double the time.
@pytest.fixture(scope="module", autouse=True)
def starts_no_process(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the unit tests of a module that leave a process of their own running: a server, a browser."""
    before = child_processes()
    yield
    started = {pid: command for pid, command in child_processes().items() if pid not in before}
    assert not started, (
        f"a test of {request.module.__name__} started {sorted(started.values())}: a unit test asks for no "
        "server, store or browser fixture; test the whole in a test beside tests/unit"
    )

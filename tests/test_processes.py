"""The processes the plugin starts end with the process that started them, however it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from session_steps.matrix.cells import ENGINES, Cell
from session_steps.pytest_plugin.options import DEFAULT_SITE_SETTINGS
from session_steps.server import processes
from session_steps.server.served_sites import SitePool

# A process that starts `sleep` through the plugin, prints its pid, then does what it is told.
STARTER = textwrap.dedent(
    """\
    import os, sys, time
    from session_steps.server import processes
    started = processes.start(["sleep", "60"], open(os.devnull, "wb"))
    print(started.pid, flush=True)
    if sys.argv[1] == "wait":
        time.sleep(60)
    """
)


def start_sleep_through(then: str) -> tuple[subprocess.Popen[str], int]:
    """A starter process and the pid of the ``sleep`` it started."""
    starter = subprocess.Popen([sys.executable, "-c", STARTER, then], stdout=subprocess.PIPE, text=True)
    assert starter.stdout is not None
    return starter, int(starter.stdout.readline())


def is_running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def ends_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while is_running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not is_running(pid)


def kill_if_running(pid: int) -> None:
    if is_running(pid):
        os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_a_started_process_ends_when_its_starter_is_killed() -> None:
    starter, sleeper = start_sleep_through("wait")
    try:
        starter.kill()
        starter.wait()
        assert ends_within(sleeper, 10), "the started process outlived its starter's SIGKILL"
    finally:
        kill_if_running(sleeper)


def test_started_processes_are_stopped_when_their_starter_exits() -> None:
    starter, sleeper = start_sleep_through("exit")
    try:
        assert starter.wait(timeout=30) == 0
        # At exit, not by the parent-death signal: a normal exit stops them before it is over.
        assert not is_running(sleeper)
    finally:
        kill_if_running(sleeper)


def test_stopping_ends_the_whole_group_even_what_ignores_sigterm(tmp_path: Path) -> None:
    # A leader and its child, both deaf to SIGTERM, as a hung server and its worker would be.
    script = "trap '' TERM; sleep 60 & echo $!; wait"
    with (tmp_path / "output").open("wb") as output:
        leader = processes.start(["sh", "-c", script], output)
    deadline = time.monotonic() + 10
    while not (tmp_path / "output").read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int((tmp_path / "output").read_text())
    try:
        started = time.monotonic()
        processes.stop(leader, timeout=0.5)
        assert time.monotonic() - started < 5
        assert leader.returncode == -signal.SIGKILL
        assert ends_within(child, 5), "the leader's child outlived the stop"
    finally:
        kill_if_running(child)


def test_off_the_main_thread_no_parent_death_signal_is_armed() -> None:
    # The kernel would send it when that thread ends, stopping the server long before the run.
    commands: list[list[str]] = []
    thread = threading.Thread(target=lambda: commands.append(processes.with_parent_death_signal(["sleep", "1"])))
    thread.start()
    thread.join()
    assert commands == [["sleep", "1"]]


def test_a_site_pool_stops_each_cells_second_server_with_the_first(tmp_path: Path) -> None:
    cell = Cell(ENGINES["file"], "wsgi")
    pool = SitePool(tmp_path, DEFAULT_SITE_SETTINGS, [cell])
    try:
        first, second = pool.server(cell), pool.second_server(cell)
        pids = [first.pid, second.pid]
        assert None not in pids and all(is_running(pid) for pid in pids if pid)
        assert first.url != second.url, "two servers of one host, on two ports"
        assert pool.second_server(cell) is second, "started once, on first use"
    finally:
        pool.close()
    assert not [pid for pid in pids if pid and is_running(pid)], "a server outlived its pool"

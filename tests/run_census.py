"""The processes of one spec run, found by the marker in their environment or by their session."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spec_runner import PROJECT, TESTS

from session_steps.matrix.machine import MEMCACHED_SERVER, POSTGRESQL_SERVER, REDIS_SERVER

RUN_MARKER = "SESSION_SPEC_RUN_ID"

# Several cells, so that a run has several servers of each kind, and the servers of the
# caches and databases the run starts itself (Redis, Memcached, PostgreSQL), where installed.
HAS_POSTGRESQL = POSTGRESQL_SERVER.path() is not None
ENGINES = (
    "db",
    "file",
    *(("cache-redis",) if REDIS_SERVER.path() else ()),
    *(("cache-memcached",) if MEMCACHED_SERVER.path() else ()),
)
CELLS = (
    *(f"--session-engine={engine}" for engine in ENGINES),
    "--server=all",
    *(("--database=all",) if HAS_POSTGRESQL else ()),
)
# db runs on PostgreSQL too, where it is installed.
CELL_COUNT = (len(ENGINES) + HAS_POSTGRESQL) * 2
# The command of each of those servers, as the run's processes show it.
STORE_SERVERS = tuple(
    program.command for program in (REDIS_SERVER, MEMCACHED_SERVER, POSTGRESQL_SERVER) if program.path()
)


# pytest, hearing SIGINT as Ctrl-C even where this process ignores it (a job started in the
# background by a shell without job control does), since Python keeps an inherited SIG_IGN.
PYTEST_HEARING_SIGINT = (
    "import signal, sys, pytest; signal.signal(signal.SIGINT, signal.default_int_handler); sys.exit(pytest.main())"
)


@dataclass(frozen=True)
class RunProcess:
    """One live process of a run, as /proc shows it."""

    pid: int
    parent: int
    session: int
    marked: bool
    command: str
    settings_module: str = ""  # DJANGO_SETTINGS_MODULE of a server of the site

    @property
    def is_second_server(self) -> bool:
        """Whether it serves the second server of a cell (the scenarios of a site served by several)."""
        return self.settings_module.endswith("_second_server")

    def __str__(self) -> str:
        return f"{self.pid} (parent {self.parent}): {self.command}"


def read_process(pid: int, marker: bytes) -> RunProcess | None:
    """The process ``pid``, or None if it has ended (a zombie has ended too)."""
    folder = Path(f"/proc/{pid}")
    try:
        stat = (folder / "stat").read_text()
        environ = (folder / "environ").read_bytes()
        command = (folder / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The fields after the command name, which may itself hold spaces and parentheses.
    state, parent, _group, session = stat.rsplit(")", 1)[1].split()[:4]
    if state in ("Z", "X"):
        return None
    variables = environ.split(b"\0")
    settings = next((v for v in variables if v.startswith(b"DJANGO_SETTINGS_MODULE=")), b"").partition(b"=")[2]
    return RunProcess(pid, int(parent), int(session), marker in variables, command, settings.decode(errors="replace"))


@dataclass(frozen=True)
class Survivors:
    """Processes alive at a moment, those still alive after a grace period, and how long it took."""

    at_first: list[RunProcess]
    remaining: list[RunProcess]
    seconds: float

    def __str__(self) -> str:
        listed = "".join(f"\n{process}" for process in self.remaining)
        return f"{len(self.at_first)} alive, {len(self.remaining)} after {self.seconds:.1f} s{listed}"


class SpecRun:
    """The feature suite in a pytest of its own, in a session of its own, marked by a unique id.

    Its processes are those whose environment carries the run's marker, and those of a
    session such a process leads: some programs (redis-server, Chromium's helpers) write
    their process title over the environment that /proc shows, and Playwright starts the
    browser in a session of its own. Never by name: the machine runs other spec runs.
    """

    def __init__(self, log: Path, *args: str, command: list[str] | None = None) -> None:
        self.run_id = uuid.uuid4().hex
        self._marker = f"{RUN_MARKER}={self.run_id}".encode()
        self.log = log
        # Another program than the feature suite (``command``) is watched the same way.
        command = command or [
            sys.executable,
            "-c",
            PYTEST_HEARING_SIGINT,
            str(TESTS / "test_features.py"),
            f"--output={log.parent / 'artifacts'}",
            "--tracing=off",
            "--screenshot=off",
            "--reruns=0",
            "-p",
            "no:cacheprovider",
            "-q",
            *args,
        ]
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                command,
                cwd=PROJECT,
                env={**os.environ, RUN_MARKER: self.run_id},
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.sessions = {self.process.pid}

    def processes(self) -> list[RunProcess]:
        """The run's live processes, the pytest process included while it runs."""
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            process = read_process(int(entry), self._marker)
            if process is not None and (process.marked or process.session in self.sessions):
                found.append(process)
        # A marked process that leads a session of its own (the browser) brings its session in.
        self.sessions |= {process.session for process in found if process.marked}
        return found

    def test_processes(self) -> list[int]:
        """The processes that run tests: pytest itself, or its pytest-xdist workers."""
        children = [process.pid for process in self.processes() if process.parent == self.process.pid]
        workers = [pid for pid in children if "exec(eval(sys.stdin.readline()))" in _command(pid)]
        return workers or [self.process.pid]

    def wait_until_servers_run(self, servers_each: int, timeout: float = 240) -> None:
        """Wait until every test process runs ``servers_each`` site servers and a browser driver."""

        def ready() -> bool:
            processes = self.processes()
            for test_process in self.test_processes():
                children = [process.command for process in processes if process.parent == test_process]
                servers = [command for command in children if " -m gunicorn" in command or " -m uvicorn" in command]
                drivers = [command for command in children if "playwright" in command]
                if len(servers) < servers_each or not drivers:
                    return False
            return True

        self._wait_for(ready, timeout, "the run's servers and browser did not start")

    def children(self, pid: int) -> list[RunProcess]:
        """The run's processes that ``pid`` started itself."""
        return [process for process in self.processes() if process.parent == pid]

    def wait_until_second_servers_run(self, count: int, timeout: float = 240) -> None:
        """Wait until the run's test processes have started ``count`` second servers of their cells, all running."""

        def ready() -> bool:
            tests = set(self.test_processes())
            started = [process for process in self.processes() if process.parent in tests and process.is_second_server]
            return len(started) >= count

        self._wait_for(ready, timeout, f"{count} second servers did not start")

    def wait_until_running(self, commands: tuple[str, ...], timeout: float = 240) -> None:
        """Wait until, for each of ``commands``, a process of the run has it in its command line."""

        def ready() -> bool:
            running = [process.command for process in self.processes()]
            return all(any(part in command for command in running) for part in commands)

        self._wait_for(ready, timeout, f"the run's {', '.join(commands)} did not all start")

    def signal(self, number: signal.Signals, pid: int | None = None) -> None:
        """Send a signal to the run's pytest process (or another of its processes)."""
        os.kill(self.process.pid if pid is None else pid, number)

    def wait_for_end(self, timeout: float = 120) -> int:
        """The run's exit code, once it has ended."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as expired:
            raise AssertionError(f"the run did not end within {timeout} s:\n{self.output()}") from expired

    def survivors(self, grace: float, among: set[int] | None = None) -> Survivors:
        """The run's processes (or those of ``among``) alive now, and any still alive ``grace`` seconds later."""

        def alive() -> list[RunProcess]:
            return [process for process in self.processes() if among is None or process.pid in among]

        started = time.monotonic()
        at_first = remaining = alive()
        while remaining and time.monotonic() < started + grace:
            time.sleep(0.2)
            remaining = alive()
        return Survivors(at_first, remaining, time.monotonic() - started)

    def descendants(self, pid: int) -> set[int]:
        """The run's processes started by ``pid``, directly or not."""
        children: dict[int, list[int]] = {}
        for process in self.processes():
            children.setdefault(process.parent, []).append(process.pid)
        found, pending = set(), [pid]
        while pending:
            for child in children.get(pending.pop(), []):
                found.add(child)
                pending.append(child)
        return found

    def output(self, lines: int = 40) -> str:
        """The end of what the run printed."""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def end(self) -> None:
        """Kill whatever of the run is still alive, by process id: a failed test leaves nothing behind."""
        for process in self.processes():
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def _wait_for(self, condition: Callable[[], bool], timeout: float, failure: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"{failure}: the run ended first\n{self.output()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{failure} within {timeout} s\n{self.output()}")
            time.sleep(0.1)


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""

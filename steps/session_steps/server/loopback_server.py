"""A server program of the run's own on a free loopback port: started, awaited until it answers, stopped with the run.

Redis, Memcached and PostgreSQL differ only in their command line and in how they say they
are ready; the rest (the port, the deadline, the log shown on failure, the end with the run
through ``processes``) is here once.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

from session_steps.errors import SpecSetupError
from session_steps.matrix.machine import ServerProgram
from session_steps.server import processes

# The end of a server's log names why it did not start; its whole length would bury it.
LOG_LINES = 15
START_TIMEOUT_S = 10.0


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def last_lines(path: Path, count: int = LOG_LINES) -> str:
    """The last ``count`` lines of a log file (nothing where there is no file)."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-count:])
    except FileNotFoundError:
        return ""


class LoopbackServer(processes.OneProcess):
    """A private server listening on ``host`` alone, on a port free when it starts.

    A subclass gives ``program`` (with what to install where it is missing), ``command``
    and ``ready``; ``user`` is the user it runs as where the run is root (None: as root).
    """

    program: ServerProgram
    purpose = "its engine cannot run"
    user: str | None = None
    stop_signal = signal.SIGTERM

    def __init__(self, folder: Path, host: str = "127.0.0.1") -> None:
        self.folder = folder
        self.host = host
        self.port = 0
        self.log_path = folder / f"{self.program.command}.log"
        self._process: subprocess.Popen[bytes] | None = None

    def command(self, executable: str) -> list[str]:
        """The server's command line, listening on ``self.host`` and ``self.port``."""
        raise NotImplementedError

    def ready(self) -> bool:
        """Whether the server answers as it does once it is ready."""
        raise NotImplementedError

    def executable(self) -> str:
        """The server program's path; a one-line error naming what to install where it is missing."""
        found = self.program.path()
        if found is None:
            raise SpecSetupError(f"{self.program.not_installed}: {self.purpose}")
        return found

    def start(self, timeout: float = START_TIMEOUT_S) -> None:
        """Start the server and wait until it is ready; a failure stops it and shows its log's last lines."""
        executable = self.executable()
        self.folder.mkdir(parents=True, exist_ok=True)
        # None of these servers can take a listening socket, so a free port is picked just before.
        self.port = free_port(self.host)
        with self.log_path.open("wb") as log:
            self._process = processes.start(self.command(executable), log, stop_signal=self.stop_signal, user=self.user)
        deadline = time.monotonic() + timeout
        while not self.ready():
            exited = self._process.poll() is not None
            if exited or time.monotonic() > deadline:
                self.stop()
                what = "exited" if exited else f"did not answer within {timeout:.0f} s"
                raise SpecSetupError(
                    f"{self.program.command} did not start: it {what} (log: {self.log_path})", last_lines(self.log_path)
                )
            time.sleep(0.02)

    def ask(self, question: bytes, answer_starts: bytes) -> bool:
        """Whether the server answers ``question`` with a reply that starts with ``answer_starts``."""
        try:
            with socket.create_connection((self.host, self.port), timeout=0.5) as connection:
                connection.sendall(question)
                return connection.recv(64).startswith(answer_starts)
        except OSError:
            return False

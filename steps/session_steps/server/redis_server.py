"""A real redis-server on a free loopback port, for the Redis-cache session engine."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

from session_steps.errors import SpecSetupError
from session_steps.matrix.machine import REDIS_SERVER
from session_steps.server import processes

REDIS_MISSING = f"{REDIS_SERVER.not_installed}: the Redis-cache engine cannot run"


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """A private redis-server: no persistence, loopback only, stopped with the run."""

    def __init__(self, folder: Path, host: str = "127.0.0.1") -> None:
        self.folder = folder
        self.host = host
        self.port = 0
        self.log_path = folder / "redis.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}/0"

    def start(self, timeout: float = 10.0) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise SpecSetupError(REDIS_MISSING)
        self.folder.mkdir(parents=True, exist_ok=True)
        # redis-server cannot take a listening socket, so a free port is picked just before.
        self.port = free_port(self.host)
        command = [executable, "--bind", self.host, "--port", str(self.port), "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.folder)]
        with self.log_path.open("wb") as log:
            self._process = processes.start(command, log)
        deadline = time.monotonic() + timeout
        while not self.ping():
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SpecSetupError(f"redis-server did not start (log: {self.log_path})", self.log_path.read_text())
            time.sleep(0.02)

    def ping(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        """The redis-server process, once started."""
        return self._process

    def stop(self) -> None:
        process, self._process = self._process, None
        processes.stop(process)

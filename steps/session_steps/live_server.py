"""The site under test served by gunicorn in a process of its own, on a loopback port."""

from __future__ import annotations

import errno
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from session_steps.errors import SpecSetupError
from session_steps.site_instance import SiteInstance

LISTENING = re.compile(r"Listening at: http://[^\s]+:(\d+)")
LOG_TAIL_LINES = 20


class LiveServer:
    """A gunicorn process serving one ``SiteInstance``; its output goes to a log file."""

    def __init__(
        self,
        instance: SiteInstance,
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int = 8,
    ) -> None:
        self.instance = instance
        self.host = host
        self.requested_port = port
        self.threads = threads
        self.log_path = instance.folder / "server.log"
        self.port: int | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("the server has not started")
        return f"http://{self.host}:{self.port}"

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            f"--bind={self.host}:{self.requested_port}",
            # One process, so that a process-local session store (the local-memory cache)
            # is the same for every request; threads keep the browser from queueing.
            "--workers=1",
            "--worker-class=gthread",
            f"--threads={self.threads}",
            # Import the site before forking, so a broken site fails fast and visibly.
            "--preload",
            "--graceful-timeout=3",
            # Several servers may run at once (one per pytest-xdist worker).
            "--no-control-socket",
            "--access-logfile=-",
            "--error-logfile=-",
            "django.core.wsgi:get_wsgi_application()",
        ]

    def start(self, timeout: float = 30.0) -> None:
        """Start gunicorn and wait until it answers HTTP, or raise ``SpecSetupError``."""
        if self.requested_port:
            ensure_port_free(self.host, self.requested_port)
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                self.command(),
                env=self.instance.environ(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + timeout
        self.port = self._wait_for_port(deadline)
        self._wait_for_http(deadline)

    def _wait_for_port(self, deadline: float) -> int:
        while time.monotonic() < deadline:
            match = LISTENING.search(self.log_text())
            if match:
                return int(match.group(1))
            self.check_alive()
            time.sleep(0.02)
        raise self._failure("the site's server did not start listening in time")

    def _wait_for_http(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=max(deadline - time.monotonic(), 0.1))
                return
            except urllib.error.HTTPError:
                return  # any HTTP answer, 404 included, means Django is serving
            except (urllib.error.URLError, OSError):
                self.check_alive()
                time.sleep(0.05)
        raise self._failure("the site's server did not answer HTTP in time")

    def poll_exit_code(self) -> int | None:
        """The server's exit code if it has exited, else None."""
        return None if self._process is None else self._process.poll()

    def check_alive(self) -> None:
        """Raise ``SpecSetupError`` if the server process has exited."""
        if self._process is not None and self._process.poll() is not None:
            raise self._failure(f"the site's server exited with code {self._process.returncode}")

    def _failure(self, message: str) -> SpecSetupError:
        tail = "\n".join(self.log_text().splitlines()[-LOG_TAIL_LINES:])
        cause = last_error_line(tail)
        return SpecSetupError(f"{message}{': ' + cause if cause else ''} (log: {self.log_path})", tail)

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_text(self, since: int = 0) -> str:
        """The server's log from byte offset ``since``."""
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as log:
            log.seek(since)
            return log.read().decode(errors="replace")

    def stop(self) -> None:
        """Stop gunicorn gracefully, and for good if it lingers."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ensure_port_free(host: str, port: int) -> None:
    """Raise ``SpecSetupError`` when ``port`` is taken, instead of gunicorn retrying for long."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            raise SpecSetupError(
                f"port {port} on {host} is busy: pass another --site-port, or leave it out to use a free port"
            ) from error


def last_error_line(log: str) -> str:
    """The line of a log most likely to name the cause: the last traceback's last line."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for line in reversed(lines):
        if re.match(r"^[\w.]+(Error|Exception|Exit)\b", line):
            return line
    return ""

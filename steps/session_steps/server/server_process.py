"""The site under test served in a process of its own: gunicorn for WSGI, uvicorn for ASGI."""

from __future__ import annotations

import errno
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from session_steps.errors import SpecSetupError
from session_steps.server import processes
from session_steps.server.overlays import SiteInstance
from session_steps.server.tls import SiteCertificate

LOG_TAIL_LINES = 20


def tls_options(protocol: str, certificate: SiteCertificate | None) -> list[str]:
    """The server's options for serving HTTPS with ``certificate``; none for plain HTTP."""
    if certificate is None:
        return []
    prefix = "--ssl-" if protocol == "asgi" else "--"
    return [f"{prefix}certfile={certificate.chain_path}", f"{prefix}keyfile={certificate.key_path}"]


def server_command(protocol: str, fd: int, threads: int, certificate: SiteCertificate | None = None) -> list[str]:
    """The command serving the Django project on an inherited listening socket (over TLS with a certificate)."""
    tls = tls_options(protocol, certificate)
    if protocol == "asgi":
        return [
            sys.executable,
            "-m",
            "uvicorn",
            f"--fd={fd}",
            "--factory",
            # The site's ASGI_APPLICATION where its settings name one, else Django's handler.
            "session_steps.server.asgi_app:site_application",
            "--lifespan=off",  # Django's ASGI handler does not implement lifespan
            "--timeout-graceful-shutdown=3",
            *tls,
        ]
    return [
        sys.executable,
        "-m",
        "gunicorn",
        f"--bind=fd://{fd}",
        # One process, so that a process-local session store (the local-memory cache)
        # is the same for every request; threads keep the browser from queueing.
        "--workers=1",
        "--worker-class=gthread",
        f"--threads={threads}",
        # Import the site before forking, so a broken site fails fast and visibly.
        "--preload",
        "--graceful-timeout=3",
        # Several servers may run at once (one per pytest-xdist worker).
        "--no-control-socket",
        "--access-logfile=-",
        "--error-logfile=-",
        *tls,
        "django.core.wsgi:get_wsgi_application()",
    ]


class ServerProcess(processes.OneProcess):
    """One server process for one ``SiteInstance``; its output goes to a log file.

    The listening socket is bound here and handed to the server, so the port is known
    (and a busy one reported) before the server starts, and no other process can take it.
    With a ``certificate`` it serves HTTPS.
    """

    def __init__(
        self,
        instance: SiteInstance,
        protocol: str = "wsgi",
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int = 8,
        certificate: SiteCertificate | None = None,
        name: str | None = None,
    ) -> None:
        self.instance = instance
        self.certificate = certificate
        self.protocol = protocol
        self.host = host
        self.requested_port = port
        self.threads = threads
        # One log per server: cells of a matrix share the run's folder.
        self.name = name or protocol
        self.log_path = instance.folder / f"{self.name}-server.log"
        self.port: int | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("the server has not started")
        scheme = "https" if self.certificate else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        """Start the server and wait until it answers HTTP, or raise ``SpecSetupError``."""
        with bind_listener(self.host, self.requested_port) as listener, self.log_path.open("wb") as log:
            self.port = listener.getsockname()[1]
            self._process = processes.start(
                server_command(self.protocol, listener.fileno(), self.threads, self.certificate),
                log,
                env=self.instance.environ(),
                pass_fds=(listener.fileno(),),
            )
        self._wait_for_http(time.monotonic() + timeout)

    def _wait_for_http(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(
                    self.url + "/", timeout=max(deadline - time.monotonic(), 0.1), context=self.client_context
                )
                return
            except urllib.error.HTTPError:
                return  # any HTTP answer, 404 included, means Django is serving
            except (urllib.error.URLError, OSError):
                self.check_alive()
                time.sleep(0.05)
        raise self._failure("the site's server did not answer HTTP in time")

    @property
    def client_context(self) -> ssl.SSLContext | None:
        """For HTTPS, a TLS context that trusts the server's certificate; None over HTTP."""
        return self.certificate.client_context if self.certificate else None

    def poll_exit_code(self) -> int | None:
        """The server's exit code if it has exited, else None."""
        return None if self._process is None else self._process.poll()

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return None if self._process is None else self._process.pid

    def exit_description(self) -> str | None:
        """How the server ended ("exited with code 1", "was killed by SIGKILL"), or None while it runs."""
        code = self.poll_exit_code()
        if code is None:
            return None
        if code < 0:
            return f"was killed by {signal.Signals(-code).name}"
        return f"exited with code {code}"

    def check_alive(self) -> None:
        """Raise ``SpecSetupError`` if the server process has exited."""
        death = self._death()
        if death is not None:
            raise death

    def died_message(self) -> str | None:
        """One line saying the server has ended, with its log's last error and path; None while it runs."""
        death = self._death()
        return None if death is None else str(death)

    def _death(self) -> SpecSetupError | None:
        ended = self.exit_description()
        return None if ended is None else self._failure(f"the site's {self.protocol} server {ended}")

    def _failure(self, message: str) -> SpecSetupError:
        tail = "\n".join(self.log_text().splitlines()[-LOG_TAIL_LINES:])
        cause = last_error_line(since_last_request(tail))
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


# The server a test used and its log's size when the test began: for the failure report.
SERVER_IN_USE = pytest.StashKey[tuple[ServerProcess, int]]()
# The same for the second server of a site served by several, where a test used one.
SECOND_SERVER_IN_USE = pytest.StashKey[tuple[ServerProcess, int]]()


def bind_listener(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (0: any free port); a busy port is a clear error."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        if error.errno != errno.EADDRINUSE:
            raise
        raise SpecSetupError(
            f"port {port} on {host} is busy: pass another --site-port, or leave it out to use a free port"
        ) from error
    listener.listen(128)
    return listener


# An access-log line of gunicorn or uvicorn: '"GET /path/ HTTP/1.1" 200'.
REQUEST_LINE = re.compile(r'"[A-Z]+ \S+ HTTP/[\d.]+" \d{3}')


def since_last_request(log: str) -> str:
    """The log after the last request it served: a traceback before it was that request's, not a death's."""
    lines = log.splitlines()
    served = [index for index, line in enumerate(lines) if REQUEST_LINE.search(line)]
    return "\n".join(lines[served[-1] + 1 :] if served else lines)


def last_error_line(log: str) -> str:
    """The line of a log most likely to name the cause: the last traceback's last line."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for line in reversed(lines):
        if re.match(r"^[\w.]+(Error|Exception|Exit)\b", line):
            return line
    return ""

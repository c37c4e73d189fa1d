"""A real memcached on a free loopback port, for the Memcached session engine."""

from __future__ import annotations

from session_steps.matrix.machine import MEMCACHED_SERVER
from session_steps.server.loopback_server import LoopbackServer
from session_steps.server.unprivileged import server_user


class MemcachedServer(LoopbackServer):
    """A private memcached: TCP on loopback only (no UDP), stopped with the run.

    As root it runs as the Debian package's ``memcache`` user (else ``nobody``), switched to
    before it starts rather than by its own ``-u``: see ``processes.as_user``.
    """

    program = MEMCACHED_SERVER
    purpose = "the Memcached engine cannot run"
    user = server_user("memcache")

    @property
    def location(self) -> str:
        """Its address as Django's memcached caches take it in LOCATION."""
        return f"{self.host}:{self.port}"

    def command(self, executable: str) -> list[str]:
        return [executable, "--listen", self.host, "--port", str(self.port), "--udp-port", "0"]

    def ready(self) -> bool:
        return self.ask(b"version\r\n", b"VERSION")

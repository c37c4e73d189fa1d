"""A real redis-server on a free loopback port, for the Redis-cache session engine."""

from __future__ import annotations

from session_steps.matrix.machine import REDIS_SERVER
from session_steps.server.loopback_server import LoopbackServer


class RedisServer(LoopbackServer):
    """A private redis-server: no persistence, loopback only, stopped with the run."""

    program = REDIS_SERVER
    purpose = "the Redis-cache engine cannot run"

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}/0"

    def command(self, executable: str) -> list[str]:
        return [
            *(executable, "--bind", self.host, "--port", str(self.port)),
            *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
        ]

    def ready(self) -> bool:
        return self.ask(b"PING\r\n", b"+PONG")

    def ping(self) -> bool:
        """Whether it answers PING."""
        return self.ready()

"""The run's own copy of the site: its base settings overlay, migrated databases and the caches' servers."""

from __future__ import annotations

from pathlib import Path

from session_steps.matrix.cells import DATABASES, Cell
from session_steps.server.loopback_server import LoopbackServer
from session_steps.server.memcached_server import MemcachedServer
from session_steps.server.overlays import SiteInstance, migrate, write_base_overlay, write_database_overlay
from session_steps.server.postgresql_cluster import PostgresCluster
from session_steps.server.redis_server import RedisServer


class RunSite:
    """The base overlay every cell's overlay builds on, written and migrated on first use.

    Redis, Memcached and PostgreSQL start with it when a cell of the run keeps sessions
    there: one of each per run, and per pytest-xdist worker, as the SQLite file is.
    """

    def __init__(
        self, folder: Path, settings_module: str, cells: list[Cell], python_path: tuple[str, ...] = ()
    ) -> None:
        self.folder = folder
        self.settings_module = settings_module
        self.cells = cells
        self.python_path = python_path
        self._instance: SiteInstance | None = None
        self._servers: list[LoopbackServer] = []

    def _start(self, server: LoopbackServer) -> None:
        # Kept before it starts: a server that fails to start is stopped with the rest.
        self._servers.append(server)
        server.start()

    def instance(self) -> SiteInstance:
        """The run's base overlay, migrated (and the servers of the run's caches and databases started)."""
        if self._instance is None:
            redis = memcached = postgresql = None
            # Not "redis" or "memcached": the folder is on the servers' import path, where a
            # folder of that name would be imported in place of a missing client package.
            if any(cell.engine.needs_redis for cell in self.cells):
                self._start(redis := RedisServer(self.folder / "redis-data"))
            if any(cell.engine.needs_memcached for cell in self.cells):
                self._start(memcached := MemcachedServer(self.folder / "memcached-log"))
            if any(cell.database == DATABASES["postgresql"] for cell in self.cells):
                self._start(postgresql := PostgresCluster(self.folder / "postgresql-log"))
            more_databases = {DATABASES["postgresql"].alias: postgresql.settings()} if postgresql else {}
            instance = write_base_overlay(
                self.settings_module,
                self.folder,
                self.python_path,
                redis.url if redis else None,
                memcached_location=memcached.location if memcached else None,
                databases=more_databases,
            )
            migrate(instance)
            if postgresql:
                migrate(write_database_overlay(instance, DATABASES["postgresql"]))
            self._instance = instance
        return self._instance

    @property
    def servers(self) -> list[LoopbackServer]:
        """The servers of the run's caches and databases started so far."""
        return list(self._servers)

    def close(self) -> None:
        for server in self._servers:
            server.stop()

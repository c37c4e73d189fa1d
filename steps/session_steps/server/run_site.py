"""The run's own copy of the site: its base settings overlay, a migrated database and the caches' servers."""

from __future__ import annotations

from pathlib import Path

from session_steps.matrix.cells import Cell
from session_steps.server.overlays import SiteInstance, migrate, write_base_overlay
from session_steps.server.redis_server import RedisServer


class RunSite:
    """The base overlay every cell's overlay builds on, written and migrated on first use.

    Redis starts with it when a cell of the run keeps sessions there.
    """

    def __init__(
        self, folder: Path, settings_module: str, cells: list[Cell], python_path: tuple[str, ...] = ()
    ) -> None:
        self.folder = folder
        self.settings_module = settings_module
        self.cells = cells
        self.python_path = python_path
        self._instance: SiteInstance | None = None
        self._redis: RedisServer | None = None

    def instance(self) -> SiteInstance:
        """The run's base overlay, migrated (and Redis started, if a cell needs it)."""
        if self._instance is None:
            redis_url = None
            if any(cell.engine.needs_redis for cell in self.cells):
                # Not "redis": the folder is on the servers' import path, where a folder of
                # that name would be imported in place of a missing redis package.
                self._redis = RedisServer(self.folder / "redis-data")
                self._redis.start()
                redis_url = self._redis.url
            instance = write_base_overlay(self.settings_module, self.folder, self.python_path, redis_url)
            migrate(instance)
            self._instance = instance
        return self._instance

    def close(self) -> None:
        if self._redis is not None:
            self._redis.stop()

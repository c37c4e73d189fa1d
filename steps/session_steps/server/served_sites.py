"""The sites the plugin serves itself: one server process per cell of a run (or a pytest-xdist worker), on demand."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from session_steps.errors import SpecSetupError
from session_steps.matrix.cells import Cell
from session_steps.server import processes
from session_steps.server.database_router import database_overrides
from session_steps.server.overlays import (
    SiteInstance,
    cell_settings,
    write_cell_overlay,
    write_second_server_overlay,
)
from session_steps.server.run_site import RunSite
from session_steps.server.server_process import ServerProcess
from session_steps.server.store_readers import DjangoThread, InProcessStore, ProbeStore, StoreReader
from session_steps.server.tls import SiteCertificate, make_site_certificate


class SitePool:
    """One server per cell, on the run's copy of the site, all stopped together.

    Servers start the first time a scenario of their cell runs, and stay up for the rest
    of the run, so the order in which scenarios run never restarts a server.
    """

    def __init__(
        self,
        folder: Path,
        settings_modules: dict[str, str],
        cells: list[Cell],
        python_path: tuple[str, ...] = (),
        port: int = 0,
        https: bool = False,
        asgi_urlconf: str | None = None,
        trace: bool = False,
    ) -> None:
        self.folder = folder
        # Whether the servers trace each request's session operations (the report is on).
        self.trace = trace
        # A URLconf of async views the ASGI cells serve instead of the settings' ROOT_URLCONF.
        self.asgi_urlconf = asgi_urlconf
        self.settings_modules = settings_modules
        self.cells = cells
        self.port = port
        self.https = https
        self.run_site = RunSite(folder, settings_modules["wsgi"], cells, python_path)
        # Only the run's own tests know it: the store probe answers no one else.
        self.probe_token = secrets.token_urlsafe(16)
        self._certificate: SiteCertificate | None = None
        self._thread: DjangoThread | None = None
        self._servers: dict[Cell, ServerProcess] = {}
        # The second server of a cell, for the scenarios of a site served by several.
        self._second_servers: dict[Cell, ServerProcess] = {}

    def instance(self, cell: Cell) -> SiteInstance:
        """The settings overlay of one cell, on top of the run's base overlay."""
        lacks = cell.missing()
        if lacks:
            # The plugin leaves such cells out of a run; this is for a pool made another way.
            raise SpecSetupError(f"the {cell.id} cell cannot run on this machine: {lacks}")
        return write_cell_overlay(
            self.run_site.instance(),
            self.settings_modules[cell.server],
            cell,
            self.probe_token,
            self.asgi_urlconf,
            trace=self.trace,
        )

    def server(self, cell: Cell) -> ServerProcess:
        """The running server of one cell, started on first use."""
        if cell not in self._servers:
            if self.port and self._servers:
                raise SpecSetupError("--site-port serves one server: use it with one engine and one server")
            server = ServerProcess(
                self.instance(cell), cell.server, port=self.port, certificate=self.certificate(), name=cell.id
            )
            self._servers[cell] = server
            server.start()
        server = self._servers[cell]
        server.check_alive()
        return server

    def second_server(self, cell: Cell) -> ServerProcess:
        """A second server of one cell, on another port of the same host, started on first use.

        It runs the cell's settings on a machine of its own: the same database and cache
        servers, its own memory, its own folder for session files and file-based caches.
        """
        if cell not in self._second_servers:
            instance = write_second_server_overlay(self.instance(cell), cell)
            server = ServerProcess(instance, cell.server, certificate=self.certificate(), name=f"{cell.id}-second")
            self._second_servers[cell] = server
            server.start()
        server = self._second_servers[cell]
        server.check_alive()
        return server

    def certificate(self) -> SiteCertificate | None:
        """With ``https``, the certificate every server of the run serves (made on first use)."""
        if self.https and self._certificate is None:
            self._certificate = make_site_certificate(self.folder / "tls")
        return self._certificate

    def store(self, cell: Cell) -> StoreReader:
        """A reader of the cell's session store, configured like its server."""
        if cell.engine.store_in_server_memory:
            server = self.server(cell)
            return ProbeStore(server.url, self.probe_token, server.client_context)
        overrides = cell_settings(cell, self.folder, self.probe_token, self.asgi_urlconf) | database_overrides(cell)
        return InProcessStore(self.django_thread(), overrides)

    def django_thread(self) -> DjangoThread:
        """The thread where this process uses Django, configured like the servers."""
        if self._thread is None:
            self._thread = DjangoThread(self.run_site.instance())
        return self._thread

    def django_setting(self, name: str) -> object:
        """A setting of the site, as the run's base overlay configures it."""
        return self.django_thread().setting(name)

    def site(self, cell: Cell, cookie_name: str | None = None) -> ServedSite:
        """The site of one cell, its server started; the cookie's name is the site's own unless given."""
        server = self.server(cell)
        return ServedSite(cell, server, self, cookie_name or str(self.django_setting("SESSION_COOKIE_NAME")))

    def close(self) -> None:
        # All at once: each server takes up to a second to shut down, and a pytest-xdist
        # worker told to stop has a few seconds before it is killed.
        servers = [*self._servers.values(), *self._second_servers.values()]
        processes.stop(*(server.process for server in servers))
        if self._thread is not None:
            self._thread.close()
        self.run_site.close()


@dataclass(frozen=True)
class ServedSite:
    """A cell the plugin serves: its server process, and its store and settings read from here."""

    cell: Cell
    server: ServerProcess
    pool: SitePool
    cookie_name: str
    store_unreadable: str | None = None

    @property
    def url(self) -> str:
        return self.server.url

    def store(self) -> StoreReader:
        return self.pool.store(self.cell)

    def setting(self, name: str) -> object:
        return self.pool.django_setting(name)

    def second_server(self) -> ServerProcess:
        return self.pool.second_server(self.cell)

"""The site of one cell, as the steps and the report ask about it, whichever way it runs."""

from __future__ import annotations

from typing import Protocol

from session_steps.errors import SpecSetupError
from session_steps.matrix.cells import Cell
from session_steps.server.server_process import ServerProcess
from session_steps.server.store_readers import StoreReader


class SiteUnreadable(SpecSetupError):
    """The site's store or settings cannot be read from this process; the message says why."""


class Site(Protocol):
    """One cell's site: where it is, how its store and settings are read, and what it logs.

    Three kinds implement it: a site the plugin serves (``ServedSite``), a deployment given
    by ``--base-url`` (``DeployedSite``) and pytest-django's live server (``LiveServerSite``).
    """

    @property
    def cell(self) -> Cell:
        """The cell of the matrix this site is: its session engine (``cell.engine``) behind its
        server protocol (``cell.server``)."""

    @property
    def url(self) -> str:
        """Where the site is served, without a trailing slash unless the base URL has one."""

    @property
    def cookie_name(self) -> str:
        """The session cookie's name."""

    @property
    def store_unreadable(self) -> str | None:
        """Why the session store cannot be read from here, or None when it can."""

    @property
    def server(self) -> ServerProcess | None:
        """The server process this run started for the site, with its log; None for any other."""

    def store(self) -> StoreReader:
        """A reader of the site's session store; raises ``SiteUnreadable`` where ``store_unreadable`` says why."""

    def setting(self, name: str) -> object:
        """A Django setting of the site, as its server has it; raises ``SiteUnreadable`` where it cannot be read."""

"""The site of one cell, as the steps and the report ask about it, whichever way it runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pytest

from session_steps.errors import SpecSetupError
from session_steps.matrix.cells import Cell
from session_steps.server.server_process import ServerProcess
from session_steps.server.store_readers import StoreReader


@dataclass(frozen=True)
class OwnSettings:
    """A project's own settings module, and the option that gave it: how to run a variant of it."""

    option: str  # --site-settings, or pytest-django's --ds
    module: str

    def variant(self, name: str, value: object) -> str:
        """How to run the site with ``name = value``, keeping the rest of its settings."""
        return (
            f"run with {self.option} pointing at a module that does `from {self.module} import *` "
            f"and sets {name} = {value!r}"
        )


# Set when the site is a project's own (not the bundled one): skip reasons advise a variant of it.
OWN_SETTINGS = pytest.StashKey[OwnSettings]()


class SiteUnreadable(SpecSetupError):
    """The site's store or settings cannot be read from this process; the message says why."""


class NoSecondServer(SpecSetupError):
    """The site cannot be served by a second server of the run's own; the message says why."""


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

    def second_server(self) -> ServerProcess:
        """A second server of the same site, on another port of its host, started on first use; raises
        ``NoSecondServer`` where the run serves no site of its own (a deployment, pytest-django's live server)."""

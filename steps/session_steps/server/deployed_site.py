"""A site already running elsewhere (``--base-url``, or a ``base_url`` fixture): only its pages can be read."""

from __future__ import annotations

from dataclasses import dataclass

from session_steps.matrix.cells import Cell
from session_steps.server.server_process import ServerProcess
from session_steps.server.site import SiteUnreadable
from session_steps.server.store_readers import StoreReader

STORE_UNREADABLE = "not checked: the session store of a server given by --base-url cannot be read from here"
SETTINGS_UNREADABLE = "the settings of a server given by --base-url cannot be read from here"
# Django's default; --session-cookie-name names another.
DEFAULT_COOKIE_NAME = "sessionid"


@dataclass(frozen=True)
class DeployedSite:
    """A deployment the run did not start: the browser reaches it, this process reads nothing of it."""

    url: str
    cell: Cell
    cookie_name: str = DEFAULT_COOKIE_NAME
    store_unreadable: str | None = STORE_UNREADABLE
    server: ServerProcess | None = None

    def store(self) -> StoreReader:
        raise SiteUnreadable(STORE_UNREADABLE)

    def setting(self, name: str) -> object:
        raise SiteUnreadable(SETTINGS_UNREADABLE)

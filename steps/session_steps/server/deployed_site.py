"""A site already running elsewhere (``--base-url``, or a ``base_url`` fixture): its pages; its store if it consents."""

from __future__ import annotations

import ssl
from dataclasses import dataclass

from session_steps.matrix.cells import Cell
from session_steps.server.server_process import ServerProcess
from session_steps.server.site import NoSecondServer, SiteUnreadable
from session_steps.server.store_readers import ProbeStore, StoreReader
from session_steps.server.tls import any_certificate

STORE_UNREADABLE = (
    "the session store of a server given by --base-url cannot be read from here"
    " (a deployment that sets SESSION_SPEC_PROBE_SECRET lets --probe-secret read it)"
)
NO_SECOND_SERVER = (
    "a server given by --base-url runs as it was deployed: the run starts no second server of it"
    " (the scenarios of a site served by several servers run on the sites the plugin serves)"
)
SETTINGS_UNREADABLE = "the settings of a server given by --base-url cannot be read from here"
# Django's default; --session-cookie-name names another.
DEFAULT_COOKIE_NAME = "sessionid"


def probe_tls(ignore_https_errors: bool) -> ssl.SSLContext | None:
    """How to reach a deployment's probe over HTTPS: as the browser is told to (``--ignore-https-errors``)."""
    return any_certificate() if ignore_https_errors else None


@dataclass(frozen=True)
class DeployedSite:
    """A deployment the run did not start: the browser reaches it; with the deployment's
    probe secret, this process reads its store through the probe view it mounts."""

    url: str
    cell: Cell
    cookie_name: str = DEFAULT_COOKIE_NAME
    store_unreadable: str | None = STORE_UNREADABLE
    server: ServerProcess | None = None
    probe_secret: str | None = None
    # How to reach the probe over HTTPS (None: the system's trusted authorities).
    tls: ssl.SSLContext | None = None

    def __post_init__(self) -> None:
        if self.probe_secret:
            # The deployment consents to being read, through its probe.
            object.__setattr__(self, "store_unreadable", None)

    def store(self) -> StoreReader:
        if self.store_unreadable is not None or not self.probe_secret:
            raise SiteUnreadable(self.store_unreadable or STORE_UNREADABLE)
        return ProbeStore(self.url, self.probe_secret, self.tls)

    def setting(self, name: str) -> object:
        raise SiteUnreadable(SETTINGS_UNREADABLE)

    def second_server(self) -> ServerProcess:
        raise NoSecondServer(NO_SECOND_SERVER)

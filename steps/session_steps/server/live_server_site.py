"""pytest-django's ``live_server`` as a site: a thread of the test process, on pytest-django's test database."""

from __future__ import annotations

from dataclasses import dataclass

from session_steps.matrix.cells import Cell, configured_engine
from session_steps.matrix.families import (
    FAMILY_SETTING,
    EngineNotImportable,
    declared_family,
    engine_import_error,
    family_here,
)
from session_steps.server.server_process import ServerProcess
from session_steps.server.site import NoSecondServer
from session_steps.server.store_readers import DjangoThread, InProcessStore, StoreReader

# pytest-django's live server is Django's WSGI handler in a thread.
LIVE_SERVER_PROTOCOL = "wsgi"
NO_SECOND_SERVER = (
    "pytest-django's live server is one server, a thread of the test process: the scenarios of a site"
    " served by several servers run on the sites the plugin serves (without session_steps.pytest_django)"
)


def configured_cell(declared: str | None = None) -> Cell:
    """The cell the Django settings of this process configure (pytest-django's ``--ds``), left as they are.

    ``declared`` is the family --session-engine-family gives the engine, if any.
    """
    from django.conf import settings

    alias = getattr(settings, "SESSION_CACHE_ALIAS", "default")
    backend = settings.CACHES.get(alias, {}).get("BACKEND")
    declared = declared or declared_family(getattr(settings, FAMILY_SETTING, None), f"{FAMILY_SETTING} in the settings")
    try:
        found = family_here(settings.SESSION_ENGINE)
    except EngineNotImportable as error:
        raise engine_import_error(settings.SESSION_ENGINE, error) from None
    engine = configured_engine(settings.SESSION_ENGINE, backend, declared or found)
    return Cell(engine, LIVE_SERVER_PROTOCOL, overrides_engine=False)


def settings_module() -> str | None:
    """The name of the settings module this process's Django was configured with (None: ``settings.configure()``)."""
    from django.conf import settings

    module = getattr(settings, "SETTINGS_MODULE", None)
    return str(module) if module else None


@dataclass(frozen=True)
class LiveServerSite:
    """pytest-django's live server: its store and settings are this process's own Django."""

    url: str
    cell: Cell
    thread: DjangoThread
    cookie_name: str
    store_unreadable: str | None = None
    server: ServerProcess | None = None

    def store(self) -> StoreReader:
        return InProcessStore(self.thread, {})

    def setting(self, name: str) -> object:
        return self.thread.setting(name)

    def second_server(self) -> ServerProcess:
        raise NoSecondServer(NO_SECOND_SERVER)

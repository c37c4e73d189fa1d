"""Reading the server's session store from the test process, as the server would."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from typing import Any, TypeVar

from session_steps.site_instance import OVERLAY_MODULE, SiteInstance

T = TypeVar("T")


def configure_django(instance: SiteInstance) -> None:
    """Configure Django in this process like the server, unless something already did."""
    import django
    from django.conf import settings

    if settings.configured:
        django.setup()
        return
    for path in reversed(instance.import_paths):
        if path not in sys.path:
            sys.path.insert(0, path)
    # Only while Django reads it: child processes (a nested pytest run) must not inherit
    # it, or pytest-django, where installed, would set up this run's overlay there.
    previous = os.environ.get("DJANGO_SETTINGS_MODULE")
    os.environ["DJANGO_SETTINGS_MODULE"] = OVERLAY_MODULE
    try:
        django.setup()
    finally:
        if previous is None:
            del os.environ["DJANGO_SETTINGS_MODULE"]
        else:
            os.environ["DJANGO_SETTINGS_MODULE"] = previous


class SessionStoreReader:
    """Loads sessions through the server's own ``SESSION_ENGINE``.

    Playwright's sync API keeps an event loop running in the test's thread, where Django
    refuses database calls; so every call runs in one dedicated thread (which also keeps
    one database connection for the whole run).
    """

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-store")

    def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``function(*args, **kwargs)`` in the store's thread and return its result."""
        return self._thread.submit(function, *args, **kwargs).result()

    def load(self, session_key: str | None) -> dict[str, Any]:
        """The data stored for ``session_key``; empty for no key or an unknown one."""
        if not session_key:
            return {}
        return self.call(_load, session_key)

    def exists(self, session_key: str) -> bool:
        """Whether the store holds a session under ``session_key``."""
        return self.call(_exists, session_key)

    def close(self) -> None:
        self.call(_close_connections)
        self._thread.shutdown()


def _engine() -> Any:
    from django.conf import settings

    return import_module(settings.SESSION_ENGINE)


def _load(session_key: str) -> dict[str, Any]:
    store = _engine().SessionStore(session_key=session_key)
    return dict(store.load())


def _exists(session_key: str) -> bool:
    return bool(_engine().SessionStore().exists(session_key))


def _close_connections() -> None:
    from django.db import connections

    connections.close_all()

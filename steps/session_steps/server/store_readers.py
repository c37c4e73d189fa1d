"""Reading the server's session store from the test process, as the server would."""

from __future__ import annotations

import json
import os
import ssl
import sys
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from session_steps.server import django_store
from session_steps.server.django_store import KeptInCookies, NotCountable, StoreCount
from session_steps.server.overlays import SiteInstance
from session_steps.server.probe_protocol import KEY_HEADER, PROBE_PATH, TOKEN_HEADER
from session_steps.server.run_caches import NotClearable

T = TypeVar("T")


class StoreReader(Protocol):
    """What the steps ask of a server's session store."""

    def load(self, session_key: str | None) -> dict[str, Any]:
        """The session a request with ``session_key`` gets (None: a request without a cookie)."""

    def exists(self, session_key: str) -> bool:
        """Whether the store holds a session under ``session_key``."""

    def start(self, data: dict[str, Any]) -> str:
        """Store a new session holding ``data``, as the site's engine would; the value of its cookie."""

    def cache_holds(self, session_key: str) -> bool:
        """Whether the engine's cache holds the session (cache and cached_db engines)."""

    def clear_cache(self) -> None:
        """Empty the cache the engine keeps sessions in of the run's keys.

        Raises ``NotClearable`` (saying why) for a cache shared with others whose keys of the run cannot be listed.
        """

    def session_files(self) -> list[str]:
        """The names of the files in ``SESSION_FILE_PATH`` (file engine)."""

    def count(self) -> StoreCount:
        """How many sessions the store holds now.

        Raises ``KeptInCookies`` for an engine that keeps each session in its cookie, and
        ``NotCountable`` (saying why) for a store that cannot be counted from here.
        """


class DjangoThread:
    """The one thread where this process uses Django, configured like the site's servers.

    Playwright's sync API keeps an event loop running in the test's thread, where Django
    refuses database calls; a dedicated thread also keeps one connection for the run.
    """

    def __init__(self, instance: SiteInstance | None = None) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="django")
        self.call(configure_django, instance)

    def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``function(*args, **kwargs)`` in Django's thread and return its result."""
        return self._executor.submit(function, *args, **kwargs).result()

    def setting(self, name: str) -> object:
        """A setting of the Django this thread configured."""
        return self.call(_setting, name)

    def close(self) -> None:
        self.call(django_store.close_connections)
        self._executor.shutdown()


def _setting(name: str) -> object:
    from django.conf import settings

    return getattr(settings, name)


def configure_django(instance: SiteInstance | None) -> None:
    """Configure Django in this process like the server, unless something already did."""
    import django
    from django.conf import settings

    if instance is None or settings.configured:
        django.setup()
        return
    for path in reversed(instance.import_paths):
        if path not in sys.path:
            sys.path.insert(0, path)
    # Django reads the variable once, here; left set, it would leak into every process
    # the tests start (and name a module only this process can import).
    previous = os.environ.get("DJANGO_SETTINGS_MODULE")
    os.environ["DJANGO_SETTINGS_MODULE"] = instance.overlay_module
    try:
        django.setup()
    finally:
        if previous is None:
            del os.environ["DJANGO_SETTINGS_MODULE"]
        else:
            os.environ["DJANGO_SETTINGS_MODULE"] = previous


class InProcessStore:
    """Loads sessions with the server's ``SESSION_ENGINE``, in this process.

    ``overrides`` are the settings by which one cell of the matrix differs from the base.
    """

    def __init__(self, thread: DjangoThread, overrides: dict[str, object]) -> None:
        self._thread = thread
        self._overrides = overrides

    def _run(self, function: Callable[..., T], *args: Any) -> T:
        def with_overrides() -> T:
            from django.test.utils import override_settings

            with override_settings(**self._overrides):
                return function(*args)

        return self._thread.call(with_overrides)

    def load(self, session_key: str | None) -> dict[str, Any]:
        return self._run(django_store.load, session_key)

    def exists(self, session_key: str) -> bool:
        return self._run(django_store.exists, session_key)

    def start(self, data: dict[str, Any]) -> str:
        return self._run(django_store.start, data)

    def cache_holds(self, session_key: str) -> bool:
        return self._run(django_store.cache_holds, session_key)

    def clear_cache(self) -> None:
        self._run(django_store.clear_cache)

    def session_files(self) -> list[str]:
        return self._run(django_store.session_files)

    def count(self) -> StoreCount:
        return self._run(django_store.count)


class ProbeRefused(Exception):
    """The store probe refused a question; the message says which and why."""


class ProbeStore:
    """Asks the server itself: for a store kept in the server's memory (see ``probe``), or a
    deployment's store through the probe view it mounts (``session_site.store_probe``)."""

    def __init__(self, base_url: str, token: str, tls: ssl.SSLContext | None = None) -> None:
        self.url = base_url.rstrip("/") + PROBE_PATH
        self._token = token
        self._tls = tls

    def _ask(self, action: str, key: str = "", data: dict[str, Any] | None = None) -> dict[str, Any]:
        query = urllib.parse.urlencode({"action": action})
        headers = {TOKEN_HEADER: self._token, KEY_HEADER: key}
        # Data to store travels as a JSON body: the only question that changes the store is a POST.
        body = None if data is None else json.dumps(data).encode()
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(f"{self.url}?{query}", data=body, headers=headers)
        with urllib.request.urlopen(request, timeout=10, context=self._tls) as response:
            answer: dict[str, Any] = json.load(response)
        if "error" in answer:
            raise ProbeRefused(f"the store probe at {self.url} answered: {answer['error']}")
        return answer

    def load(self, session_key: str | None) -> dict[str, Any]:
        return dict(self._ask("load", session_key or "")["data"])

    def exists(self, session_key: str) -> bool:
        return bool(self._ask("exists", session_key)["exists"])

    def start(self, data: dict[str, Any]) -> str:
        return str(self._ask("start", data=data)["key"])

    def cookie_name(self) -> str:
        """The server's SESSION_COOKIE_NAME."""
        return str(self._ask("cookie-name")["cookie_name"])

    def cache_holds(self, session_key: str) -> bool:
        return bool(self._ask("cache-holds", session_key)["holds"])

    def clear_cache(self) -> None:
        answer = self._ask("clear-cache")
        if "not_clearable" in answer:
            raise NotClearable(answer["not_clearable"])

    def session_files(self) -> list[str]:
        return [str(name) for name in self._ask("session-files")["files"]]

    def count(self) -> StoreCount:
        answer = self._ask("count")
        if "not_countable" in answer:
            raise (KeptInCookies if answer["in_cookies"] else NotCountable)(answer["not_countable"])
        return StoreCount(int(answer["sessions"]), str(answer["counted"]))

"""Django's test client for this project's view tests, run where the plugin talks to the database."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.test import Client

from session_steps.server.store_readers import DjangoThread


class DjangoThreadClient:
    """Django's test client, run in the plugin's Django thread.

    Playwright may have an event loop running in the test's thread, where Django refuses
    database calls; the plugin's Django thread is where this process talks to the database.
    """

    def __init__(self, store: DjangoThread) -> None:
        self._store = store
        # ALLOWED_HOSTS has no "testserver", as nothing calls setup_test_environment().
        self._client = store.call(Client, raise_request_exception=True, SERVER_NAME="localhost")

    def get(self, path: str) -> HttpResponse:
        response: HttpResponse = self._store.call(self._client.get, path)
        return response

    @property
    def session(self) -> dict[str, Any]:
        return self._store.call(lambda: dict(self._client.session))

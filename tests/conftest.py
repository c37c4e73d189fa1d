"""Fixtures of this project's own tests; the spec's fixtures come from the plugin."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client

from session_steps.server.served_sites import SitePool
from session_steps.server.store_readers import DjangoThread

pytest_plugins = ["pytester"]


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


@pytest.fixture
def view_client(site_pool: SitePool) -> DjangoThreadClient:
    """A fresh Django test client for the site under test (a new visitor)."""
    return DjangoThreadClient(site_pool.django_thread())

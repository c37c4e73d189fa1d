"""C: the do-it-yourself stack, pytest-django's live_server and pytest-playwright's defaults.

It runs this project's step definitions, so the steps are the same; only the fixtures
under them are the ones people assemble today. Run with ``-p no:session_spec``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib import import_module
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from session_steps.browser.visitors import Visitors
from session_steps.server import django_store
from session_steps.server.django_store import StoreCount

# The usual fix for Django's SynchronousOnlyOperation under Playwright's sync API.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = [
    "session_steps.steps.navigation",
    "session_steps.steps.page",
    "session_steps.steps.cookies",
    "session_steps.steps.store",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """The same browser binary as the other sides of the benchmark."""
    return {**browser_type_launch_args, "executable_path": os.environ["BENCH_CHROMIUM"]}


@pytest.fixture(autouse=True)
def _database(transactional_db: None, live_server: Any) -> None:
    """Declared on every test: pytest-django cannot see fixtures that only a step asks for."""


class DirectStore:
    """Reads sessions in the test's thread, sharing the live server's test database."""

    def load(self, session_key: str | None) -> dict[str, Any]:
        if not session_key:
            return {}
        return dict(self._engine().SessionStore(session_key=session_key).load())

    def exists(self, session_key: str) -> bool:
        return bool(self._engine().SessionStore().exists(session_key))

    def count(self) -> StoreCount:
        return django_store.count()

    @staticmethod
    def _engine() -> Any:
        from django.conf import settings

        return import_module(settings.SESSION_ENGINE)


@pytest.fixture
def session_store() -> DirectStore:
    return DirectStore()


@pytest.fixture
def site_is_remote() -> bool:
    return False  # the live server runs in this process


@pytest.fixture
def session_cookie_name() -> str:
    from django.conf import settings

    return str(settings.SESSION_COOKIE_NAME)


@pytest.fixture
def visitors(page: Page, new_context: Callable[..., BrowserContext], live_server: Any) -> Visitors:
    return Visitors(lambda: page, lambda: new_context().new_page(), live_server.url)

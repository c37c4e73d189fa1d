"""Point the steps at pytest-django's ``live_server`` instead of the plugin's own server.

Enable it in a ``conftest.py`` with ``pytest_plugins = ["session_steps.pytest_django"]``,
and mark the modules that bind features with
``pytestmark = pytest.mark.usefixtures("transactional_db", "live_server")``: pytest-django
must set up the test database and its live server before the scenario starts, and a
step only asks for them once it has. The site then runs in a thread of the test process,
on pytest-django's test database, flushed after every scenario.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from session_steps.server.store_readers import DjangoThread, InProcessStore, StoreReader

# pytest-django sets up and flushes the database from the test's thread, where
# Playwright's sync API keeps an event loop running; Django refuses database calls from
# such a thread unless told that the caller knows no coroutine is waiting on them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class LiveServerFixtures:
    """Overrides of the plugin's fixtures; registered after the plugin's own, so they win."""

    @pytest.fixture
    def site_url(self, transactional_db: None, live_server: Any) -> str:
        """pytest-django's live server, with the test database the scenario may use.

        The database comes first: the live server must start on the test database.
        """
        return str(live_server.url)

    @pytest.fixture(scope="session")
    def live_server_django_thread(self) -> Iterator[DjangoThread]:
        """A thread for reading the store through the Django that pytest-django configured."""
        thread = DjangoThread()
        yield thread
        thread.close()

    @pytest.fixture
    def session_store(self, site_url: str, live_server_django_thread: DjangoThread) -> StoreReader:
        """The live server's session store, read with the project's own settings."""
        return InProcessStore(live_server_django_thread, {})

    @pytest.fixture(scope="session")
    def session_cookie_name(self, pytestconfig: pytest.Config) -> str:
        """``--session-cookie-name``, else the project's ``SESSION_COOKIE_NAME``."""
        from django.conf import settings

        return str(pytestconfig.getoption("session_cookie_name") or settings.SESSION_COOKIE_NAME)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(LiveServerFixtures(), "session_steps.pytest_django.fixtures")

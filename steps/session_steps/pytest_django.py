"""Point the steps at pytest-django's ``live_server`` instead of the plugin's own server.

Enable it in a ``conftest.py`` with ``pytest_plugins = ["session_steps.pytest_django"]``,
and mark the modules that bind features with
``pytestmark = pytest.mark.usefixtures("transactional_db", "live_server")``: pytest-django
must set up the test database and its live server before the scenario starts, and a
step only asks for them once it has. The site then runs in a thread of the test process,
on pytest-django's test database, flushed after every scenario. Its cell (the test ids,
and the cells ``@engine:`` tags choose) is the engine the settings of ``--ds`` configure.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from session_steps.pytest_plugin import options
from session_steps.server.live_server_site import LiveServerSite, configured_cell, settings_module
from session_steps.server.site import OWN_SETTINGS, OwnSettings, Site
from session_steps.server.store_readers import DjangoThread

# pytest-django sets up and flushes the database from the test's thread, where
# Playwright's sync API keeps an event loop running; Django refuses database calls from
# such a thread unless told that the caller knows no coroutine is waiting on them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DJANGO_THREAD = pytest.StashKey[DjangoThread]()


class LiveServerFixtures:
    """The override of the plugin's ``site``; registered after the plugin's own, so it wins."""

    @pytest.fixture
    def site(self, transactional_db: None, live_server: Any, pytestconfig: pytest.Config) -> Site:
        """pytest-django's live server, on the test database the scenario may use.

        The database comes first: the live server must start on the test database.
        """
        thread = pytestconfig.stash.get(DJANGO_THREAD, None)
        if thread is None:
            # One thread for the run, for reading the store through the Django pytest-django configured.
            thread = pytestconfig.stash[DJANGO_THREAD] = DjangoThread()
        cookie_name = pytestconfig.getoption("session_cookie_name") or thread.setting("SESSION_COOKIE_NAME")
        return LiveServerSite(str(live_server.url), pytestconfig.stash[options.CELLS][0], thread, str(cookie_name))


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("session_engine") or config.getoption("server"):
        raise pytest.UsageError(
            "django-session-spec: pytest-django's live server serves the settings --ds names, behind WSGI: "
            "leave --session-engine and --server out, or give --ds the settings of the engine to run"
        )
    if config.getoption("database"):
        raise pytest.UsageError(
            "django-session-spec: pytest-django's live server keeps sessions in the test database of the DATABASES "
            "that --ds names: leave --database out, or give --ds settings with the database to run"
        )
    # The cell is the engine the settings configure: test ids and @engine: tags follow it.
    config.stash[options.CELLS] = [configured_cell(config.getoption("session_engine_family"))]
    module = settings_module()
    if module is not None:
        config.stash[OWN_SETTINGS] = OwnSettings("--ds", module)
    config.stash[options.OTHER_ENGINE_ADVICE] = "give --ds a settings module whose SESSION_ENGINE is that engine"
    config.pluginmanager.register(LiveServerFixtures(), "session_steps.pytest_django.fixtures")


def pytest_unconfigure(config: pytest.Config) -> None:
    thread = config.stash.get(DJANGO_THREAD, None)
    if thread is not None:
        thread.close()

"""A throwaway Django project that is not this one, for testing the plugin the way others use it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from session_steps.matrix.cells import ENGINES, Cell
from session_steps.server import processes
from session_steps.server.served_sites import SitePool
from session_steps.server.server_process import ServerProcess

SETTINGS = """\
from pathlib import Path

SECRET_KEY = "a-project-that-is-not-ours"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
INSTALLED_APPS = [
    "django.contrib.sessions",
    # What the spec's probe views need to specify logging in and out: auth and its user.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "session_site.accounts",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "shop.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": Path(__file__).parent / "db.sqlite3"}}
USE_TZ = True
SESSION_COOKIE_NAME = "basket"
# pytest-django's live_server serves static files, and fails every request without it.
STATIC_URL = "static/"
"""

URLS = """\
from django.urls import include, path

from shop import views

urlpatterns = [
    path("basket/add/", views.add),
    # The spec's probe views: the lesson's snippets, for checking this deployment.
    path("session-spec/", include("session_site.urls")),
]
"""

VIEWS = """\
from django.http import HttpResponse


def add(request):
    items = request.session.get("items", 0) + 1
    request.session["items"] = items
    return HttpResponse(f"{items} items in the basket")
"""

FEATURE = """\
Feature: The basket
  Scenario: Each visit adds an item to the visitor's basket
    Given a new visitor
    When the visitor opens "/basket/add/" 2 times
    Then the page reads "2 items in the basket"
    And the visitor's session is {'items': 2}
    And the browser's only cookie is named "basket"
"""

TEST_MODULE = """\
from pytest_bdd import scenarios

scenarios("basket.feature")
"""

LIVE_SERVER_TEST_MODULE = """\
import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("transactional_db", "live_server")

scenarios("basket.feature")
"""


def write_shop_package(folder: Path) -> Path:
    """The package ``shop`` (settings, URLs, one view) in ``folder``; the package's folder."""
    package = folder / "shop"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "settings.py").write_text(SETTINGS)
    (package / "urls.py").write_text(URLS)
    (package / "views.py").write_text(VIEWS)
    return package


def make_shop(pytester: pytest.Pytester) -> pytest.Pytester:
    """The project ``shop``: its settings, one view, one feature file bound by one test module."""
    write_shop_package(pytester.path)
    pytester.makefile(".feature", basket=FEATURE)
    pytester.makepyfile(test_basket=TEST_MODULE)
    return pytester


def with_probe_secret(shop: pytest.Pytester, secret: str) -> pytest.Pytester:
    """The shop, its settings opting in to the spec's store probe with ``secret``."""
    settings = shop.path / "shop" / "settings.py"
    settings.write_text(settings.read_text() + f"SESSION_SPEC_PROBE_SECRET = {secret!r}\n")
    return shop


@contextmanager
def serving_shop(shop: pytest.Pytester, folder: str, threads: int | None = None) -> Iterator[str]:
    """The shop served outside any spec run, as its own project would serve it: its URL.

    ``threads``: how many requests its one gunicorn worker serves at once (the run's own default if None).
    """
    with serving_project(shop.path, "shop.settings", shop.path / folder, threads) as url:
        yield url


@contextmanager
def serving_project(project: Path, settings: str, folder: Path, threads: int | None = None) -> Iterator[str]:
    """A Django project (importable from ``project``) served with ``settings`` as deployed, under gunicorn: its URL.

    Outside any spec run: a fresh SQLite database, migrated, in ``folder``, and a free port.
    ``threads``: how many requests its one worker serves at once (the run's own default if None).
    """
    pool = SitePool(
        folder,
        {"wsgi": settings, "asgi": settings},
        [Cell(ENGINES["db"], "wsgi", overrides_engine=False)],
        (str(project),),
    )
    server = None
    try:
        if threads is None:
            yield pool.server(pool.cells[0]).url
        else:
            server = ServerProcess(pool.instance(pool.cells[0]), "wsgi", threads=threads, name="their-server")
            server.start()
            yield server.url
    finally:
        if server is not None:
            processes.stop(server.process)
        pool.close()

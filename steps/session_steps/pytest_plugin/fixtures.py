"""Fixtures, in layers a project can override one at a time.

site cell -> site pool -> live site -> site URL -> visitors (browser contexts),
and beside them the browser's launch arguments, the session store and the cookie name.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright

from session_steps.browser.chromium import chromium_launch_args
from session_steps.browser.visitors import Visitors
from session_steps.errors import SpecSetupError
from session_steps.matrix.cells import Cell
from session_steps.pytest_plugin import options
from session_steps.server.deployed_site import DEFAULT_COOKIE_NAME, DeployedSite, probe_tls
from session_steps.server.served_sites import SitePool
from session_steps.server.server_process import SERVER_IN_USE, ServerProcess
from session_steps.server.site import Site, SiteUnreadable
from session_steps.server.store_readers import ProbeStore, StoreReader
from session_steps.server.unread_store import UnreadableStore, not_checked
from session_steps.steps.bookkeeping import BOOKKEEPING_SETTING

# The session cookie's name each deployment's probe gave, by base URL.
DEPLOYED_COOKIE_NAMES = pytest.StashKey[dict[str, str]]()


def abort(request: pytest.FixtureRequest, error: SpecSetupError) -> NoReturn:
    """End the run with the error's one line; its details go to the terminal above it.

    A pytest-xdist worker cannot exit the whole run, so there the test fails with the
    line alone and the worker stops taking tests.
    """
    config = request.config
    message = f"django-session-spec: {error}"
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if error.details and reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_sep("-", "django-session-spec: details")
            reporter.write_line(error.details)
    if hasattr(config, "workerinput"):
        request.session.shouldstop = message
        pytest.fail(message, pytrace=False)
    pytest.exit(message, returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.fixture(autouse=True)
def site_cell(request: pytest.FixtureRequest) -> Cell:
    """The cell of the matrix this test runs on: a session engine behind a server protocol.

    Scenarios are parametrized over ``--session-engine`` x ``--server``; other tests get
    the first cell.
    """
    param = getattr(request, "param", None)
    return param if isinstance(param, Cell) else request.config.stash[options.CELLS][0]


@pytest.fixture(scope="session")
def site_pool(
    request: pytest.FixtureRequest, pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SitePool]:
    """The sites the plugin serves: one migrated SQLite database and one server per cell, on demand.

    One per run, and one per pytest-xdist worker, so runs never share data. Only ``site``
    asks for it, and only when no ``base_url`` is given.
    """
    settings_modules = options.site_settings_modules(pytestconfig)
    site_path = [str(Path(path).resolve()) for path in pytestconfig.getoption("site_path")]
    # Where this process found the settings, the servers look too.
    for module in settings_modules.values():
        root = options.settings_import_root(module)
        if root and root not in site_path and not root.startswith(sys.prefix):
            site_path.append(root)
    pool = SitePool(
        tmp_path_factory.mktemp("site"),
        settings_modules,
        cells_in_use(request.session.items, pytestconfig.stash[options.CELLS]),
        tuple(site_path),
        port=int(pytestconfig.getoption("site_port")),
        https=bool(pytestconfig.getoption("site_https")),
        asgi_urlconf=pytestconfig.getoption("asgi_urlconf"),
        # The report shows what each request did to its session: only then do the servers say.
        trace=bool(pytestconfig.getoption("session_report")),
    )
    yield pool
    pool.close()


def cells_in_use(items: list[pytest.Item], cells: list[Cell]) -> list[Cell]:
    """The run's cells its scenarios run on, in the run's order; all of them if another test runs.

    The servers of a store (Redis, Memcached, PostgreSQL) start only for these, so a run of
    one scenario on one engine starts none of the others'. A test outside the matrix may ask
    ``site_pool`` for any cell of the run: with one collected, every cell's store is ready.
    """
    used = set()
    for item in items:
        callspec = getattr(item, "callspec", None)
        cell = callspec.params.get("site_cell") if callspec is not None else None
        if not isinstance(cell, Cell):
            return cells
        used.add(cell)
    return [cell for cell in cells if cell in used]


@pytest.fixture
def live_site(request: pytest.FixtureRequest, site_pool: SitePool, site_cell: Cell) -> ServerProcess:
    """The server process of this test's cell, on a free port of 127.0.0.1, up until the run ends."""
    try:
        server = site_pool.server(site_cell)
    except SpecSetupError as error:
        abort(request, error)
    # The failure report shows what this server logged from here on.
    request.node.stash[SERVER_IN_USE] = (server, server.log_size())
    return server


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config) -> str | None:
    """``--base-url``, as pytest-playwright gives it: a site already running, or None to serve one.

    Override it in a ``conftest.py`` to run the spec against a server of your own: the
    plugin then starts none.
    """
    return options.given_base_url(pytestconfig)


@pytest.fixture
def site(request: pytest.FixtureRequest, base_url: str | None, site_cell: Cell, pytestconfig: pytest.Config) -> Site:
    """The site of this test's cell: what the steps and the report ask (URL, store, settings, cookie, log).

    With a ``base_url`` it is that server, whose settings cannot be read from here, nor its
    store unless ``--probe-secret`` gives the secret of the store probe it mounts; else the
    plugin serves the cell itself and starts its server on first use.
    """
    cookie_name = pytestconfig.getoption("session_cookie_name")
    if base_url is not None:
        secret = options.probe_secret(pytestconfig)
        tls = probe_tls(bool(pytestconfig.getoption("ignore_https_errors")))
        if not cookie_name:
            # A deployment that consents says its cookie's name (asked once a run); another is taken to keep Django's.
            names = pytestconfig.stash.setdefault(DEPLOYED_COOKIE_NAMES, {})
            if base_url not in names:
                names[base_url] = ProbeStore(base_url, secret, tls).cookie_name() if secret else DEFAULT_COOKIE_NAME
            cookie_name = names[base_url]
        return DeployedSite(base_url, site_cell, str(cookie_name), probe_secret=secret, tls=tls)
    pool: SitePool = request.getfixturevalue("site_pool")
    request.getfixturevalue("live_site")
    try:
        return pool.site(site_cell, str(cookie_name) if cookie_name else None)
    except SpecSetupError as error:
        abort(request, error)


@pytest.fixture
def site_url(site: Site) -> str:
    """Where this test's site is: ``site.url``."""
    return site.url


@pytest.fixture
def site_is_remote(site: Site) -> bool:
    """True when the site's store cannot be read from here (``--base-url`` without ``--probe-secret``)."""
    return site.store_unreadable is not None


@pytest.fixture(scope="session")
def browser_context_args(
    browser_context_args: dict[str, Any], pytestconfig: pytest.Config, base_url: str | None
) -> dict[str, Any]:
    """pytest-playwright's context arguments; a context opens relative URLs on ``base_url`` if given.

    A cell the plugin serves has a port of its own, which the visitors take from ``site``.
    With ``--site-https`` the browser accepts the run's own certificate: Chromium trusts
    only the authorities of its certificate store, which a test run has no business changing.
    ``--ignore-https-errors`` accepts the certificate of the server at ``--base-url``.
    """
    own_certificate = bool(pytestconfig.getoption("site_https")) and base_url is None
    accepted = own_certificate or bool(pytestconfig.getoption("ignore_https_errors"))
    return {**browser_context_args, **({"ignore_https_errors": True} if accepted else {})}


@pytest.fixture(scope="session")
def browser_type_launch_args(
    request: pytest.FixtureRequest, browser_type_launch_args: dict[str, Any], playwright: Playwright
) -> dict[str, Any]:
    """pytest-playwright's launch arguments, pointed at an installed Chromium.

    Playwright's own build when downloaded, else the system's ``chromium-headless-shell``
    or ``chromium``; the spec never downloads a browser. With ``--browser-ws-endpoint``
    the browser server chooses its own browser, so none is looked for here.
    """
    if request.config.getoption("browser_ws_endpoint"):
        return browser_type_launch_args
    headless = browser_type_launch_args.get("headless", True)
    try:
        found = chromium_launch_args(playwright.chromium.executable_path, headless)
    except SpecSetupError as error:
        abort(request, error)
    return {**browser_type_launch_args, **found}


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config) -> dict[str, Any] | None:
    """pytest-playwright's remote browser: ``--browser-ws-endpoint``, else None (launch one)."""
    endpoint = pytestconfig.getoption("browser_ws_endpoint")
    return {"endpoint": str(endpoint)} if endpoint else None


@pytest.fixture
def session_store(request: pytest.FixtureRequest, site: Site) -> StoreReader:
    """Reads the site's session store with its own ``SESSION_ENGINE`` and settings.

    Where the site says it cannot be read, the steps that ask it are reported as not
    checked, with the reason, and the scenario's other steps still run.
    """
    if site.store_unreadable is not None:
        return UnreadableStore(site.store_unreadable, not_checked(request.node))
    try:
        return site.store()
    except SpecSetupError as error:
        abort(request, error)


@pytest.fixture
def session_bookkeeping_keys(request: pytest.FixtureRequest, site: Site) -> tuple[str, ...]:
    """Keys the site's engine or middleware adds to sessions, as fnmatch patterns: the steps set them apart.

    ``--session-bookkeeping-keys``, and the site's setting ``SESSION_SPEC_BOOKKEEPING_KEYS``
    where its settings can be read from here.
    """
    try:
        return (*options.bookkeeping_patterns(request.config), *declared_bookkeeping_keys(site))
    except SpecSetupError as error:
        abort(request, error)


def declared_bookkeeping_keys(site: Site) -> list[str]:
    """The site's ``SESSION_SPEC_BOOKKEEPING_KEYS``; none where it sets none or its settings are unreadable."""
    try:
        declared = site.setting(BOOKKEEPING_SETTING)
    except (SiteUnreadable, AttributeError):
        return []
    if isinstance(declared, str) or not isinstance(declared, (list, tuple)):
        raise SpecSetupError(
            f"the site's {BOOKKEEPING_SETTING} is {declared!r}: make it a list of patterns, e.g. ['_qsessions_*']"
        )
    return [str(pattern) for pattern in declared]


@pytest.fixture
def session_cookie_name(site: Site) -> str:
    """The session cookie's name: ``--session-cookie-name``, else the site's ``SESSION_COOKIE_NAME``."""
    return site.cookie_name


@pytest.fixture
def visitors(request: pytest.FixtureRequest, new_context: Callable[..., BrowserContext], site: Site) -> Visitors:
    """The scenario's visitors by name, each in a fresh browser context (a fresh cookie jar).

    The first one named uses pytest-playwright's ``page``, so its trace and screenshot
    are kept when the scenario fails.
    """

    def first_page() -> Page:
        page: Page = request.getfixturevalue("page")
        return page

    timeout_ms = float(request.config.getoption("navigation_timeout"))
    return Visitors(first_page, lambda: new_context().new_page(), site.url, timeout_ms)

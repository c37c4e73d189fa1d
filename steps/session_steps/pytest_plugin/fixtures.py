"""Fixtures, in layers a project can override one at a time.

site cell -> site pool -> live site -> site URL -> visitors (browser contexts),
and beside them the browser's launch arguments, the session store and the cookie name.
"""

from __future__ import annotations

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
from session_steps.server.served_sites import SitePool
from session_steps.server.server_process import SERVER_IN_USE, ServerProcess
from session_steps.server.store_readers import StoreReader

REMOTE_STORE_REASON = "not checked: the session store of a server given by --base-url cannot be read from here"


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
def site_is_remote(pytestconfig: pytest.Config) -> bool:
    """True when ``--base-url`` points the spec at a server this run did not start."""
    return options.given_base_url(pytestconfig) is not None


@pytest.fixture(scope="session")
def site_pool(
    request: pytest.FixtureRequest, pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SitePool]:
    """The run's sites: one migrated SQLite database and one server per cell, on demand.

    One per run, and one per pytest-xdist worker, so runs never share data.
    """
    site_path = tuple(str(Path(path).resolve()) for path in pytestconfig.getoption("site_path"))
    pool = SitePool(
        tmp_path_factory.mktemp("site"),
        options.site_settings_modules(pytestconfig),
        pytestconfig.stash[options.CELLS],
        site_path,
        port=int(pytestconfig.getoption("site_port")),
        https=bool(pytestconfig.getoption("site_https")),
    )
    yield pool
    pool.close()


@pytest.fixture
def live_site(request: pytest.FixtureRequest, site_pool: SitePool, site_cell: Cell) -> ServerProcess:
    """The server of this test's cell, on a free port of 127.0.0.1, up until the run ends."""
    try:
        server = site_pool.server(site_cell)
    except SpecSetupError as error:
        abort(request, error)
    # The failure report shows what this server logged from here on.
    request.node.stash[SERVER_IN_USE] = (server, server.log_size())
    return server


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config) -> str | None:
    """``--base-url``, as pytest-playwright gives it; each test's own site is ``site_url``."""
    return options.given_base_url(pytestconfig)


@pytest.fixture
def site_url(pytestconfig: pytest.Config, request: pytest.FixtureRequest) -> str:
    """Where the site is: ``--base-url`` if given, else this test's live site."""
    given = options.given_base_url(pytestconfig)
    if given is not None:
        return given
    server: ServerProcess = request.getfixturevalue("live_site")
    return server.url


@pytest.fixture
def browser_context_args(
    browser_context_args: dict[str, Any], site_url: str, pytestconfig: pytest.Config, site_is_remote: bool
) -> dict[str, Any]:
    """pytest-playwright's context arguments, with the base URL of this test's site.

    With ``--site-https`` the browser accepts the run's own certificate: Chromium trusts
    only the authorities of its certificate store, which a test run has no business changing.
    ``--ignore-https-errors`` accepts the certificate of the server at ``--base-url``.
    """
    own_certificate = bool(pytestconfig.getoption("site_https")) and not site_is_remote
    accepted = own_certificate or bool(pytestconfig.getoption("ignore_https_errors"))
    return {**browser_context_args, "base_url": site_url, **({"ignore_https_errors": True} if accepted else {})}


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
def session_store(
    request: pytest.FixtureRequest, site_pool: SitePool, site_cell: Cell, site_is_remote: bool
) -> StoreReader:
    """Reads the server's session store with its own ``SESSION_ENGINE`` and settings.

    Steps that need it are skipped, with the reason, against a server at ``--base-url``.
    """
    if site_is_remote:
        pytest.skip(REMOTE_STORE_REASON)
    try:
        return site_pool.store(site_cell)
    except SpecSetupError as error:
        abort(request, error)


@pytest.fixture(scope="session")
def session_cookie_name(pytestconfig: pytest.Config, request: pytest.FixtureRequest, site_is_remote: bool) -> str:
    """The session cookie's name: ``--session-cookie-name``, else the site's ``SESSION_COOKIE_NAME``."""
    given = pytestconfig.getoption("session_cookie_name")
    if given:
        return str(given)
    if site_is_remote:
        return "sessionid"
    pool: SitePool = request.getfixturevalue("site_pool")
    try:
        return str(pool.django_setting("SESSION_COOKIE_NAME"))
    except SpecSetupError as error:
        abort(request, error)


@pytest.fixture
def visitors(request: pytest.FixtureRequest, new_context: Callable[..., BrowserContext], site_url: str) -> Visitors:
    """The scenario's visitors by name, each in a fresh browser context (a fresh cookie jar).

    The first one named uses pytest-playwright's ``page``, so its trace and screenshot
    are kept when the scenario fails.
    """

    def first_page() -> Page:
        page: Page = request.getfixturevalue("page")
        return page

    return Visitors(first_page, lambda: new_context().new_page(), site_url)

"""The spec's command-line options, all in one group, and reading them back."""

from __future__ import annotations

import argparse

import pytest

from session_steps.live_server import LiveServer

DEFAULT_SITE_SETTINGS = "session_site.settings"
LIVE_SITE = pytest.StashKey[LiveServer]()


def port_number(text: str) -> int:
    """argparse type for ``--site-port``: a whole number from 0 to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535 (0: any free port), not {text!r}")
    return port


def milliseconds(text: str) -> int:
    """argparse type for ``--expect-timeout``: a whole number of milliseconds, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of milliseconds, 1 or more, not {text!r}")
    return value


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("session-spec", "django-session-spec: the site under test")
    group.addoption(
        "--site-settings",
        metavar="MODULE",
        default=DEFAULT_SITE_SETTINGS,
        help=(
            "Django settings module to serve the site with (default: %(default)s). "
            "The server inherits the environment, so a module on PYTHONPATH works."
        ),
    )
    group.addoption(
        "--site-path",
        metavar="DIR",
        action="append",
        default=[],
        help="folder to import the site's settings and code from (repeatable).",
    )
    group.addoption(
        "--site-port",
        metavar="PORT",
        type=port_number,
        default=0,
        help="port of 127.0.0.1 to serve the site on (default: 0, any free port).",
    )
    group.addoption(
        "--expect-timeout",
        metavar="MS",
        type=milliseconds,
        default=5000,
        help="how long an assertion on the page waits for it to change (default: %(default)s ms).",
    )
    group.addoption(
        "--browser-ws-endpoint",
        metavar="URL",
        default=None,
        help=(
            "connect to a running Playwright browser server (ws://...) instead of launching a browser, "
            "for example one started with `playwright launch-server` or a browser grid."
        ),
    )
    group.addoption(
        "--session-cookie-name",
        metavar="NAME",
        default=None,
        help="the session cookie's name (default: the site's SESSION_COOKIE_NAME, or sessionid with --base-url).",
    )


def given_base_url(config: pytest.Config) -> str | None:
    """The URL of an already running server given with ``--base-url`` (or the ini), if any."""
    given = config.getoption("base_url", None)
    if not given:
        try:
            given = config.getini("base_url")
        except ValueError:  # no plugin registered the ini value
            given = None
    return str(given) if given else None

"""Checks made once, before any test: each problem outside the spec named in one line, at once."""

from __future__ import annotations

import importlib.util
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from session_steps.bdd_compat import EXAMPLE_PARAM, GherkinParseError, scenario_wrapper_template_registry
from session_steps.browser.visitors import join_url
from session_steps.errors import SpecSetupError
from session_steps.matrix.cells import Cell
from session_steps.pytest_plugin import options
from session_steps.server.deployed_site import probe_tls
from session_steps.server.probe_protocol import SECRET_SETTING
from session_steps.server.server_process import bind_listener
from session_steps.server.store_readers import ProbeStore

PREFIX = "django-session-spec: "
# A server that does not answer a connection in this time will not answer a browser either.
CONNECT_TIMEOUT_S = 10


def usage_error(message: str) -> pytest.UsageError:
    return pytest.UsageError(PREFIX + message)


def check_options(config: pytest.Config) -> None:
    """Options that are wrong before anything runs: missing folders, a port for several workers."""
    for folder in config.getoption("site_path"):
        if not Path(folder).is_dir():
            raise usage_error(f"--site-path {folder}: no such folder")
    workers = config.getoption("numprocesses", None)
    if config.getoption("site_port") and isinstance(workers, int) and workers > 1:
        raise usage_error(
            f"--site-port serves one server, and each of the {workers} pytest-xdist workers starts its own: "
            "leave --site-port out (each server takes a free port), or run without -n"
        )


def check_site_port(config: pytest.Config, cells: list[Cell]) -> None:
    """``--site-port`` with several cells of the matrix (their servers cannot share one port), or busy."""
    port = config.getoption("site_port")
    if not port:
        return
    if len(cells) > 1:
        raise usage_error("--site-port serves one server: use it with one engine and one server")
    # Bound and let go at once: the server binds it again when its cell's first scenario runs.
    try:
        bind_listener("127.0.0.1", port).close()
    except SpecSetupError as error:
        raise usage_error(str(error)) from None


def check_asgi_urlconf(config: pytest.Config) -> None:
    """``--asgi-urlconf`` names a module the site's servers can import (Django would find out at the first request)."""
    urlconf = config.getoption("asgi_urlconf")
    if not urlconf:
        return
    options.add_site_paths(config)
    try:
        found = importlib.util.find_spec(urlconf) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise usage_error(f"--asgi-urlconf {urlconf}: no such module (add its folder with --site-path)")


def check_browser_endpoint(endpoint: str) -> None:
    """``--browser-ws-endpoint`` accepts a connection, before any server of the run starts."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise usage_error(f"--browser-ws-endpoint {endpoint}: expected a ws:// or wss:// address")
    port = parts.port or (443 if parts.scheme == "wss" else 80)
    try:
        socket.create_connection((parts.hostname, port), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as error:
        raise usage_error(
            f"--browser-ws-endpoint {endpoint}: {connection_failure(error)}: start the browser server "
            "(`playwright launch-server`), or give the address it listens on"
        ) from None


def check_base_url(base_url: str, page: str, ignore_https_errors: bool) -> None:
    """The server at ``--base-url`` answers ``page`` (a URL under it); a page other than the base URL, not with 404.

    The base URL's own answer may rightly be a 404: a site need not serve its root.
    """
    context = probe_tls(ignore_https_errors) or ssl.create_default_context()
    # As the browser does: no proxy from the environment.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context))
    try:
        # As the browser sends it: a feature's path may hold spaces and letters beyond ASCII.
        opener.open(urllib.parse.quote(page, safe=":/?&=%#+@;,"), timeout=CONNECT_TIMEOUT_S).close()
    except urllib.error.HTTPError as error:
        if error.code == 404 and page != base_url:
            raise usage_error(
                f"--base-url {base_url}: HTTP 404 at {page}, the first page the spec opens: is the path right? "
                "(a site mounted under a prefix needs the prefix in --base-url)"
            ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        raise usage_error(f"--base-url {base_url}: {base_url_failure(reason)}") from None


def check_probe(base_url: str, secret: str, ignore_https_errors: bool) -> None:
    """The deployment at ``base_url`` answers its store probe with ``secret``: it mounts the probe and consents."""
    probe = ProbeStore(base_url, secret, probe_tls(ignore_https_errors))
    try:
        probe.load(None)
    except urllib.error.HTTPError as error:
        raise usage_error(
            f"--probe-secret: the store probe at {probe.url} answered HTTP {error.code}: mount session_site.urls "
            f"under --base-url, and set {SECRET_SETTING} in the deployment's settings to the same secret"
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise usage_error(f"--probe-secret: the store probe at {probe.url} gave no answer ({error})") from None


# A path a step opens, in quotes: 'When the visitor opens "/color/"'.
QUOTED_PATH = re.compile(r'"(?P<path>/[^"]*)"')


def first_page(base_url: str, items: list[pytest.Item]) -> str:
    """The URL of the first page the collected scenarios open (a Given or When step's quoted path).

    The base URL itself where none is found: its own answer may rightly be a 404.
    """
    for item in items:
        function = getattr(item, "obj", None)
        template = scenario_wrapper_template_registry.get(function) if callable(function) else None
        if template is None:
            continue
        callspec = getattr(item, "callspec", None)
        example = callspec.params.get(EXAMPLE_PARAM, {}) if callspec else {}
        for step in template.render(example).steps:
            found = QUOTED_PATH.search(step.name)
            if found and step.type in ("given", "when"):
                return join_url(base_url, found["path"])
    return base_url


def base_url_failure(reason: object) -> str:
    """What went wrong in requesting the base URL, and what to do about it."""
    if isinstance(reason, ssl.SSLCertVerificationError):
        return (
            f"its certificate is not trusted ({reason.verify_message}): pass --ignore-https-errors "
            "to accept it for this run"
        )
    if isinstance(reason, ssl.SSLError):
        return f"TLS failed ({reason.reason or reason}): is it an https:// address of an http:// server?"
    if isinstance(reason, OSError):
        return f"{connection_failure(reason)}: start the site there, or give the address it serves"
    return f"no answer ({reason})"


def connection_failure(error: OSError) -> str:
    """A failed connection in a few words: refused, an unknown host, no answer in time."""
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(error, TimeoutError):
        return f"no answer within {CONNECT_TIMEOUT_S} s"
    return error.strerror or str(error)


# The Gherkin parser's names for what it expected ("#StepLine"), in words.
GHERKIN_TOKENS = {
    "EOF": "the end of the file",
    "Empty": "an empty line",
    "Comment": "a comment",
    "TagLine": "a tag",
    "FeatureLine": "Feature:",
    "RuleLine": "Rule:",
    "BackgroundLine": "Background:",
    "ScenarioLine": "Scenario:",
    "ExamplesLine": "Examples:",
    "StepLine": "a step",
    "DocStringSeparator": 'a """ docstring',
    "TableRow": "a table row",
    "Language": "a language line",
    "Other": "a description",
}
EXPECTED = re.compile(r"expected: (?P<tokens>[#\w, ]+), got")


def feature_error_line(error: GherkinParseError, root: Path) -> str:
    """A feature file that does not parse, in one line: its file, its line and what is wrong."""
    path = Path(error.filename)
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    expected = EXPECTED.search(str(error.__cause__ or ""))
    if expected:
        names = [GHERKIN_TOKENS.get(token.strip().lstrip("#"), token) for token in expected["tokens"].split(",")]
        what = f"expected {', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else f"expected {names[0]}"
    else:
        what = error.message.rstrip(".")
    return f"{PREFIX}{shown}, line {error.line}: {what}, not {error.line_content.strip()!r}"

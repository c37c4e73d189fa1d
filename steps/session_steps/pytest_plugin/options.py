"""The spec's command-line options, all in one group, and reading them back."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from session_steps.matrix.cells import (
    DATABASES,
    ENGINES,
    REMOTE_ENGINE,
    SERVERS,
    SQLITE,
    Cell,
    Database,
    Engine,
    configured_engine,
)
from session_steps.matrix.families import (
    FAMILIES,
    FAMILY_SETTING,
    EngineNotImportable,
    declared_family,
    engine_import_error,
    family_in_fresh_process,
)
from session_steps.matrix.runnable import Matrix, runnable_matrix
from session_steps.matrix.shards import parse_shard
from session_steps.server.probe_protocol import SECRET_ENVIRONMENT_VARIABLE, SECRET_SETTING

# The bundled site; its ASGI twin serves the same pages with async views.
DEFAULT_SITE_SETTINGS = {"wsgi": "session_site.settings", "asgi": "session_site.async_settings"}
BUNDLED_SITE_PACKAGE = "session_site"
# The --session-engine value for the engine the site's settings configure, beside others named.
SITE_ENGINE = "site"
CELLS = pytest.StashKey[list[Cell]]()
# The cells this run left out, with what this machine lacks for each.
LEFT_OUT = pytest.StashKey[dict[Cell, str]]()
# How a run that cannot switch engines by --session-engine runs a scenario of another engine.
OTHER_ENGINE_ADVICE = pytest.StashKey[str]()


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
    """argparse type for the two timeouts: a whole number of milliseconds, 1 or more."""
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
        default=None,
        help=(
            "Django settings module to serve the site with (default: the bundled site, "
            "session_site.settings). The server inherits the environment, so a module on PYTHONPATH works."
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
        "--session-engine",
        action="append",
        default=[],
        choices=[*ENGINES, SITE_ENGINE, "all"],
        help=(
            "session engine to run the spec on (repeatable; 'all' for every one this machine can run, "
            "leaving out the others in one line that says what to install; 'site' for the engine the "
            "settings module configures, so '--session-engine site --session-engine cache-locmem' runs "
            "the site as it is and on a variant of it). Default: site."
        ),
    )
    group.addoption(
        "--session-engine-family",
        metavar="FAMILY",
        default=None,
        choices=FAMILIES,
        help=(
            "which of Django's engines the site's own engine keeps sessions like, for @engine: tags, where "
            f"its SessionStore is made from none of them: {', '.join(FAMILIES)} "
            f"(or set {FAMILY_SETTING} in the settings)."
        ),
    )
    group.addoption(
        "--asgi-urlconf",
        metavar="MODULE",
        default=None,
        help=(
            "URLconf of the site's async views, which --server asgi serves instead of ROOT_URLCONF "
            "(default: the settings' ROOT_URLCONF; the bundled site serves its async twin)."
        ),
    )
    group.addoption(
        "--server",
        action="append",
        default=[],
        choices=[*SERVERS, "all"],
        help=(
            "server protocol to serve the site with: wsgi (gunicorn), asgi (uvicorn); repeatable, "
            "'all' for both. Default: wsgi."
        ),
    )
    group.addoption(
        "--database",
        action="append",
        default=[],
        choices=[*DATABASES, "all"],
        help=(
            "database the db and cached_db engines keep sessions in: sqlite (a file of the run's own) or "
            "postgresql (a throwaway cluster of the run's own on a free port); repeatable, 'all' for both. "
            "The other engines run on sqlite. Default: sqlite."
        ),
    )
    group.addoption(
        "--ignore-engine-tags",
        action="store_true",
        help="run @engine:NAME scenarios on every engine too, to see where engines differ (they fail elsewhere).",
    )
    group.addoption(
        "--site-port",
        metavar="PORT",
        type=port_number,
        default=0,
        help="port of 127.0.0.1 to serve the site on (default: 0, any free port; one engine and server only).",
    )
    group.addoption(
        "--expect-timeout",
        metavar="MS",
        type=milliseconds,
        default=5000,
        help="how long an assertion on the page waits for it to change (default: %(default)s ms).",
    )
    group.addoption(
        "--navigation-timeout",
        metavar="MS",
        type=milliseconds,
        default=30000,
        help=(
            "how long opening a page, or any other browser action, may take before the step fails "
            "(default: %(default)s ms)."
        ),
    )
    group.addoption(
        "--site-https",
        action="store_true",
        default=False,
        help=(
            "serve the site over HTTPS, with a certificate from a certificate authority made for the run; "
            "the browser accepts it. Scenarios that need HTTPS skip without it."
        ),
    )
    group.addoption(
        "--ignore-https-errors",
        action="store_true",
        default=False,
        help=(
            "accept the certificate of the server at --base-url even where the browser does not trust "
            "it (a test deployment's own authority)."
        ),
    )
    group.addoption(
        "--trace-screenshots",
        action="store_true",
        default=False,
        help=(
            "with --tracing=retain-on-failure, record a screenshot of every frame in the trace too (the "
            "trace viewer's filmstrip). Off by default: the DOM snapshot of each action shows the pages "
            "as well, and the screencast costs about a tenth of each scenario."
        ),
    )
    group.addoption(
        "--trace-every-scenario",
        action="store_true",
        default=False,
        help=(
            "trace every scenario from its first attempt, keeping the trace of each failure (about a seventh "
            "more per scenario). By default a scenario runs untraced and a failed one is tried once more, "
            "traced; --reruns=0 (pytest-rerunfailures) turns that retry off."
        ),
    )
    group.addoption(
        "--accept-flaky",
        action="store_true",
        default=False,
        help=(
            "let a run pass whose scenarios failed and then passed on their retry (still reported as flaky). "
            "By default such a run fails with exit status 7."
        ),
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
    group.addoption(
        "--session-report",
        metavar="DIR",
        default=None,
        help=(
            "write the living-documentation report into DIR: index.html, a page per feature with each "
            "scenario's execution table, screenshots, traces of failures, and cucumber.json."
        ),
    )
    group.addoption(
        "--probe-secret",
        metavar="SECRET",
        default=None,
        help=(
            f"read the session store of the server at --base-url through the store probe it mounts "
            f"(session_site.urls), which answers only if its settings set {SECRET_SETTING} to this secret. "
            f"Default: the environment variable {SECRET_ENVIRONMENT_VARIABLE}. Without it, the steps that "
            "read the store are reported as not checked."
        ),
    )
    group.addoption(
        "--session-bookkeeping-keys",
        metavar="PATTERN",
        action="append",
        default=[],
        help=(
            "keys the site's session engine or middleware adds to every session, as fnmatch patterns "
            "(repeatable or comma-separated, e.g. '_qsessions_*'): 'session is {...}' compares the "
            "application's data without them and names them apart. The site's settings may list them in "
            "SESSION_SPEC_BOOKKEEPING_KEYS."
        ),
    )
    group.addoption(
        "--shard",
        metavar="I/N",
        type=parse_shard,
        default=None,
        help=(
            "run shard I of N of the matrix, on one of N machines: whole cells, dealt out so that each "
            "shard takes about as long (by --shard-durations); tests without a cell are left out, for a "
            "run of -m 'not cell'. Give every shard the same other options."
        ),
    )
    group.addoption(
        "--shard-durations",
        metavar="FILE",
        default=None,
        help=(
            "the seconds each test took, as pytest-split's --store-durations writes them, by which "
            "--shard deals the cells (default: by their number of tests)."
        ),
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


def probe_secret(config: pytest.Config) -> str | None:
    """The deployment's probe secret: ``--probe-secret``, else its environment variable, else None."""
    given = config.getoption("probe_secret", None) or os.environ.get(SECRET_ENVIRONMENT_VARIABLE)
    return str(given) if given else None


def bookkeeping_patterns(config: pytest.Config) -> list[str]:
    """The patterns ``--session-bookkeeping-keys`` gives."""
    return split_patterns(config.getoption("session_bookkeeping_keys", None) or [])


def split_patterns(values: list[str]) -> list[str]:
    """The patterns of a repeatable option whose values may each be a comma-separated list."""
    return [pattern.strip() for value in values for pattern in value.split(",") if pattern.strip()]


def site_settings_modules(config: pytest.Config) -> dict[str, str]:
    """The settings module each server protocol serves: ``--site-settings``, or the bundled site's."""
    given = config.getoption("site_settings")
    return {server: given for server in SERVERS} if given else dict(DEFAULT_SITE_SETTINGS)


def chosen(values: list[str], every: tuple[str, ...] | list[str]) -> list[str]:
    """The values of a repeatable option with 'all', in a stable order and without repeats."""
    picked = set(every) if "all" in values else set(values)
    return [value for value in every if value in picked]


def site_cells(config: pytest.Config) -> Matrix:
    """The cells of the matrix this run covers, from ``--session-engine`` and ``--server``.

    With ``all``, a cell this machine cannot run is left out; one named on its own stops the run.
    """
    server_values, engine_values = config.getoption("server"), config.getoption("session_engine")
    database_values = config.getoption("database")
    servers = chosen(server_values, SERVERS) or ["wsgi"]
    engine_names = chosen(engine_values, list(ENGINES))
    databases = [DATABASES[name] for name in chosen(database_values, list(DATABASES))] or [SQLITE]
    if given_base_url(config) is not None:
        if databases != [SQLITE]:
            raise pytest.UsageError(
                "django-session-spec: --database chooses the database of a site the plugin serves; "
                "the deployment at --base-url runs on its own"
            )
        # The site runs elsewhere: the engine named only says which one it runs there.
        if engine_names:
            return Matrix([Cell(ENGINES[name], server) for name in engine_names for server in servers])
        return Matrix([Cell(REMOTE_ENGINE, server, overrides_engine=False) for server in servers[:1]])
    cells: list[Cell] = []
    if SITE_ENGINE in engine_values or not engine_names:
        engine = read_configured_engine(site_settings_modules(config)["wsgi"], config)
        cells = [
            Cell(engine, server, overrides_engine=False, database=database)
            for database in engine_databases(engine, databases)
            for server in servers
        ]
    site_ids = {cell.id for cell in cells}
    # An engine named beside 'site' that is the site's own already runs as the site's cell.
    cells += [
        cell
        for name in engine_names
        for database in engine_databases(ENGINES[name], databases)
        for cell in (Cell(ENGINES[name], server, database=database) for server in servers)
        if cell.id not in site_ids
    ]
    return runnable_matrix(
        cells,
        every_engine="all" in engine_values,
        every_server="all" in server_values,
        every_database="all" in database_values,
    )


def engine_databases(engine: Engine, databases: list[Database]) -> list[Database]:
    """The databases an engine runs on: each one asked for where it keeps sessions there, else SQLite alone."""
    return databases if engine.keeps_sessions_in_database else [SQLITE]


def read_configured_engine(module_name: str, config: pytest.Config) -> Engine:
    """The session engine a settings module configures (Django's default if it says none)."""
    module = import_site_settings(module_name, config)
    session_engine = str(getattr(module, "SESSION_ENGINE", "django.contrib.sessions.backends.db"))
    declared = declared_family(config.getoption("session_engine_family"), "--session-engine-family") or (
        declared_family(getattr(module, FAMILY_SETTING, None), f"{FAMILY_SETTING} in {module_name}")
    )
    try:
        found = family_in_fresh_process(session_engine, module_name)
    except EngineNotImportable as error:
        raise engine_import_error(session_engine, error) from None
    return configured_engine(session_engine, session_cache_backend(module), declared or found)


def add_site_paths(config: pytest.Config) -> None:
    """Let this process import from the folders of --site-path, as the site's servers do."""
    for path in reversed(config.getoption("site_path")):
        if path not in sys.path:
            sys.path.insert(0, path)


def import_site_settings(module_name: str, config: pytest.Config) -> ModuleType:
    """The site's settings module, imported here from --site-path too; one line if it cannot be."""
    add_site_paths(config)
    try:
        return importlib.import_module(module_name)
    except Exception as error:
        raise pytest.UsageError(
            f"django-session-spec: the site's settings {module_name!r} could not be imported: "
            f"{type(error).__name__}: {error}"
        ) from None


def is_own_site(config: pytest.Config) -> bool:
    """Whether the site is a project's own, not the bundled site (or one of its settings)."""
    given = config.getoption("site_settings")
    return bool(given) and given.partition(".")[0] != BUNDLED_SITE_PACKAGE


def sync_urlconf_under_asgi(config: pytest.Config, cells: list[Cell]) -> str | None:
    """The sync URLconf the run's ASGI cells serve, where a project's settings give no async one; else None.

    Django runs sync views in a thread under ASGI: the views are not the async ones a project
    may have. Said once, so that no one takes an asgi cell for a run of their async views.
    """
    if not is_own_site(config) or config.getoption("asgi_urlconf") or given_base_url(config) is not None:
        return None
    if not any(cell.server == "asgi" for cell in cells):
        return None
    module = import_site_settings(site_settings_modules(config)["asgi"], config)
    if getattr(module, "ASGI_APPLICATION", None):
        return None
    return str(getattr(module, "ROOT_URLCONF", "?"))


def settings_import_root(module_name: str) -> str | None:
    """The folder this process imports a settings module's top package from, if it can.

    The site's servers import only from --site-path; pytest may import from more (its
    ``pythonpath`` setting, pytest-django's folder of ``manage.py``), and a module found
    here must be found there too.
    """
    top = module_name.partition(".")[0]
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return str(Path(next(iter(spec.submodule_search_locations))).parent)
    return str(Path(spec.origin).parent) if spec.origin else None


def session_cache_backend(settings: ModuleType) -> str | None:
    """The ``BACKEND`` of the cache that ``SESSION_CACHE_ALIAS`` names in a settings module, if any."""
    cache = getattr(settings, "CACHES", {}).get(getattr(settings, "SESSION_CACHE_ALIAS", "default"), {})
    backend = cache.get("BACKEND")
    return str(backend) if backend else None

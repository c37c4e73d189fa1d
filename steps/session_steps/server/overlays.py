"""Private copies of a Django site for one test run: settings overlays and one SQLite file.

A base overlay gives the site a database and caches of the run's own; each cell of the
matrix adds an overlay that switches the session engine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from session_steps.errors import SpecSetupError
from session_steps.matrix.cells import (
    FILE_CACHE_ALIAS,
    LOCMEM_ALIAS,
    MEMCACHED_ALIAS,
    REDIS_ALIAS,
    SQLITE,
    Cell,
    Database,
)
from session_steps.server.probe_protocol import PROBE_MIDDLEWARE, TOKEN_SETTING
from session_steps.server.run_caches import RUN_FOLDER_SETTING, RUN_PREFIX_SETTING, new_run_prefix
from session_steps.server.trace_protocol import TRACE_MIDDLEWARE

BASE_OVERLAY = "session_spec_settings"
MIGRATE_TIMEOUT_S = 120
# The end of a traceback names the cause; its whole length would bury the message.
DETAIL_LINES = 12

BASE_TEMPLATE = '''\
"""Settings for one test run: {site}, with a database and caches of the run's own."""

from {site} import *  # noqa: F403

from session_steps.server.run_caches import run_caches

DATABASES = {{
    "default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {database!r}}},
    {more_databases}
}}
# A cache server the site names may be shared with other runs and programs: every cache
# keeps this run's keys under a prefix of the run's own, after the site's, so the run starts
# on an empty cache, and clears and counts its own keys alone.
{run_prefix_setting} = {run_prefix!r}
{run_folder_setting} = {folder!r}
CACHES = run_caches(
    {{
        **globals().get("CACHES", {{"default": {{"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}}}),
        {locmem_alias!r}: {{"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        {file_alias!r}: {{
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": {cache_folder!r},
        }},
        {redis}
        {memcached}
    }},
    {run_prefix_setting},
    {run_folder_setting},
)

# The file engine keeps its sessions in the run's own folder, as the database is the run's
# own: the site's folder (or the default, the system's temporary folder) is shared with
# other runs and programs, so that nothing outlives the run and a count of the files counts
# this run's sessions alone.
SESSION_FILE_PATH = {session_files!r}

# With DEBUG off, Django logs a failing request nowhere visible; a failed scenario's report
# shows the server's output, so a site that configures no logging of its own sends its
# request errors there. (With DEBUG on, Django's own logging already does.)
if "LOGGING" not in globals():
    LOGGING = {{
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {{"debug_off": {{"()": "django.utils.log.RequireDebugFalse"}}}},
        "handlers": {{"console": {{"class": "logging.StreamHandler", "filters": ["debug_off"]}}}},
        "loggers": {{"django.request": {{"handlers": ["console"], "level": "ERROR"}}}},
    }}
'''

REDIS_TEMPLATE = '{alias!r}: {{"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": {url!r}}},'
MEMCACHED_TEMPLATE = (
    '{alias!r}: {{"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": {location!r}}},'
)

DATABASE_TEMPLATE = '''\
"""Settings for one test run: {site} on its {database} database alone."""

from {base} import *  # noqa: F403

'''

CELL_TEMPLATE = '''\
"""Settings for one cell of the matrix: {site} on {cell}."""

from {site} import *  # noqa: F403
from {base} import (  # noqa: F401
    CACHES,
    DATABASES,
    LOGGING,
    SESSION_FILE_PATH,
    {run_prefix_setting},
    {run_folder_setting},
)

{engine}
'''


SECOND_SERVER_TEMPLATE = '''\
"""Settings for a second server of one cell: {cell}, as served by a machine of its own."""

from {cell_module} import *  # noqa: F403

from session_steps.server.run_caches import on_own_disk

# Every server reads the same database and cache servers; what a server keeps in files is
# on its own machine's disk: session files, and file-based caches.
SESSION_FILE_PATH = {session_files!r}
CACHES = on_own_disk(CACHES, {folder!r})  # noqa: F405
'''


@dataclass(frozen=True)
class SiteInstance:
    """A site's settings made private to one run, importable as ``overlay_module``."""

    settings_module: str
    overlay_module: str
    folder: Path
    python_path: tuple[str, ...] = ()

    @property
    def import_paths(self) -> list[str]:
        """Folders the server and this process must import from, overlays first."""
        return [str(self.folder), *self.python_path]

    def environ(self) -> dict[str, str]:
        """The environment for a process of this site: the caller's, plus the overlay."""
        env = dict(os.environ)
        inherited = [env["PYTHONPATH"]] if env.get("PYTHONPATH") else []
        env["PYTHONPATH"] = os.pathsep.join([*self.import_paths, *inherited])
        env["DJANGO_SETTINGS_MODULE"] = self.overlay_module
        env["PYTHONUNBUFFERED"] = "1"
        return env


def session_file_folder(folder: Path) -> Path:
    return folder / "session-files"


def write_base_overlay(
    settings_module: str,
    folder: Path,
    python_path: tuple[str, ...] = (),
    redis_url: str | None = None,
    run_prefix: str | None = None,
    memcached_location: str | None = None,
    databases: dict[str, dict[str, object]] | None = None,
) -> SiteInstance:
    """Write the run's base overlay: the site's settings, a fresh database, extra caches, the run's key prefix.

    ``run_prefix`` is the run's cache key prefix (a new one when not given); ``databases``
    are the run's other databases, by alias, beside its SQLite file.
    """
    folder.mkdir(parents=True, exist_ok=True)
    session_file_folder(folder).mkdir(exist_ok=True)
    redis = REDIS_TEMPLATE.format(alias=REDIS_ALIAS, url=redis_url) if redis_url else ""
    memcached = (
        MEMCACHED_TEMPLATE.format(alias=MEMCACHED_ALIAS, location=memcached_location) if memcached_location else ""
    )
    text = BASE_TEMPLATE.format(
        more_databases="\n    ".join(f"{alias!r}: {entry!r}," for alias, entry in (databases or {}).items()),
        memcached=memcached,
        site=settings_module,
        database=str(folder / "db.sqlite3"),
        locmem_alias=LOCMEM_ALIAS,
        file_alias=FILE_CACHE_ALIAS,
        cache_folder=str(folder / "cache"),
        session_files=str(session_file_folder(folder)),
        redis=redis,
        run_prefix_setting=RUN_PREFIX_SETTING,
        run_prefix=run_prefix or new_run_prefix(),
        run_folder_setting=RUN_FOLDER_SETTING,
        folder=str(folder),
    )
    (folder / f"{BASE_OVERLAY}.py").write_text(text)
    return SiteInstance(settings_module, BASE_OVERLAY, folder, python_path)


def cell_settings(cell: Cell, folder: Path, probe_token: str, asgi_urlconf: str | None = None) -> dict[str, object]:
    """The settings one cell of the matrix changes, beyond the base overlay.

    ``asgi_urlconf`` is the URLconf of async views an ASGI cell serves instead of ROOT_URLCONF.
    """
    overrides: dict[str, object] = {}
    if asgi_urlconf and cell.server == "asgi":
        overrides["ROOT_URLCONF"] = asgi_urlconf
    if cell.overrides_engine:
        overrides.update(cell.engine.settings())
        if cell.engine.family == "file":
            overrides["SESSION_FILE_PATH"] = str(session_file_folder(folder))
    # Whoever configured the cache, a store in the server's memory is read by its probe.
    if cell.engine.store_in_server_memory:
        overrides[TOKEN_SETTING] = probe_token
    return overrides


def overlay_module_name(cell: Cell) -> str:
    """The module name of a cell's overlay: its id, with what a module name cannot hold made ``_``."""
    # A project's own engine is named by its dotted path; a dot in the name would make it a package.
    return "session_spec_" + re.sub(r"\W", "_", cell.id)


def write_cell_overlay(
    base: SiteInstance,
    settings_module: str,
    cell: Cell,
    probe_token: str,
    asgi_urlconf: str | None = None,
    trace: bool = False,
) -> SiteInstance:
    """Write the overlay of one cell of the matrix, on top of the run's base overlay.

    With ``trace`` (the report is on) the server traces each request's session operations
    for it; see session_steps.server.session_trace.
    """
    module = overlay_module_name(cell)
    overrides = cell_settings(cell, base.folder, probe_token, asgi_urlconf)
    lines = [f"{name} = {value!r}" for name, value in overrides.items()]
    if cell.database != SQLITE:
        # The cell's database becomes the site's only one, as it would be in production.
        lines.append(f"DATABASES = {{'default': DATABASES[{cell.database.alias!r}]}}")
    if trace:
        lines.append(f"MIDDLEWARE = [{TRACE_MIDDLEWARE!r}, *MIDDLEWARE]  # noqa: F405")
    if TOKEN_SETTING in overrides:
        # Only the server can read a store kept in its own memory; see session_steps.server.probe.
        # Outermost, before the trace: the probe's questions come from the test process, not a browser.
        lines.append(f"MIDDLEWARE = [{PROBE_MIDDLEWARE!r}, *MIDDLEWARE]  # noqa: F405")
    text = CELL_TEMPLATE.format(
        site=settings_module,
        cell=cell.id,
        base=BASE_OVERLAY,
        engine="\n".join(lines),
        run_prefix_setting=RUN_PREFIX_SETTING,
        run_folder_setting=RUN_FOLDER_SETTING,
    )
    (base.folder / f"{module}.py").write_text(text)
    return SiteInstance(settings_module, module, base.folder, base.python_path)


def write_second_server_overlay(cell_instance: SiteInstance, cell: Cell) -> SiteInstance:
    """The overlay of a second server of a cell: its settings, with a folder of its own for what it keeps in files."""
    module = f"{cell_instance.overlay_module}_second_server"
    folder = cell_instance.folder / f"{overlay_module_name(cell)}-second-server"
    session_file_folder(folder).mkdir(parents=True, exist_ok=True)
    text = SECOND_SERVER_TEMPLATE.format(
        cell=cell.id,
        cell_module=cell_instance.overlay_module,
        session_files=str(session_file_folder(folder)),
        folder=str(folder),
    )
    (cell_instance.folder / f"{module}.py").write_text(text)
    return SiteInstance(cell_instance.settings_module, module, cell_instance.folder, cell_instance.python_path)


def write_database_overlay(base: SiteInstance, database: Database) -> SiteInstance:
    """An overlay of the base whose only database is ``database``: what its cells' servers run on, and migrate.

    Migrating through it, rather than with ``migrate --database``, runs a project's data
    migrations as its servers will: on the default database, which is where those that do
    not name one write.
    """
    module = f"{BASE_OVERLAY}_on_{database.name}"
    text = DATABASE_TEMPLATE.format(site=base.settings_module, database=database.name, base=BASE_OVERLAY)
    text += f"DATABASES = {{'default': DATABASES[{database.alias!r}]}}\n"
    (base.folder / f"{module}.py").write_text(text)
    return SiteInstance(base.settings_module, module, base.folder, base.python_path)


def migrate(instance: SiteInstance) -> None:
    """Run Django's ``migrate`` for the instance; a failure names its cause in one line."""
    command = [sys.executable, "-m", "django", "migrate", "--noinput", "--verbosity", "0"]
    try:
        result = subprocess.run(
            command, env=instance.environ(), capture_output=True, text=True, timeout=MIGRATE_TIMEOUT_S
        )
    except subprocess.TimeoutExpired as error:
        raise SpecSetupError(
            f"migrating the site ({instance.settings_module}) took over {MIGRATE_TIMEOUT_S} s"
        ) from error
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        cause = output.splitlines()[-1] if output else f"exit code {result.returncode}"
        raise SpecSetupError(
            f"the site's settings {instance.settings_module!r} could not be loaded and migrated: {cause}",
            details="\n".join(output.splitlines()[-DETAIL_LINES:]),
        )

"""The run's own Memcached and PostgreSQL: each cell reads and counts its store there, as root and not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from spec_runner import PROJECT, TESTS, cells_of

from session_steps.matrix.cells import ENGINES
from session_steps.matrix.machine import POSTGRESQL_SERVER
from session_steps.server.processes import is_root

# Run in a pytest of its own: Django is set up once a process, with the first run's settings.
STORES = """
import os
from pathlib import Path

import psycopg
from pymemcache.client.base import Client

from session_steps.matrix.cells import DATABASES, ENGINES, Cell

MEMCACHED = Cell(ENGINES["cache-memcached"], "wsgi")
POSTGRESQL = DATABASES["postgresql"]


def test_memcached_counts_and_clears_the_runs_keys_alone(site_pool):
    store = site_pool.store(MEMCACHED)
    location = site_pool.django_setting("CACHES")["session-spec-memcached"]["LOCATION"]
    host, port = location.split(":")
    others = Client((host, int(port)))
    others.set("someone-elses:1:django.contrib.sessions.cacheabc", b"theirs")
    before = store.count()
    keys = [store.start({"visits": number}) for number in (1, 2)]
    after = store.count()
    assert (before.sessions, after.sessions, after.counted) == (0, 2, "keys of the 'session-spec-memcached' cache")
    assert [store.cache_holds(key) for key in keys] == [True, True]
    store.clear_cache()
    assert store.count().sessions == 0
    assert [store.exists(key) for key in keys] == [False, False]
    assert others.get("someone-elses:1:django.contrib.sessions.cacheabc") == b"theirs"


def test_a_session_on_postgresql_is_a_row_there_and_not_in_sqlite(site_pool):
    on_postgresql = site_pool.store(Cell(ENGINES["db"], "wsgi", database=POSTGRESQL))
    on_sqlite = site_pool.store(Cell(ENGINES["db"], "wsgi"))
    key = on_postgresql.start({"color": "blue"})
    assert (on_postgresql.load(key), on_sqlite.load(key)) == ({"color": "blue"}, {})
    assert (on_postgresql.count().sessions, on_sqlite.count().sessions) == (1, 0)
    database = site_pool.django_setting("DATABASES")[POSTGRESQL.alias]
    with psycopg.connect(
        host=database["HOST"], port=database["PORT"], user=database["USER"],
        password=database["PASSWORD"], dbname=database["NAME"],
    ) as connection:
        rows = connection.execute("SELECT session_key FROM django_session").fetchall()
    assert rows == [(key,)]


def test_the_servers_run_as_a_user_who_is_not_root(site_pool):
    site_pool.run_site.instance()
    for server in site_pool.run_site.servers:
        uid = next(line for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines()
                   if line.startswith("Uid:")).split()[1]
        expected = os.getuid() if os.getuid() else {"redis-server": 0}.get(server.program.command, "not root")
        assert int(uid) != 0 if expected == "not root" else int(uid) == expected, server.program.command
"""


@pytest.fixture(scope="module")
def stores_run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    folder = tmp_path_factory.mktemp("stores")
    (folder / "test_stores.py").write_text(STORES)
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(folder),
        "-p",
        "no:cacheprovider",
        "-q",
        f"--basetemp={folder / 't'}",
    ]
    command += ["--session-engine=cache-memcached", "--session-engine=db", "--database=all", "-rA"]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    "test",
    [
        "test_memcached_counts_and_clears_the_runs_keys_alone",
        "test_a_session_on_postgresql_is_a_row_there_and_not_in_sqlite",
        "test_the_servers_run_as_a_user_who_is_not_root",
    ],
)
def test_the_stores_of_the_runs_own_servers(stores_run: subprocess.CompletedProcess[str], test: str) -> None:
    passed = [line for line in stores_run.stdout.splitlines() if line.startswith("PASSED ")]
    assert any(line.endswith(f"test_stores.py::{test}") for line in passed), (
        stores_run.stdout[-4000:] + stores_run.stderr
    )


# A process that is not root starts the servers as itself: no setpriv, no folder handed over.
AS_ITSELF = textwrap.dedent(
    """\
    import os, tempfile
    from pathlib import Path
    from session_steps.server.memcached_server import MemcachedServer
    from session_steps.server.postgresql_cluster import PostgresCluster

    folder = Path(tempfile.mkdtemp())
    for server in (MemcachedServer(folder / "memcached"), PostgresCluster(folder / "postgresql")):
        server.start()
        owner = Path(f"/proc/{server.process.pid}/status").read_text().split("Uid:")[1].split()[0]
        cluster = getattr(server, "cluster_folder", None)
        owns_folder = cluster is None or cluster.stat().st_uid == os.getuid()
        print(server.program.command, owner == str(os.getuid()), owns_folder)
        server.stop()
        print(server.program.command, "folder removed:", cluster is None or not cluster.exists())
    """
)


def test_a_run_that_is_not_root_starts_memcached_and_postgresql_as_itself(tmp_path: Path) -> None:
    # As root, the script runs as nobody, with the system's Python (root's own is out of nobody's reach).
    site_packages = sysconfig.get_paths()["purelib"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT / "steps"), site_packages])}
    as_nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if is_root() else []
    python = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}" if is_root() else sys.executable
    result = subprocess.run(
        [*as_nobody, python, "-c", AS_ITSELF], env=env, capture_output=True, text=True, timeout=120, cwd="/"
    )
    assert result.stdout.splitlines() == [
        "memcached True True",
        "memcached folder removed: True",
        "postgres True True",
        "postgres folder removed: True",
    ], result.stderr[-3000:]


FAILING_POSTGRES = "#!/bin/sh\necho 'FATAL:  this postgres cannot start' >&2\nexit 1\n"


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder in the system's temporary folder that every user can read (pytest's is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="session-spec-test-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_a_database_server_that_cannot_start_stops_the_run_with_its_logs_last_lines(
    tmp_path: Path, shared_folder: Path
) -> None:
    folder = shared_folder
    for name, script in (("initdb", "#!/bin/sh\nexit 0\n"), ("postgres", FAILING_POSTGRES)):
        (folder / name).write_text(script)
        (folder / name).chmod(0o755)
    env = {**os.environ, str(POSTGRESQL_SERVER.folder_variable): str(folder)}
    command = [sys.executable, "-m", "pytest", str(TESTS / "test_features.py"), "-p", "no:cacheprovider", "-q"]
    command += ["--database=postgresql", "-k", "the_first_visit", f"--basetemp={tmp_path / 't'}"]
    result = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout[-3000:]
    output = result.stdout + result.stderr
    assert "django-session-spec: postgres did not start: it exited (log: " in output
    assert "FATAL:  this postgres cannot start" in output


def collect(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", str(TESTS / "test_features.py"), "-p", "no:cacheprovider"]
    return subprocess.run([*command, "--collect-only", "-q", *args], cwd=PROJECT, capture_output=True, text=True)


def test_every_database_adds_the_db_and_cached_db_cells_on_postgresql_beside_the_others() -> None:
    result = collect("--session-engine=all", "--database=all", "--server=all")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    on_sqlite = {f"{engine}-{server}" for engine in ENGINES for server in ("wsgi", "asgi")}
    on_postgresql = {f"{engine}-postgresql-{server}" for engine in ("db", "cached_db") for server in ("wsgi", "asgi")}
    assert cells_of(result.stdout.splitlines()) == on_sqlite | on_postgresql


def test_a_deployment_runs_on_its_own_database() -> None:
    result = collect("--base-url=http://127.0.0.1:9/", "--database=postgresql")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.strip().splitlines() == [
        "ERROR: django-session-spec: --database chooses the database of a site the plugin serves; "
        "the deployment at --base-url runs on its own"
    ]

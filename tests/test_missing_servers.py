"""A machine without a server the matrix needs: set-up obtains it; a run leaves it out or stops at once."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hidden_programs import path_without
from spec_runner import PROJECT, TESTS, cells_of, spec_run

from session_steps.install_servers import Installer, needed_servers, obtain
from session_steps.matrix.cells import DATABASES, ENGINES, Cell, Engine
from session_steps.matrix.machine import (
    MEMCACHED_SERVER,
    POSTGRESQL_SERVER,
    REDIS_SERVER,
    PythonPackage,
    ServerProgram,
)
from session_steps.matrix.runnable import left_out_line, runnable_matrix
from session_steps.plugin import other_engines_reason

NO_REDIS_SERVER = "redis-server is not installed (apt-get install redis-server)"
NO_MEMCACHED = "memcached is not installed (apt-get install memcached)"
NO_POSTGRESQL = "postgres is not installed (apt-get install postgresql)"
# Where PostgreSQL is looked for instead of PATH and Debian's folders, when set.
POSTGRESQL_BIN = str(POSTGRESQL_SERVER.folder_variable)
# The run stops while pytest starts, before it collects a test: it needs no more than this.
PROMPT_S = 15


# The installer's decisions, on a server program of the test's own.

TEST_SERVER = ServerProgram("session-spec-test-server", "session-spec-test-package")


@pytest.fixture
def bin_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The only folder on PATH, empty until a test puts a program there."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


def put_program(folder: Path, name: str) -> Path:
    program = folder / name
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    return program


def recording_installer(folder: Path, installs: bool, asked: list[list[str]]) -> Installer:
    """An installer that records what it is asked for, and provides the test server if ``installs``."""

    def install(packages: list[str]) -> bool:
        asked.append(packages)
        if installs:
            put_program(folder, TEST_SERVER.command)
        return True

    return install


def test_a_server_found_on_path_needs_no_installer(bin_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = put_program(bin_folder, TEST_SERVER.command)
    asked: list[list[str]] = []
    assert obtain({TEST_SERVER: ["the test engine"]}, recording_installer(bin_folder, True, asked)) == 0
    assert asked == []
    assert capsys.readouterr().out == f"session-spec-test-server for the test engine: {program}\n"


def test_a_missing_server_is_installed_where_an_installer_may_run(
    bin_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[list[str]] = []
    assert obtain({TEST_SERVER: ["the test engine"]}, recording_installer(bin_folder, True, asked)) == 0
    assert asked == [["session-spec-test-package"]]
    assert capsys.readouterr().out.endswith(f"for the test engine: {bin_folder / TEST_SERVER.command}\n")


@pytest.mark.parametrize("installs", [None, False], ids=["not root", "the installer did not provide it"])
def test_a_server_still_missing_is_one_line_saying_what_to_install(
    bin_folder: Path, capsys: pytest.CaptureFixture[str], installs: bool | None
) -> None:
    asked: list[list[str]] = []
    installer = None if installs is None else recording_installer(bin_folder, installs, asked)
    assert obtain({TEST_SERVER: ["the test engine", "the other database"]}, installer) == 1
    assert capsys.readouterr().err == (
        "Not installed: session-spec-test-server, for the test engine, the other database. "
        "Install it as root: apt-get install session-spec-test-package\n"
    )


def test_the_matrix_needs_a_server_for_redis_memcached_and_postgresql_alone() -> None:
    assert needed_servers(ENGINES.values(), DATABASES.values()) == {
        REDIS_SERVER: ["the cache-redis engine"],
        MEMCACHED_SERVER: ["the cache-memcached engine"],
        POSTGRESQL_SERVER: ["the postgresql database"],
    }


def run_installer(path: str) -> subprocess.CompletedProcess[str]:
    # apt-get is not on this PATH, so nothing can be installed, whatever the user; PostgreSQL
    # is looked for in the same folder, not in Debian's, where this machine has it.
    env = {**os.environ, "PATH": path, POSTGRESQL_BIN: path}
    command = [sys.executable, "-m", "session_steps.install_servers"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, cwd=PROJECT)


def test_setup_finds_every_server_on_path(bin_folder: Path) -> None:
    found = [put_program(bin_folder, name) for name in ("redis-server", "memcached", "postgres")]
    result = run_installer(str(bin_folder))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"redis-server for the cache-redis engine: {found[0]}\n"
        f"memcached for the cache-memcached engine: {found[1]}\n"
        f"postgres for the postgresql database: {found[2]}\n",
        "",
    )


def test_setup_without_the_servers_or_an_installer_says_what_to_install(bin_folder: Path) -> None:
    put_program(bin_folder, "redis-server")
    result = run_installer(str(bin_folder))
    assert (result.returncode, result.stderr) == (
        1,
        "Not installed: memcached, for the cache-memcached engine; postgres, for the postgresql database. "
        "Install it as root: apt-get install memcached postgresql\n",
    )


def test_postgresql_is_found_in_debians_folder_off_path_the_newest_first(tmp_path: Path, bin_folder: Path) -> None:
    # Debian's postgresql package puts initdb and postgres in /usr/lib/postgresql/<version>/bin, off PATH.
    versions = {version: tmp_path / "lib" / version / "bin" for version in ("9", "16", "15")}
    for folder in versions.values():
        folder.mkdir(parents=True)
        put_program(folder, "postgres")
    program = ServerProgram("postgres", "postgresql", folders=(str(tmp_path / "lib" / "*" / "bin"),))
    assert program.path() == str(versions["16"] / "postgres")
    assert ServerProgram("postgres", "postgresql").path() is None


def test_the_folder_variable_names_the_one_folder_to_look_in(
    tmp_path: Path, bin_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = tmp_path / "named"
    named.mkdir()
    put_program(bin_folder, "postgres")
    program = ServerProgram("postgres", "postgresql", folder_variable="SESSION_SPEC_TEST_BIN")
    monkeypatch.setenv("SESSION_SPEC_TEST_BIN", str(named))
    assert program.path() is None
    assert program.missing() == "postgres is not installed (apt-get install postgresql)"
    assert put_program(named, "postgres") and program.path() == str(named / "postgres")


# The plugin's policy, on cells of the test's own.

LACKING = Engine("lacking", "cache", needs=(TEST_SERVER,))
LACKS = "session-spec-test-server is not installed (apt-get install session-spec-test-package)"


def test_a_python_package_that_is_not_importable_says_what_to_install() -> None:
    assert PythonPackage("redis", "redis").missing() is None
    assert PythonPackage("session_spec_no_such_module", "no-such-package").missing() == (
        "the Python package no-such-package is not installed (pip install no-such-package)"
    )


def test_a_folder_named_like_a_missing_package_is_not_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A run's folder on the import path once held Redis's data in "redis/", which Python
    # imports as an empty namespace package where the redis package is not installed.
    (tmp_path / "session_spec_data_only").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    assert PythonPackage("session_spec_data_only", "data-only").missing() == (
        "the Python package data-only is not installed (pip install data-only)"
    )


def test_every_engine_leaves_out_the_cells_this_machine_cannot_run() -> None:
    cells = [Cell(engine, server) for engine in (ENGINES["db"], LACKING) for server in ("wsgi", "asgi")]
    matrix = runnable_matrix(cells, every_engine=True, every_server=True)
    assert [cell.id for cell in matrix.cells] == ["db-wsgi", "db-asgi"]
    assert left_out_line(matrix.left_out) == (
        f"django-session-spec: left out lacking-wsgi, lacking-asgi, which this machine cannot run: {LACKS}"
    )


def test_left_out_cells_are_grouped_by_what_they_lack() -> None:
    left_out = {Cell(LACKING, "wsgi"): "x is missing", Cell(LACKING, "asgi"): "y is missing"}
    assert left_out_line(left_out) == (
        "django-session-spec: left out lacking-wsgi, which this machine cannot run: x is missing; "
        "lacking-asgi, which this machine cannot run: y is missing"
    )
    assert left_out_line({}) is None


@pytest.mark.parametrize(
    ("cell", "named"),
    [
        (Cell(LACKING, "wsgi"), "--session-engine=lacking"),
        (
            Cell(LACKING, "wsgi", overrides_engine=False),
            "the session engine of the site's settings (django.contrib.sessions.backends.cache)",
        ),
    ],
    ids=["--session-engine", "the site's own engine"],
)
def test_a_cell_named_on_its_own_that_cannot_run_stops_the_run(cell: Cell, named: str) -> None:
    with pytest.raises(pytest.UsageError) as raised:
        runnable_matrix([Cell(ENGINES["db"], "wsgi"), cell], every_engine=False, every_server=True)
    assert str(raised.value) == f"django-session-spec: {named} cannot run on this machine: {LACKS}"


def test_a_run_that_would_leave_out_every_cell_stops() -> None:
    with pytest.raises(pytest.UsageError) as raised:
        runnable_matrix([Cell(LACKING, "wsgi")], every_engine=True, every_server=True)
    assert str(raised.value) == (
        f"django-session-spec: every cell asked for is left out: lacking-wsgi, which this machine cannot run: {LACKS}"
    )


def test_a_scenario_of_a_left_out_engine_skips_saying_what_to_install() -> None:
    left_out = {Cell(LACKING, "wsgi"): LACKS}
    assert other_engines_reason({"engine:cache"}, left_out) == (
        f"specifies the cache engine, which this machine cannot run: {LACKS}"
    )
    reason = other_engines_reason({"engine:file"}, left_out)
    assert reason == "specifies the file engine: run with --session-engine=file for it"
    # A family's tag names the engines of that family, as the option spells them.
    assert other_engines_reason({"engine:cache"}, {}) == (
        "specifies the cache engine: run with --session-engine=cache-locmem or cache-memcached or cache-redis for it"
    )


# Whole runs on this machine with redis-server hidden from PATH: a machine without it.


@pytest.fixture(scope="module")
def without_redis_server(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """This process's environment, with a PATH on which no redis-server is found."""
    return {**os.environ, "PATH": path_without({"redis-server"}, tmp_path_factory.mktemp("path"))}


def run_pytest(env: dict[str, str], *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run pytest in the project with ``args``; what it printed, and how long it took."""
    started = time.monotonic()
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args]
    result = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)
    return result, time.monotonic() - started


def collected(env: dict[str, str], *options: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Collect the spec's scenarios with ``options``: what pytest printed, and the test ids it collected."""
    result, _ = run_pytest(env, str(TESTS / "test_features.py"), *options, "--collect-only", "-q")
    return result, [line for line in result.stdout.splitlines() if "::" in line]


def left_out_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "left out" in line]


def test_every_engine_without_redis_server_runs_the_rest_and_says_so_in_one_line(
    tmp_path: Path, without_redis_server: dict[str, str]
) -> None:
    run = spec_run(tmp_path, "--session-engine=all", "-k", "test_the_first_visit", env=without_redis_server)
    cells = {"db", "cached_db", "cache-locmem", "cache-memcached", "file", "signed_cookies"}
    assert run.outcomes == {f"test_the_first_visit[{cell}-wsgi]": "passed" for cell in cells}
    assert left_out_lines(run.output) == [
        f"django-session-spec: left out cache-redis-wsgi, which this machine cannot run: {NO_REDIS_SERVER}"
    ]


def test_every_cell_without_redis_server_collects_no_redis_test(without_redis_server: dict[str, str]) -> None:
    result, ids = collected(without_redis_server, "--session-engine=all", "--server=all")
    assert result.returncode == 0, result.stdout + result.stderr
    assert cells_of(ids) == {
        f"{engine}-{server}" for engine in ENGINES if engine != "cache-redis" for server in ("wsgi", "asgi")
    }
    assert not [test_id for test_id in ids if "redis" in test_id]
    assert left_out_lines(result.stdout) == [
        "django-session-spec: left out cache-redis-wsgi, cache-redis-asgi, which this machine cannot run: "
        + NO_REDIS_SERVER
    ]


def test_the_engine_differences_check_passes_without_redis_server(
    tmp_path: Path, without_redis_server: dict[str, str]
) -> None:
    result, _ = run_pytest(
        without_redis_server, str(TESTS / "test_engine_differences.py"), "-v", f"--basetemp={tmp_path}"
    )
    assert result.returncode == 0, result.stdout[-3000:]
    # Two checks of the whole run, and one per engine this machine runs: none for cache-redis.
    assert "8 passed in" in result.stdout.splitlines()[-1]
    assert "test_engine_scenarios_pass_on_their_engine_only[db] PASSED" in result.stdout
    assert "redis" not in result.stdout


def test_a_named_engine_without_redis_server_stops_the_run_at_once(without_redis_server: dict[str, str]) -> None:
    result, seconds = run_pytest(without_redis_server, str(TESTS / "test_features.py"), "--session-engine=cache-redis")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.strip().splitlines() == [
        f"ERROR: django-session-spec: --session-engine=cache-redis cannot run on this machine: {NO_REDIS_SERVER}"
    ]
    assert "collected" not in result.stdout  # stopped before any test, server or browser
    assert seconds < PROMPT_S


def test_a_site_whose_own_engine_needs_a_missing_package_stops_the_run_at_once(tmp_path: Path) -> None:
    assert importlib.util.find_spec("pylibmc") is None, "this test needs a Python package that is not installed"
    (tmp_path / "memcached_settings.py").write_text(
        "from session_site.settings import *\n\n"
        'SESSION_ENGINE = "django.contrib.sessions.backends.cache"\n'
        'CACHES = {"default": {"BACKEND": "django.core.cache.backends.memcached.PyLibMCCache"}}\n'
    )
    result, seconds = run_pytest(
        dict(os.environ),
        str(TESTS / "test_features.py"),
        "--site-settings=memcached_settings",
        f"--site-path={tmp_path}",
    )
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.strip().splitlines() == [
        "ERROR: django-session-spec: the session engine of the site's settings "
        "(django.contrib.sessions.backends.cache) cannot run on this machine: "
        "the Python package pylibmc is not installed (pip install pylibmc)"
    ]
    assert seconds < PROMPT_S


# Whole runs on this machine with memcached and PostgreSQL hidden: a machine without them.


@pytest.fixture(scope="module")
def without_memcached_or_postgresql(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """This process's environment, where neither memcached nor PostgreSQL's programs are found."""
    empty = tmp_path_factory.mktemp("no-postgresql")
    path = path_without({"memcached", "postgres", "initdb"}, tmp_path_factory.mktemp("path"))
    # Debian's folder holds PostgreSQL off PATH: the variable makes the search look in an empty one.
    return {**os.environ, "PATH": path, POSTGRESQL_BIN: str(empty)}


def test_every_cell_without_memcached_or_postgresql_collects_the_rest_and_says_so_in_one_line(
    without_memcached_or_postgresql: dict[str, str],
) -> None:
    result, ids = collected(without_memcached_or_postgresql, "--session-engine=all", "--database=all")
    assert result.returncode == 0, result.stdout + result.stderr
    assert cells_of(ids) == {f"{engine}-wsgi" for engine in ENGINES if engine != "cache-memcached"}
    assert left_out_lines(result.stdout) == [
        "django-session-spec: left out db-postgresql-wsgi, cached_db-postgresql-wsgi, which this machine cannot "
        f"run: {NO_POSTGRESQL}; cache-memcached-wsgi, which this machine cannot run: {NO_MEMCACHED}"
    ]


@pytest.mark.parametrize(
    ("option", "lacks"),
    [("--session-engine=cache-memcached", NO_MEMCACHED), ("--database=postgresql", NO_POSTGRESQL)],
    ids=["memcached", "postgresql"],
)
def test_a_named_cell_without_its_server_stops_the_run_at_once(
    without_memcached_or_postgresql: dict[str, str], option: str, lacks: str
) -> None:
    result, seconds = run_pytest(without_memcached_or_postgresql, str(TESTS / "test_features.py"), option)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.strip().splitlines() == [
        f"ERROR: django-session-spec: {option} cannot run on this machine: {lacks}"
    ]
    assert seconds < PROMPT_S

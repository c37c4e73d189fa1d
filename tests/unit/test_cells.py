"""Engines and the cells of the matrix: what they switch, what they run, what they need."""

from __future__ import annotations

import pytest

from session_steps.matrix.cells import (
    CACHED_PER_SERVER,
    DATABASES,
    ENGINES,
    FILE_CACHE_ALIAS,
    PER_SERVER,
    REMOTE_ENGINE,
    SHARED,
    STORES,
    Cell,
    configured_engine,
)
from session_steps.matrix.machine import REDIS_CLIENT, PythonPackage
from session_steps.pytest_plugin.options import engine_databases
from session_steps.server.overlays import overlay_module_name


def test_an_engine_switches_a_site_by_its_module_and_the_cache_it_keeps_sessions_in() -> None:
    assert ENGINES["db"].settings() == {"SESSION_ENGINE": "django.contrib.sessions.backends.db"}
    assert ENGINES["cached_db"].settings() == {
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "SESSION_CACHE_ALIAS": FILE_CACHE_ALIAS,
    }


def test_a_cell_is_named_by_its_engine_and_server() -> None:
    assert Cell(ENGINES["signed_cookies"], "asgi").id == "signed_cookies-asgi"


def test_a_cell_on_another_database_than_sqlite_names_it() -> None:
    assert Cell(ENGINES["db"], "wsgi", database=DATABASES["sqlite"]).id == "db-wsgi"
    assert Cell(ENGINES["cached_db"], "asgi", database=DATABASES["postgresql"]).id == "cached_db-postgresql-asgi"


def test_only_the_engines_that_keep_sessions_in_the_database_run_on_each_database() -> None:
    every = list(DATABASES.values())
    assert {name: engine_databases(engine, every) == every for name, engine in ENGINES.items()} == {
        "db": True,
        "cached_db": True,
        "cache-locmem": False,
        "cache-redis": False,
        "cache-memcached": False,
        "file": False,
        "signed_cookies": False,
    }
    assert engine_databases(ENGINES["file"], [DATABASES["postgresql"]]) == [DATABASES["sqlite"]]


@pytest.mark.parametrize(
    ("engine", "tags", "runs"),
    [
        ("db", set(), True),
        ("db", {"slow", "server-error"}, True),
        ("cache-redis", {"engine:cache"}, True),
        ("cache-redis", {"engine:cache-redis"}, True),
        ("cache-locmem", {"engine:cache-redis"}, False),
        ("cached_db", {"engine:cache"}, False),
        ("signed_cookies", {"engine:db", "engine:signed_cookies"}, True),
        ("file", {"engine:db", "engine:signed_cookies"}, False),
    ],
)
def test_engine_tags_limit_a_scenario_to_their_engines_by_family_or_name(
    engine: str, tags: set[str], runs: bool
) -> None:
    assert Cell(ENGINES[engine], "wsgi").runs(tags) is runs


def test_the_configured_engine_is_named_by_its_backend_s_module() -> None:
    engine = configured_engine("django.contrib.sessions.backends.signed_cookies")
    assert (engine.name, engine.family, engine.module, engine.needs) == (
        "signed_cookies",
        "signed_cookies",
        "django.contrib.sessions.backends.signed_cookies",
        (),
    )


def test_a_configured_cache_engine_needs_its_cache_s_client_package() -> None:
    redis = configured_engine("django.contrib.sessions.backends.cache", "django.core.cache.backends.redis.RedisCache")
    assert redis.needs == (REDIS_CLIENT,)
    memcached = configured_engine(
        "django.contrib.sessions.backends.cached_db", "django.core.cache.backends.memcached.PyMemcacheCache"
    )
    assert memcached.needs == (PythonPackage("pymemcache", "pymemcache"),)
    local = configured_engine("django.contrib.sessions.backends.cache", "django.core.cache.backends.locmem.LocMemCache")
    assert local.needs == ()


def test_an_engine_that_keeps_no_cache_needs_no_client_whatever_the_cache() -> None:
    engine = configured_engine("django.contrib.sessions.backends.db", "django.core.cache.backends.redis.RedisCache")
    assert engine.needs == ()


def test_a_project_s_own_engine_is_named_by_its_dotted_path() -> None:
    engine = configured_engine("myproject.sessions.backend", family="db")
    assert (engine.name, engine.module, engine.family, engine.needs) == (
        "myproject.sessions.backend",
        "myproject.sessions.backend",
        "db",
        (),
    )
    assert Cell(engine, "wsgi").id == "myproject.sessions.backend-wsgi"
    # The overlay's module name holds no dot: a dot would make it a package.
    assert overlay_module_name(Cell(engine, "wsgi")) == "session_spec_myproject_sessions_backend_wsgi"


def test_an_engine_made_from_django_s_db_is_told_apart_from_django_s_db_and_runs_its_scenarios() -> None:
    theirs = Cell(configured_engine("user_sessions.backends.db", family="db"), "wsgi")
    assert theirs.id != Cell(configured_engine("django.contrib.sessions.backends.db"), "wsgi").id
    assert theirs.runs({"engine:db"}) and not theirs.runs({"engine:cache"})
    assert theirs.runs({"engine:user_sessions.backends.db"})


def test_an_engine_of_no_family_runs_only_the_scenarios_that_name_it() -> None:
    unknown = Cell(configured_engine("redis_sessions.session"), "wsgi")
    assert unknown.engine.family is None
    assert not unknown.runs({"engine:db"}) and not unknown.runs({"engine:cache"})
    assert unknown.runs({"engine:redis_sessions.session"}) and unknown.runs(set())


def test_sessions_in_a_local_memory_cache_the_settings_name_are_read_in_the_server() -> None:
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    assert configured_engine("django.contrib.sessions.backends.cache", locmem).store_in_server_memory
    assert configured_engine("django.contrib.sessions.backends.cached_db", locmem).store_in_server_memory
    # A shared cache, or an engine that keeps no sessions in a cache, is read from here.
    redis = "django.core.cache.backends.redis.RedisCache"
    assert not configured_engine("django.contrib.sessions.backends.cache", redis).store_in_server_memory
    assert not configured_engine("django.contrib.sessions.backends.db", locmem).store_in_server_memory


@pytest.mark.parametrize("family", ["cache", "cached_db"])
def test_a_project_s_own_engine_over_a_local_memory_cache_is_read_in_the_server(family: str) -> None:
    # django-qsessions' cached_db, over the local-memory cache: named by its module, it was
    # read here, where that cache is another, empty one.
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    assert configured_engine("qsessions.backends." + family, locmem, family=family).store_in_server_memory
    assert not configured_engine("qsessions.backends.db", locmem, family="db").store_in_server_memory


@pytest.mark.parametrize(
    ("engine", "store"),
    [
        ("db", SHARED),
        ("cache-redis", SHARED),
        ("cache-memcached", SHARED),
        ("signed_cookies", SHARED),
        ("cache-locmem", PER_SERVER),
        ("file", PER_SERVER),
        # The harness's cached_db keeps its cache in files: each machine's own.
        ("cached_db", CACHED_PER_SERVER),
    ],
)
def test_each_engine_of_the_matrix_says_where_several_servers_find_its_sessions(engine: str, store: str) -> None:
    cell = Cell(ENGINES[engine], "wsgi")
    assert cell.engine.store_across_servers == store
    assert cell.runs({f"store:{store}"})
    assert not cell.runs({f"store:{other}" for other in STORES if other != store})


@pytest.mark.parametrize(
    ("session_engine", "backend", "store"),
    [
        ("cache", "django.core.cache.backends.locmem.LocMemCache", PER_SERVER),
        ("cache", "django.core.cache.backends.filebased.FileBasedCache", PER_SERVER),
        ("cache", "django.core.cache.backends.redis.RedisCache", SHARED),
        ("cached_db", "django.core.cache.backends.locmem.LocMemCache", CACHED_PER_SERVER),
        ("cached_db", "django.core.cache.backends.memcached.PyMemcacheCache", SHARED),
        ("cached_db", "django.core.cache.backends.db.DatabaseCache", SHARED),
    ],
)
def test_a_site_s_own_cache_decides_where_several_servers_find_its_sessions(
    session_engine: str, backend: str, store: str
) -> None:
    engine = configured_engine(f"django.contrib.sessions.backends.{session_engine}", backend)
    assert engine.store_across_servers == store


def test_an_engine_of_no_family_or_a_deployment_s_runs_no_store_scenario() -> None:
    assert configured_engine("redis_sessions.session").store_across_servers is None
    assert not Cell(REMOTE_ENGINE, "wsgi").runs({"store:shared"})
    # Both kinds of tag must allow the cell.
    assert not Cell(ENGINES["db"], "wsgi").runs({"engine:db", "store:per-server"})

"""The matrix a spec runs on: session engines crossed with server protocols."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.module_loading import import_string

from session_steps.matrix.families import DJANGO_BACKENDS, django_family
from session_steps.matrix.machine import (
    CACHE_BACKEND_CLIENTS,
    MEMCACHED_CLIENT,
    MEMCACHED_SERVER,
    POSTGRESQL_CLIENT,
    POSTGRESQL_SERVER,
    REDIS_CLIENT,
    REDIS_SERVER,
    Need,
    PythonPackage,
    missing,
)

# Cache aliases the harness adds to the site's CACHES, so an engine can be switched
# by SESSION_ENGINE and SESSION_CACHE_ALIAS alone.
LOCMEM_ALIAS = "session-spec-locmem"
REDIS_ALIAS = "session-spec-redis"
MEMCACHED_ALIAS = "session-spec-memcached"
FILE_CACHE_ALIAS = "session-spec-file"
# A cache that lives in the memory of each process that uses it.
LOCMEM_BACKEND = "django.core.cache.backends.locmem.LocMemCache"

# Where a cell's sessions are, for a site served by several servers (the @store: tags):
# every server reads the same store; each server keeps a store of its own; or every server
# reads the same database through a cache of its own (cached_db over a local cache).
SHARED = "shared"
PER_SERVER = "per-server"
CACHED_PER_SERVER = "cached-per-server"


@dataclass(frozen=True)
class Engine:
    """A session engine to run the spec on, with the cache it keeps sessions in."""

    name: str
    # The Django store its SessionStore is made from: db, cached_db, cache, file or
    # signed_cookies; None for an engine made from none of them, its family undeclared.
    family: str | None
    cache_alias: str | None = None
    # What the machine must have to serve a site on this engine.
    needs: tuple[Need, ...] = ()
    # The site's own settings keep sessions in a local-memory cache (not the harness's alias).
    in_local_memory_cache: bool = False
    # SESSION_ENGINE, for an engine that is not Django's own engine of its family.
    engine_module: str | None = None
    # The site's own settings keep sessions in a file-based cache (not the harness's alias).
    in_file_cache: bool = False

    @property
    def module(self) -> str:
        """The engine's dotted path, as SESSION_ENGINE names it."""
        return self.engine_module or DJANGO_BACKENDS + str(self.family)

    @property
    def needs_redis(self) -> bool:
        return self.cache_alias == REDIS_ALIAS

    @property
    def needs_memcached(self) -> bool:
        return self.cache_alias == MEMCACHED_ALIAS

    @property
    def keeps_sessions_in_database(self) -> bool:
        """True for the engines whose sessions are rows of the database (db, cached_db): they run on each database."""
        return self.family in DATABASE_FAMILIES

    @property
    def store_in_server_memory(self) -> bool:
        """True when the store is read inside the server, where a store in its own memory is.

        An engine of no known family may keep its sessions anywhere, the server's memory
        included: only the server itself is sure to read it as the site does.
        """
        unknown = self.family is None and self.engine_module is not None
        return self.in_local_memory_cache or self.cache_alias == LOCMEM_ALIAS or unknown

    @property
    def cache_per_server(self) -> bool:
        """Whether its cache is each server's own: in a process's memory, or in files on a machine's disk."""
        local_aliases = (LOCMEM_ALIAS, FILE_CACHE_ALIAS)
        return self.cache_alias in local_aliases or self.in_local_memory_cache or self.in_file_cache

    @property
    def store_across_servers(self) -> str | None:
        """Where its sessions are when several servers serve the site: ``SHARED``, ``PER_SERVER`` or
        ``CACHED_PER_SERVER``; None for an engine of no known family.

        Files (session files, a file-based cache) count as each server's own, as on servers
        that are machines of their own; a database and a cache server are reached by all.
        """
        if self.family in ("db", "signed_cookies"):
            return SHARED
        if self.family == "file":
            return PER_SERVER
        if self.family == "cache":
            return PER_SERVER if self.cache_per_server else SHARED
        if self.family == "cached_db":
            return CACHED_PER_SERVER if self.cache_per_server else SHARED
        return None

    def settings(self) -> dict[str, str]:
        """The settings that switch a site to this engine."""
        overrides = {"SESSION_ENGINE": self.module}
        if self.cache_alias:
            overrides["SESSION_CACHE_ALIAS"] = self.cache_alias
        return overrides


ENGINES = {
    engine.name: engine
    for engine in (
        Engine("db", "db"),
        # A file-based cache is shared by processes, so the harness can clear it.
        Engine("cached_db", "cached_db", FILE_CACHE_ALIAS),
        Engine("cache-locmem", "cache", LOCMEM_ALIAS),
        Engine("cache-redis", "cache", REDIS_ALIAS, needs=(REDIS_SERVER, REDIS_CLIENT)),
        Engine("cache-memcached", "cache", MEMCACHED_ALIAS, needs=(MEMCACHED_SERVER, MEMCACHED_CLIENT)),
        Engine("file", "file"),
        Engine("signed_cookies", "signed_cookies"),
    )
}
# A deployment's engine, which the spec cannot see: its cell stands for whatever it runs,
# of no family the spec could advise declaring.
REMOTE_ENGINE = Engine("remote", "remote")
SERVERS = ("wsgi", "asgi")
SERVER_NEEDS: dict[str, tuple[Need, ...]] = {
    "wsgi": (PythonPackage("gunicorn", "gunicorn"),),
    "asgi": (PythonPackage("uvicorn", "uvicorn"),),
}
# Django's engines that keep sessions in the cache named by SESSION_CACHE_ALIAS.
CACHE_FAMILIES = ("cache", "cached_db")
# Django's engines that keep sessions in the database.
DATABASE_FAMILIES = ("db", "cached_db")


@dataclass(frozen=True)
class Database:
    """A database the site runs on, and what the machine needs for it.

    ``alias`` is its name among the run's DATABASES; a cell on it makes it the site's default.
    """

    name: str
    alias: str
    needs: tuple[Need, ...] = ()


SQLITE = Database("sqlite", "default")
DATABASES = {
    database.name: database
    for database in (SQLITE, Database("postgresql", "session-spec-postgresql", (POSTGRESQL_SERVER, POSTGRESQL_CLIENT)))
}


def configured_engine(session_engine: str, cache_backend: str | None = None, family: str | None = None) -> Engine:
    """The engine a settings module configures itself, left as it is (no overrides).

    ``cache_backend`` is the ``BACKEND`` of the cache its sessions would live in, if any;
    ``family`` is the family of an engine that is not Django's own (found or declared).
    Django's engines keep their short names (``db``); any other is named by its whole
    dotted path, so that ``user_sessions.backends.db`` is not taken for Django's ``db``.
    """
    own_family = django_family(session_engine)
    name = own_family or session_engine
    family = own_family or family
    in_cache = family in CACHE_FAMILIES
    client = CACHE_BACKEND_CLIENTS.get(cache_backend or "") if in_cache else None
    return Engine(
        name,
        family,
        needs=(client,) if client else (),
        in_local_memory_cache=in_cache and is_local_memory_cache(cache_backend),
        engine_module=None if own_family else session_engine,
        in_file_cache=in_cache and is_cache_class(cache_backend, FileBasedCache),
    )


def is_local_memory_cache(backend: str | None) -> bool:
    """Whether a cache ``BACKEND`` is Django's local-memory cache, or a class made from it."""
    return backend == LOCMEM_BACKEND or is_cache_class(backend, LocMemCache)


def is_cache_class(backend: str | None, base: type) -> bool:
    """Whether a cache ``BACKEND`` is ``base``, or a class made from it."""
    try:
        cache_class = import_string(backend or "")
    except ImportError:
        return False
    return isinstance(cache_class, type) and issubclass(cache_class, base)


@dataclass(frozen=True)
class Cell:
    """One cell of the matrix: the site on one engine, behind one server protocol, on one database.

    ``overrides_engine`` is False for the engine the settings module configures itself.
    """

    engine: Engine
    server: str
    overrides_engine: bool = True
    database: Database = SQLITE

    @property
    def id(self) -> str:
        """``db-wsgi``; a database other than SQLite is named between: ``db-postgresql-wsgi``."""
        on = "" if self.database == SQLITE else f"-{self.database.name}"
        return f"{self.engine.name}{on}-{self.server}"

    def missing(self) -> str | None:
        """What this machine lacks to run the cell, with what to install; None when it can."""
        return missing(self.engine.needs + SERVER_NEEDS.get(self.server, ()) + self.database.needs)

    def runs(self, tags: Iterable[str]) -> bool:
        """Whether a scenario with these tags applies here (``@engine:NAME`` and ``@store:WHERE`` tags limit it)."""
        tags = set(tags)
        engines = tagged(tags, ENGINE_TAG)
        stores = tagged(tags, STORE_TAG)
        of_engine = not engines or self.engine.family in engines or self.engine.name in engines
        return of_engine and (not stores or self.engine.store_across_servers in stores)


ENGINE_TAG = "engine:"
# @store:shared, @store:per-server, @store:cached-per-server: where the sessions of a site
# served by several servers are (Engine.store_across_servers).
STORE_TAG = "store:"
STORES = (SHARED, PER_SERVER, CACHED_PER_SERVER)
# The tags that choose the cells a scenario runs on; they are not marks.
CELL_TAGS = (ENGINE_TAG, STORE_TAG)


def tagged(tags: Iterable[str], prefix: str) -> set[str]:
    """What the tags with this prefix name: ``{"db"}`` for ``@engine:db``."""
    return {tag.removeprefix(prefix) for tag in tags if tag.startswith(prefix)}


def chooses_cells(tag: str) -> bool:
    """Whether a tag limits the cells a scenario runs on (``@engine:``, ``@store:``)."""
    return tag.startswith(CELL_TAGS)

"""The session store, read with the site's own engine, in a process where Django is set up.

The test process calls these in its Django thread (``session_steps.server.store_readers``); for a store
kept in the server's memory, the server's probe calls them (``session_steps.server.probe``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from session_steps.server import run_caches


@dataclass(frozen=True)
class StoreCount:
    """How many sessions a store held at one moment, and what was counted."""

    sessions: int
    counted: str  # "rows of django_session", "keys of the 'default' cache", ...


class NotCountable(Exception):
    """The store's sessions cannot be counted from here; the message says why."""


class KeptInCookies(NotCountable):
    """The engine keeps each session in its cookie: the browsers' cookie jars are the store."""


def engine() -> Any:
    """The module of the configured ``SESSION_ENGINE``."""
    from django.conf import settings

    return import_module(settings.SESSION_ENGINE)


# What Django puts in an empty DATABASES setting.
DUMMY_DATABASE = "django.db.backends.dummy"


def load(session_key: str | None) -> dict[str, Any]:
    """The session a request with this key gets; without a key, what a request with no cookie gets.

    Reading changes nothing: some engines save a new session whenever they are asked for
    one they lack (django-user-sessions' load() does), so what the load wrote to the
    database is rolled back.
    """
    from django.db import connections, transaction

    database = session_database()
    # A site that declares no database gets Django's dummy backend, whose every use raises:
    # there is nothing a load could have written to roll back.
    if connections[database].settings_dict["ENGINE"] == DUMMY_DATABASE:
        return dict(engine().SessionStore(session_key=session_key).items())
    with transaction.atomic(using=database):
        data = dict(engine().SessionStore(session_key=session_key).items())
        transaction.set_rollback(True, using=database)
    return data


def session_database() -> str:
    """The database the engine writes its sessions to (its routers' choice), or the default for a store of no model."""
    from django.db import DEFAULT_DB_ALIAS, router

    store_class = engine().SessionStore
    if hasattr(store_class, "get_model_class"):
        return str(router.db_for_write(store_class.get_model_class()))
    return DEFAULT_DB_ALIAS


def start(data: dict[str, Any]) -> str:
    """Store a new session holding ``data`` with the site's engine; the value its cookie carries.

    That is the new session key, or with signed cookies the signed data itself.
    """
    store = engine().SessionStore()
    store.update(data)
    store.save()
    key: str = store.session_key
    return key


def exists(session_key: str) -> bool:
    return bool(engine().SessionStore().exists(session_key))


def cache_holds(session_key: str) -> bool:
    from django.conf import settings
    from django.core.cache import caches

    prefix = getattr(engine().SessionStore, "cache_key_prefix", None)
    if prefix is None:
        raise AssertionError(f"{settings.SESSION_ENGINE} keeps no sessions in a cache")
    return (prefix + session_key) in caches[settings.SESSION_CACHE_ALIAS]


def clear_cache() -> None:
    """Empty the session cache of the run's keys (``run_caches.NotClearable`` where that cannot be done safely)."""
    from django.conf import settings
    from django.core.cache import caches

    run_caches.clear(caches[settings.SESSION_CACHE_ALIAS], settings.SESSION_CACHE_ALIAS)


def session_files() -> list[str]:
    from django.conf import settings

    folder = settings.SESSION_FILE_PATH
    return sorted(os.listdir(folder)) if folder and os.path.isdir(folder) else []


def count() -> StoreCount:
    """How many sessions the engine stores: rows, cache keys or files, as it keeps them.

    Raises ``KeptInCookies`` for an engine that stores nothing on the server, and
    ``NotCountable`` for a store this cannot list.
    """
    from django.conf import settings
    from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieStore

    store_class = engine().SessionStore
    # cached_db has a cache in front of its table: the table is what it stores.
    if hasattr(store_class, "get_model_class"):
        model = store_class.get_model_class()
        return StoreCount(model.objects.count(), f"rows of {model._meta.db_table}")
    if hasattr(store_class, "cache_key_prefix"):
        return count_cache_keys(store_class.cache_key_prefix)
    if hasattr(store_class, "_get_storage_path"):
        store = store_class()
        files = os.listdir(store.storage_path)
        return StoreCount(sum(name.startswith(store.file_prefix) for name in files), f"files in {store.storage_path}")
    if issubclass(store_class, SignedCookieStore):
        raise KeptInCookies(f"{settings.SESSION_ENGINE} keeps each session in its cookie")
    raise NotCountable(f"the spec cannot count the sessions {settings.SESSION_ENGINE} stores")


def count_cache_keys(prefix: str) -> StoreCount:
    """The keys of the session cache that hold a session, for the caches that can list their keys.

    Only the run's keys count: the cache's key prefix is the run's own (``run_caches``).
    """
    from django.conf import settings
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    alias = settings.SESSION_CACHE_ALIAS
    cache = caches[alias]
    made = cache.make_key(prefix)
    counted = f"keys of the {alias!r} cache"
    if isinstance(cache, LocMemCache):
        # Django's local-memory cache has no API to list its keys; its dict is the cache.
        with cache._lock:  # type: ignore[attr-defined]
            keys = list(cache._cache)  # type: ignore[attr-defined]
        return StoreCount(sum(key.startswith(made) for key in keys), counted)
    listed = run_caches.listed_keys(cache, starting=prefix)
    if listed is not None:
        return StoreCount(sum(1 for _ in listed), counted)
    raise NotCountable(f"the spec cannot list the keys of a {type(cache).__name__} ({alias!r})")


def close_connections() -> None:
    from django.db import connections

    connections.close_all()

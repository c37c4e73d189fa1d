"""The site's caches kept apart for one run: a key prefix of the run's own, and only the run's keys cleared or counted.

A site's CACHES may name a cache server that other runs, or other programs, use too (a
Redis the project runs). Each run writes its keys under a prefix of its own, after the
site's prefix, so that the run starts on an empty cache and never reads, counts or
deletes anyone else's keys.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator, Mapping
from typing import Any

from session_steps.server.memcached_keys import CannotList, delete_keys, is_memcached, memcached_keys

# The setting of the base overlay that names the run's prefix; a cache whose prefix ends
# with it holds nothing but the run's keys.
RUN_PREFIX_SETTING = "SESSION_SPEC_RUN_KEY_PREFIX"
# The run's folder, where the base overlay puts every file cache it can tell is one.
RUN_FOLDER_SETTING = "SESSION_SPEC_RUN_FOLDER"
FILE_CACHE_BACKEND = "django.core.cache.backends.filebased.FileBasedCache"
# Keys deleted per DEL command: large enough to be quick, small enough for any server.
DELETE_BATCH = 500


class NotClearable(Exception):
    """The cache may hold others' keys and cannot list the run's: it is left as it is. The message says why."""


def new_run_prefix() -> str:
    """A key prefix no other run has: one per run, and one per pytest-xdist worker."""
    return f"session-spec-{secrets.token_hex(6)}"


def run_caches(caches: Mapping[str, Mapping[str, Any]], run_prefix: str, folder: str) -> dict[str, dict[str, Any]]:
    """``caches`` (a CACHES setting) kept apart for the run whose prefix is ``run_prefix``.

    Each alias's KEY_PREFIX becomes the site's own prefix followed by the run's; a file
    cache (Django's own) outside the run's ``folder`` moves into it, since its files cannot be
    told apart.
    """
    kept: dict[str, dict[str, Any]] = {}
    for alias, given in caches.items():
        config = dict(given)
        own = str(config.get("KEY_PREFIX", ""))
        config["KEY_PREFIX"] = f"{own}:{run_prefix}" if own else run_prefix
        location = str(config.get("LOCATION", ""))
        if config.get("BACKEND") == FILE_CACHE_BACKEND and not is_inside(location, folder):
            config["LOCATION"] = os.path.join(folder, "caches", alias)
        kept[alias] = config
    return kept


def on_own_disk(caches: Mapping[str, Mapping[str, Any]], folder: str) -> dict[str, dict[str, Any]]:
    """``caches`` of a server that is a machine of its own: each file cache (Django's own) in ``folder``."""
    return {
        alias: {**config, "LOCATION": os.path.join(folder, "caches", alias)}
        if config.get("BACKEND") == FILE_CACHE_BACKEND
        else dict(config)
        for alias, config in caches.items()
    }


def is_inside(path: str, folder: str) -> bool:
    if not path:
        return False
    return os.path.commonpath([os.path.abspath(path), os.path.abspath(folder)]) == os.path.abspath(folder)


def is_in_run_folder(cache: Any) -> bool:
    """Whether ``cache`` is a file cache in the run's folder."""
    from django.conf import settings
    from django.core.cache.backends.filebased import FileBasedCache

    folder = getattr(settings, RUN_FOLDER_SETTING, None)
    return isinstance(cache, FileBasedCache) and bool(folder) and is_inside(cache._dir, str(folder))  # type: ignore[attr-defined]


def is_the_runs(cache: Any) -> bool:
    """Whether ``cache`` keeps its keys under the prefix of this process's run."""
    from django.conf import settings

    run_prefix = getattr(settings, RUN_PREFIX_SETTING, None)
    return bool(run_prefix) and str(cache.key_prefix).endswith(str(run_prefix))


def glob_escape(text: str) -> str:
    """``text`` matched literally by a Redis glob pattern."""
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)


def redis_keys(cache: Any, starting: str = "") -> Iterator[str] | None:
    """The cache's keys made from keys that start with ``starting``; None for a cache that is not Redis."""
    from django.core.cache.backends.redis import RedisCache

    if hasattr(cache, "iter_keys") and hasattr(cache, "delete_pattern"):
        # django-redis: its own listing, which knows its clients (one server, sentinels or shards).
        return (str(key) for key in cache.iter_keys(glob_escape(starting) + "*"))
    if isinstance(cache, RedisCache):
        pattern = cache.key_func(glob_escape(starting) + "*", glob_escape(cache.key_prefix), cache.version)
        client = cache._cache.get_client(write=False)
        return (key.decode() if isinstance(key, bytes) else str(key) for key in client.scan_iter(match=pattern))
    return None


def listed_keys(cache: Any, starting: str = "") -> Iterator[str] | None:
    """Keys made from keys starting with ``starting``, where the cache lists them (Redis, Memcached), else None."""
    in_redis = redis_keys(cache, starting)
    if in_redis is not None:
        return in_redis
    try:
        return memcached_keys(cache, starting)
    except CannotList:
        return None


def clear(cache: Any, alias: str) -> None:
    """Empty the cache of the run's keys, and of no one else's.

    Raises ``NotClearable`` for a cache that others may share and whose keys of the run
    cannot be listed.
    """
    from django.core.cache.backends.db import DatabaseCache
    from django.core.cache.backends.locmem import LocMemCache

    # The server's own memory, the run's database, or a folder of the run's: the run's alone.
    if isinstance(cache, LocMemCache | DatabaseCache) or is_in_run_folder(cache):
        cache.clear()
        return
    keys = listed_keys(cache) if is_the_runs(cache) else None
    if keys is None:
        raise NotClearable(
            f"the {alias!r} cache ({type(cache).__name__}) may hold others' keys and the spec cannot list"
            " this run's: it was left as it is"
        )
    if is_memcached(cache):
        delete_keys(cache, list(keys))
        return
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")  # django-redis: its prefix and version make the pattern
        return
    client = cache._cache.get_client(write=True)
    batch: list[str] = []
    for key in keys:
        batch.append(key)
        if len(batch) == DELETE_BATCH:
            client.delete(*batch)
            batch = []
    if batch:
        client.delete(*batch)

"""A local-memory cache that keeps nothing, though it says it stored what it was given.

A near miss of Django's local-memory cache: its sessions live, as that cache's do, in
the server's memory (so the spec reads them there, through the probe), but none is ever
kept, and the next request starts a new session.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.locmem import LocMemCache


class ForgetfulLocMemCache(LocMemCache):
    def add(self, key: str, value: Any, timeout: Any = None, version: int | None = None) -> bool:
        return True

    def set(self, key: str, value: Any, timeout: Any = None, version: int | None = None) -> None:
        return None

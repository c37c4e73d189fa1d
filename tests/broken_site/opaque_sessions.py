"""Not a near miss: a session engine of its own kind, which the spec can read but not count.

It keeps sessions in a cache, as Django's cache engine does, but derives from no engine of
Django's and names its keys its own way, as a third-party engine may: the spec loads its
sessions with its own SessionStore, and says it cannot count them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import CreateError, SessionBase, UpdateError
from django.core.cache import caches

KEY_PREFIX = "opaque-session:"
# As Django's engines: a collision of new keys this many times in a row is a broken cache.
CREATE_ATTEMPTS = 10000


class SessionStore(SessionBase):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        self._cache = caches[settings.SESSION_CACHE_ALIAS]

    def load(self) -> dict[str, Any]:
        data = self._cache.get(KEY_PREFIX + self.session_key) if self.session_key else None
        if data is None:
            self._session_key = None
            return {}
        return dict(data)

    def create(self) -> None:
        for _ in range(CREATE_ATTEMPTS):
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return
        raise RuntimeError("unable to create a new session key")

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        key = KEY_PREFIX + self.session_key
        if must_create:
            if not self._cache.add(key, self._get_session(no_load=True), self.get_expiry_age()):
                raise CreateError
        elif self._cache.get(key) is not None:
            self._cache.set(key, self._get_session(), self.get_expiry_age())
        else:
            raise UpdateError
        return None

    def exists(self, session_key: str) -> bool:
        return bool(session_key) and (KEY_PREFIX + session_key) in self._cache

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(KEY_PREFIX + session_key)

    @classmethod
    def clear_expired(cls) -> None:
        pass  # the cache expires its keys itself

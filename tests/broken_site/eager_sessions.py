"""A database session engine that stores an empty session as soon as a request reads one it lacks.

It tells nobody: the cookie is only sent if the view then changes the session, so a page
that only reads, or fails, leaves a session in the store that no browser will ever send.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore


class SessionStore(DatabaseStore):
    def _get_session(self, no_load: bool = False) -> dict[str, Any]:
        if self.session_key is None and not no_load and not hasattr(self, "_session_cache"):
            self.create_quietly()
        session: dict[str, Any] = super()._get_session(no_load)
        return session

    # SessionBase's property is bound to its own _get_session.
    _session = property(_get_session)

    def load(self) -> dict[str, Any]:
        data: dict[str, Any] = super().load()
        if self.session_key is None:  # the browser sent a key this store does not hold
            self.create_quietly()
        return data

    def create_quietly(self) -> None:
        self.create()
        self.modified = False

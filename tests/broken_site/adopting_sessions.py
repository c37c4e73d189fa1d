"""A database session engine that adopts whatever key the browser sends, stored or not."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore


class SessionStore(DatabaseStore):
    def load(self) -> dict[str, Any]:
        # Django forgets a key it does not store, so the next save makes a new one; this keeps it.
        key = self.session_key
        data: dict[str, Any] = super().load()
        self._session_key = key
        return data

    def save(self, must_create: bool = False) -> None:
        # An adopted key has no row yet: insert it rather than update nothing.
        super().save(must_create=must_create or not self.exists(self.session_key))

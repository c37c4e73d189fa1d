"""A database session engine that keeps every session a minute, whatever SESSION_COOKIE_AGE says."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

LASTING_S = 60


class SessionStore(DatabaseStore):
    def get_session_cookie_age(self) -> int:
        # The cookie still says SESSION_COOKIE_AGE: Django reads the setting for the header.
        return LASTING_S

    def get_expiry_age(self, **kwargs: Any) -> int:
        return LASTING_S

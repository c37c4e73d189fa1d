"""A database session engine that answers a malformed session key with an error, not a new session."""

from __future__ import annotations

import re

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.contrib.sessions.exceptions import SuspiciousSession

SESSION_KEY = re.compile(r"[a-z0-9]{32}")


class SessionStore(DatabaseStore):
    def __init__(self, session_key: str | None = None) -> None:
        # Checked as sent: Django itself drops a key shorter than 8 characters unread.
        if session_key is not None and not SESSION_KEY.fullmatch(session_key):
            raise SuspiciousSession(f"malformed session key {session_key!r}")
        super().__init__(session_key)

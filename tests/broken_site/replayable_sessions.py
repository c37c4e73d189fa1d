"""A database session engine that keeps every session a minute, while its cookie still ends at SESSION_COOKIE_AGE."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.utils import timezone

LASTING_S = 60


class SessionStore(DatabaseStore):
    # The cookie's Max-Age comes from get_expiry_age(), left as it is: the browser drops the
    # cookie in time, and only a cookie put back by hand shows that the server kept the session.
    def get_expiry_date(self, **kwargs: Any) -> datetime:
        return timezone.now() + timedelta(seconds=LASTING_S)

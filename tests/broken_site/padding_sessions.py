"""A signed-cookie session engine that puts one more key in every cookie than the session holds.

The pages read the keys they stored as before; only a reader of the cookie's payload sees
the extra one.
"""

from __future__ import annotations

from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieStore
from django.core import signing


class SessionStore(SignedCookieStore):
    def _get_session_key(self) -> str:
        return signing.dumps(
            {**self._session, "issued_by": "broken_site"},
            compress=True,
            salt="django.contrib.sessions.backends.signed_cookies",
            serializer=self.serializer,
        )

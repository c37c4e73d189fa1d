"""A signed-cookie session engine that reads the cookie's payload without checking its signature.

It issues cookies as Django does, but believes any cookie of the form
``payload:timestamp:signature`` whose payload it can decode: a visitor who rewrites the
payload gets the data they wrote. Only a cookie rewritten in that exact form gets through,
so a scenario that forges one tells a well-made forgery from a malformed one.
"""

from __future__ import annotations

import zlib
from typing import Any

from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieStore
from django.core import signing


class SessionStore(SignedCookieStore):
    def load(self) -> dict[str, Any]:
        try:
            payload, _timestamp, _signature = (self.session_key or "").split(":")
            data = signing.b64_decode(payload.removeprefix(".").encode())
            if payload.startswith("."):
                data = zlib.decompress(data)
            loaded: dict[str, Any] = self.serializer().loads(data)
            return loaded
        except (ValueError, zlib.error):
            # What Django does with a cookie it cannot read: a new, empty session.
            self.create()
            return {}

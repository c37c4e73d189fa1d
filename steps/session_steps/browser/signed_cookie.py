"""Reading and forging the payload of a signed_cookies session cookie, without the key.

Django's signed cookies are ``payload:timestamp:signature``, the payload base64-encoded
JSON (zlib-compressed when that is shorter, marked by a leading dot). Anyone can read
it; only the holder of SECRET_KEY can sign it.
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any


def read_payload(cookie_value: str) -> Any:
    """The data a signed session cookie carries, read without checking its signature."""
    payload = cookie_value.split(":", 1)[0]
    compressed = payload.startswith(".")
    encoded = payload.removeprefix(".")
    raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    return json.loads(zlib.decompress(raw) if compressed else raw)


def rewrite_payload(cookie_value: str, data: Any) -> str:
    """The cookie with other data in it, keeping the old timestamp and signature."""
    parts = cookie_value.split(":")
    if len(parts) != 3:
        raise ValueError(f"{cookie_value!r} is not a signed cookie (payload:timestamp:signature)")
    raw = json.dumps(data, separators=(",", ":")).encode()
    payload = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return ":".join([payload, *parts[1:]])

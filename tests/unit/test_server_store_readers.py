"""ProbeStore's questions as they travel: the session key never in the address."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

from local_http import serving

from session_steps.server.probe_protocol import KEY_HEADER, TOKEN_HEADER
from session_steps.server.store_readers import ProbeStore

KEY = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"


@contextmanager
def recording_probe(seen: list[tuple[str, dict[str, str]]]) -> Iterator[str]:
    """A stand-in for the probe's server that answers an empty session and notes each request."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, dict(self.headers)))
            body = json.dumps({"data": {}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as url:
        yield url


def test_the_session_key_travels_in_a_header_not_in_the_logged_address() -> None:
    seen: list[tuple[str, dict[str, str]]] = []
    with recording_probe(seen) as url:
        assert ProbeStore(url, "token").load(KEY) == {}
    [(path, headers)] = seen
    # Access logs record the address: a session key there is a credential in a log.
    assert KEY not in path
    assert headers[KEY_HEADER] == KEY
    assert headers[TOKEN_HEADER] == "token"

"""A stand-in HTTP server on a free port of 127.0.0.1, for unit tests of what talks HTTP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer


@contextmanager
def serving(
    handler: type[BaseHTTPRequestHandler], server_class: type[HTTPServer] = ThreadingHTTPServer
) -> Iterator[str]:
    """``handler`` served in a thread until the block ends: its base URL."""
    server = server_class(("127.0.0.1", 0), handler)
    server.daemon_threads = True  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()

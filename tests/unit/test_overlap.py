"""Whether a server serves two requests at once, asked at a gate like the bundled site's."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer

from local_http import serving

from session_steps.server.overlap import one_at_a_time

# Short waits: a unit test has no time for the site's 10 s gate.
GATE_WAIT_S = 1.5
SECOND_REQUEST_S = 0.5


class Gate:
    """session_site/gate.py in small: the slow page waits until the gate opens, or gives up."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.opened = threading.Event()
        self.paths: list[str] = []


def gate_handler(gate: Gate) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            gate.paths.append(self.path)
            status = 200
            if self.path.endswith("/visits/slow/"):
                gate.reached.set()
                status = 200 if gate.opened.wait(GATE_WAIT_S) else 500
            elif self.path.endswith("/gate/reached/"):
                status = 200 if gate.reached.wait(GATE_WAIT_S) else 500
            elif self.path.endswith("/gate/open/"):
                gate.opened.set()
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def test_a_server_with_threads_serves_the_overlap() -> None:
    gate = Gate()
    with serving(gate_handler(gate), ThreadingHTTPServer) as base:
        url = base + "/session-spec"
        assert one_at_a_time(url, SECOND_REQUEST_S) is None
    # The gate was opened, so the slow page went on: nothing is left waiting. (The slow
    # request and the question whether it reached the gate overlap: either may be logged first.)
    assert sorted(gate.paths) == [
        "/session-spec/gate/open/",
        "/session-spec/gate/reached/",
        "/session-spec/visits/slow/",
    ]
    assert gate.paths[-1] == "/session-spec/gate/open/"


def test_a_server_of_one_request_at_a_time_is_named_with_what_to_do() -> None:
    gate = Gate()
    with serving(gate_handler(gate), HTTPServer) as base:
        url = base + "/session-spec"
        reason = one_at_a_time(url, SECOND_REQUEST_S)
    assert reason == (
        f"the server at {url} served one request at a time (a second request got no answer within 0.5 s "
        "while /visits/slow/ waited): run it with threads, e.g. gunicorn --threads 4"
    )
    # The gate was never opened: no later slow page passes it unheld.
    assert not gate.opened.is_set()


def test_a_server_that_refuses_the_connection_is_left_to_the_scenario_to_fail() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert one_at_a_time(f"http://127.0.0.1:{port}", SECOND_REQUEST_S) is None

"""What went wrong in reaching a server, in a few words and what to do; checked before any connection."""

from __future__ import annotations

import errno
import socket
import ssl

import pytest

from session_steps.pytest_plugin.preflight import (
    CONNECT_TIMEOUT_S,
    base_url_failure,
    check_browser_endpoint,
    connection_failure,
)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "connection refused"),
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "the host name does not resolve"),
        (TimeoutError("timed out"), f"no answer within {CONNECT_TIMEOUT_S} s"),
        (OSError(errno.ENETUNREACH, "Network is unreachable"), "Network is unreachable"),
        (OSError("no errno"), "no errno"),
    ],
)
def test_a_failed_connection_is_said_in_a_few_words(error: OSError, words: str) -> None:
    assert connection_failure(error) == words


def test_a_base_url_that_cannot_be_reached_says_to_start_the_site() -> None:
    assert base_url_failure(socket.gaierror(socket.EAI_NONAME, "unknown")) == (
        "the host name does not resolve: start the site there, or give the address it serves"
    )


def test_tls_to_a_plain_http_server_asks_whether_the_scheme_is_right() -> None:
    wrong_version = ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number")
    wrong_version.reason = "WRONG_VERSION_NUMBER"
    assert base_url_failure(wrong_version) == (
        "TLS failed (WRONG_VERSION_NUMBER): is it an https:// address of an http:// server?"
    )


def test_a_reason_that_is_no_error_is_shown_as_it_is() -> None:
    assert base_url_failure("timed out") == "no answer (timed out)"


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:3000/", "127.0.0.1:3000", "ws:///no-host"])
def test_a_browser_endpoint_that_is_no_websocket_address_is_refused_before_connecting(endpoint: str) -> None:
    with pytest.raises(pytest.UsageError) as refused:
        check_browser_endpoint(endpoint)
    assert str(refused.value) == (
        f"django-session-spec: --browser-ws-endpoint {endpoint}: expected a ws:// or wss:// address"
    )


def test_a_first_page_with_spaces_and_letters_beyond_ascii_is_asked_as_a_browser_would() -> None:
    # The security feature writes "Grüße, 日本, ☕": sent raw, http.client refuses the address.
    from http.server import BaseHTTPRequestHandler

    from local_http import serving

    from session_steps.pytest_plugin.preflight import check_base_url

    class Answers(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Answers) as url:
        check_base_url(url + "/", url + "/note/write/?text=Grüße, 日本, ☕", False)

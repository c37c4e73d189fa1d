"""The helpers that put a fault in one line, tried directly on the text they read."""

from __future__ import annotations

import json
import ssl
from pathlib import Path

from session_steps.bdd_compat import FeatureError
from session_steps.browser.debug_page import debug_page_summary
from session_steps.browser.masking import cookie_values, masked_set_cookie, shorten
from session_steps.pytest_plugin.preflight import base_url_failure, feature_error_line
from session_steps.server.server_process import last_error_line, since_last_request

SERVER_ERROR_PAGE = """\
KeyError at /color/then-fail/
('user', 'guest')
Request Method:\tGET
Request URL:\thttp://127.0.0.1:8000/color/then-fail/
You're seeing this error because you have DEBUG = True in your Django settings file.
"""

NOT_FOUND_PAGE = """\
Page not found (404)
Request Method:\tGET
Request URL:\thttp://127.0.0.1:8000/nowhere/
You're seeing this error because you have DEBUG = True in your Django settings file.
"""


def test_a_debug_server_error_page_is_its_exception() -> None:
    assert debug_page_summary(SERVER_ERROR_PAGE) == "/color/then-fail/ raised KeyError: ('user', 'guest')"


def test_a_debug_not_found_page_is_its_url() -> None:
    assert debug_page_summary(NOT_FOUND_PAGE) == "page not found (404) at http://127.0.0.1:8000/nowhere/"


def test_a_page_of_the_site_is_no_debug_page() -> None:
    assert debug_page_summary("KeyError at /color/\n'color'\n") is None
    assert debug_page_summary("Server Error (500)") is None


SERVED_THEN_KILLED = """\
Internal Server Error: /color/then-fail/
KeyError: ('user', 'guest')
127.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET /color/then-fail/ HTTP/1.1" 500 145 "-" "Chrome"
"""

FAILED_TO_BOOT = """\
[INFO] Starting gunicorn 27.0.0
ModuleNotFoundError: No module named 'no_such_app'
[INFO] Worker exiting (pid: 12)
"""


def test_a_traceback_of_a_request_served_since_is_not_the_cause_of_a_death() -> None:
    assert last_error_line(since_last_request(SERVED_THEN_KILLED)) == ""


def test_a_traceback_after_the_last_request_is_the_cause() -> None:
    assert last_error_line(since_last_request(SERVED_THEN_KILLED + FAILED_TO_BOOT)) == (
        "ModuleNotFoundError: No module named 'no_such_app'"
    )
    assert last_error_line(since_last_request(FAILED_TO_BOOT)).startswith("ModuleNotFoundError")


def test_a_cookie_value_keeps_its_first_characters_only() -> None:
    assert shorten("lty40anhldj16x3zsdq3e0773top277f") == "lty40anh...masked"
    assert shorten("1") == "1"
    assert masked_set_cookie("sessionid=lty40anhldj16x3zsdq3e0773top277f; HttpOnly; Path=/") == (
        "sessionid=lty40anh...masked; HttpOnly; Path=/"
    )


def test_every_cookie_value_of_a_network_log_is_found() -> None:
    request = {"headers": [{"name": "Cookie", "value": "sessionid=abcdefghijklmnop; csrftoken=0123456789abcdef"}]}
    response = {"headers": [{"name": "Set-Cookie", "value": "sessionid=qrstuvwxyz012345; Path=/"}]}
    log = json.dumps({"type": "resource-snapshot", "snapshot": {"request": request, "response": response}})
    assert cookie_values(log) == {"abcdefghijklmnop", "0123456789abcdef", "qrstuvwxyz012345"}


def test_a_feature_error_without_expected_tokens_gives_its_own_message(tmp_path: Path) -> None:
    error = FeatureError(
        "Step definition outside of a Scenario or a Background.", 5, "  Then", str(tmp_path / "a.feature")
    )
    assert feature_error_line(error, tmp_path) == (
        "django-session-spec: a.feature, line 5: Step definition outside of a Scenario or a Background, not 'Then'"
    )


def test_a_refused_connection_and_an_untrusted_certificate_say_what_to_do() -> None:
    assert base_url_failure(ConnectionRefusedError()).startswith("connection refused: start the site there")
    untrusted = ssl.SSLCertVerificationError(1, "certificate verify failed")
    untrusted.verify_message = "self-signed certificate"
    assert base_url_failure(untrusted) == (
        "its certificate is not trusted (self-signed certificate): pass --ignore-https-errors to accept it for this run"
    )

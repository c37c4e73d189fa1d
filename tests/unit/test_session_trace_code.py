"""The trace's words: each operation as a reader writes it, values cut to size, the cookie's fate, the header's trip."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest

from session_steps.server.session_trace import TraceRecorder, code_of, view_line
from session_steps.server.trace_protocol import (
    HEADER_LIMIT,
    REPR_LIMIT,
    Operation,
    RequestTrace,
    cookie_response,
    exception_text,
    shown,
)


@pytest.mark.parametrize(
    ("name", "args", "code"),
    [
        ("__getitem__", ("color",), "request.session['color']"),
        # The lesson's mistake: a tuple between brackets, written as the reader wrote it.
        ("__getitem__", (("user", "guest"),), "request.session['user', 'guest']"),
        ("__setitem__", ("color", "blue"), "request.session['color'] = 'blue'"),
        ("__delitem__", ("color",), "del request.session['color']"),
        ("__contains__", ("color",), "'color' in request.session"),
        ("get", ("color", "red"), "request.session.get('color', 'red')"),
        ("keys", (), "request.session.keys()"),
        ("set_expiry", (0,), "request.session.set_expiry(0)"),
        ("aget", ("visits", 0), "await request.session.aget('visits', 0)"),
        ("acycle_key", (), "await request.session.acycle_key()"),
    ],
)
def test_an_operation_reads_as_its_code(name: str, args: tuple[object, ...], code: str) -> None:
    assert code_of(name, args, {}) == code


def test_keyword_arguments_are_written_by_name() -> None:
    assert code_of("pop", ("color",), {"default": None}) == "request.session.pop('color', default=None)"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ('    request.set_session("a", 1)  # type: ignore[attr-defined]\n', 'request.set_session("a", 1)'),
        ('user_id = request.session.fetch("user_id", None)  # noqa: F841', 'request.session.fetch("user_id", None)'),
        ("request.session['a'] = 1", "request.session['a'] = 1"),
        ("if a == b: raise KeyError(a)", "if a == b: raise KeyError(a)"),
    ],
)
def test_a_line_of_a_view_is_the_expression_that_raised(line: str, code: str) -> None:
    assert view_line(line) == code


def test_a_long_value_is_cut_and_says_how_long_it_was() -> None:
    assert shown("blue") == "'blue'"
    long = shown("x" * 5000)
    assert long.startswith("'xxx") and long.endswith("… (5002 characters)")
    assert len(long) < REPR_LIMIT + 30


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (KeyError("color"), "KeyError: 'color'"),
        (KeyError(("user", "guest")), "KeyError: ('user', 'guest')"),
        (
            AttributeError("'SessionStore' object has no attribute 'set'"),
            "AttributeError: 'SessionStore' object has no attribute 'set'",
        ),
        (RuntimeError(), "RuntimeError"),
    ],
)
def test_an_exception_is_named_as_python_names_it(error: BaseException, text: str) -> None:
    assert exception_text(error) == text


@pytest.mark.parametrize(
    ("before", "after", "deleted", "cookie"),
    [
        (None, None, False, "none"),
        (None, "k1", False, "set"),
        ("k1", "k1", False, "sent again"),
        ("k1", "k2", False, "changed"),
        ("k1", "", True, "deleted"),
    ],
)
def test_what_the_response_did_to_the_cookie(before: str | None, after: str | None, deleted: bool, cookie: str) -> None:
    assert cookie_response(before, after, deleted) == cookie


def test_a_trace_travels_in_one_ascii_header_line_and_comes_back_as_it_went() -> None:
    trace = RequestTrace("GET", "/note/", "{}", [Operation("request.session['note'] = 'é\\n'", "{'note': 'é\\n'}")])
    header = trace.to_header()
    assert header.isascii() and "\n" not in header
    assert RequestTrace.from_header(header) == trace


class Response:
    """What the recorder reads of a response: its cookies."""

    def __init__(self, **cookies: str) -> None:
        self.cookies = SimpleCookie(cookies)


def test_an_exception_the_view_let_out_is_not_caught_and_one_it_never_told_of_was() -> None:
    recorder = TraceRecorder("GET", "/whoami/", "sessionid", None)
    caught, let_out = KeyError("_auth_user_id"), KeyError("color")
    recorder.note(Operation("request.session['_auth_user_id']", "{}", error="KeyError: '_auth_user_id'"), caught)
    recorder.note(Operation("request.session['color']", "{}", error="KeyError: 'color'"), let_out)
    # Django's signal tells of the one that reached its handler, already noted: not noted twice.
    recorder.note_exception(let_out, "{}")
    trace = recorder.response(Response())  # type: ignore[arg-type]
    assert [(operation.code, operation.caught) for operation in trace.operations] == [
        ("request.session['_auth_user_id']", True),
        ("request.session['color']", False),
    ]


def test_an_exception_outside_the_session_is_noted_at_the_line_that_raised_it() -> None:
    recorder = TraceRecorder("GET", "/mistakes/set-session/", "sessionid", None)
    try:
        {}["user", "guest"]  # type: ignore[index]
    except KeyError as error:
        recorder.note_exception(error, None)
    (operation,) = recorder.response(Response()).operations  # type: ignore[arg-type]
    assert (operation.code, operation.error, operation.outside) == (
        '{}["user", "guest"]',
        "KeyError: ('user', 'guest')",
        True,
    )


@pytest.mark.parametrize(
    ("came", "cookies", "cookie", "key"),
    [
        (None, {}, "none", None),
        (None, {"sessionid": "abcdefghijkl"}, "set", "abcdefgh"),
        ("abcdefghijkl", {"sessionid": "abcdefghijkl"}, "sent again", "abcdefgh"),
        ("abcdefghijkl", {"sessionid": ""}, "deleted", None),
    ],
)
def test_the_response_s_session_cookie(came: str | None, cookies: dict[str, str], cookie: str, key: str | None) -> None:
    trace = TraceRecorder("GET", "/", "sessionid", came).response(Response(**cookies))  # type: ignore[arg-type]
    assert (trace.cookie, trace.cookie_key, trace.cookie_came) == (cookie, key, came is not None)


def test_a_trace_too_long_for_a_header_leaves_out_operations_and_counts_them() -> None:
    big = shown("x" * 5000)
    trace = RequestTrace("GET", "/", "{}", [Operation(f"request.session['k{n}'] = {big}", big) for n in range(100)])
    header = trace.to_header()
    assert len(header) <= HEADER_LIMIT
    back = RequestTrace.from_header(header)
    assert back.operations == trace.operations[: len(back.operations)]
    assert len(back.operations) + back.omitted == 100 and back.omitted > 0

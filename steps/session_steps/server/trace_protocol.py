"""What a run's server tells the test process of each request's session: the trace, and the header it travels in."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

# The response header that carries a request's trace to the browser, and so to the report.
TRACE_HEADER = "X-Session-Spec-Trace"
TRACE_MIDDLEWARE = "session_steps.server.session_trace.SessionTrace"
# A value longer than this is cut in the trace: a header must stay well under a browser's limit
# (256 KB in Chromium), and the report folds long values anyway.
REPR_LIMIT = 1000
# The longest trace a header carries: a view that makes hundreds of operations on a large
# session has the operations past this left out, and counted, rather than a response that
# a browser refuses.
HEADER_LIMIT = 64_000
# How much of the session key the trace keeps: enough to tell two keys apart.
KEY_PREFIX = 8

# What a response did to the session cookie, beside the one the request carried.
COOKIE_NOT_SENT, COOKIE_SET, COOKIE_RESENT, COOKIE_REPLACED, COOKIE_DELETED = (
    "none",
    "set",
    "sent again",
    "changed",
    "deleted",
)


def shown(value: object) -> str:
    """A value as Python writes it, cut to ``REPR_LIMIT`` characters."""
    text = repr(value)
    if len(text) <= REPR_LIMIT:
        return text
    return f"{text[:REPR_LIMIT]}… ({len(text)} characters)"


def exception_text(error: BaseException) -> str:
    """An exception as Python's last traceback line names it: ``KeyError: 'color'``."""
    message = str(error)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def cookie_response(before: str | None, after: str | None, deleted: bool) -> str:
    """What a response did to the session cookie: the key the request carried, and the one it sent (if any)."""
    if deleted:
        return COOKIE_DELETED
    if after is None:
        return COOKIE_NOT_SENT
    if before is None:
        return COOKIE_SET
    return COOKIE_RESENT if before == after else COOKIE_REPLACED


@dataclass
class Operation:
    """One thing the view did with ``request.session``, as a reader would write it, and what came of it."""

    code: str  # request.session.get('color', 'red')
    # The session's data after it, as Python writes it; None where the session was never loaded.
    state: str | None
    result: str | None = None  # what a read returned ('blue'); None for a write
    error: str | None = None  # what it raised: KeyError: 'color'
    # Raised by the view's code outside the session object (request.set_session(...)).
    outside: bool = False
    # Caught before it reached Django's handler (django.contrib.auth reading a missing key).
    caught: bool = False
    # Whether the result is a value the session held, or the default given (get, [], pop).
    retrieved: bool = False


@dataclass
class RequestTrace:
    """Everything one request did to its session, from inside the server."""

    method: str
    path: str
    # The session as the view first found it; None where the view never read it.
    received: str | None = None
    operations: list[Operation] = field(default_factory=list)
    saved: bool = False
    cookie: str = COOKIE_NOT_SENT
    cookie_key: str | None = None  # the first characters of the cookie the response sent
    cookie_came: bool = False  # whether the request carried a session cookie
    omitted: int = 0  # operations left out: the header would have been too long

    def to_header(self) -> str:
        """The trace as one header value: JSON in ASCII, on one line, at most ``HEADER_LIMIT`` long."""
        data = asdict(self)
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
        operations = data["operations"]
        while len(text) > HEADER_LIMIT and operations:
            # Half of what is left each time: a few rounds however many there were.
            keep = len(operations) // 2
            data["omitted"] += len(operations) - keep
            data["operations"] = operations = operations[:keep]
            text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
        return text

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RequestTrace:
        return cls(**{**data, "operations": [Operation(**operation) for operation in data["operations"]]})

    @classmethod
    def from_header(cls, value: str) -> RequestTrace:
        return cls.from_dict(json.loads(value))

"""A middleware the run's own servers add while the report is on: each request's session operations, traced.

For each request it makes ``request.session`` note every operation the view performs on
it (a read, a write, an exception raised), then whether the session was saved and what the
response did to the session cookie, and sends all that back in a response header that
the browser sees and the report reads. It is never part of a real site.
"""

from __future__ import annotations

import linecache
import re
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponseBase

from session_steps.server.trace_protocol import (
    KEY_PREFIX,
    TRACE_HEADER,
    Operation,
    RequestTrace,
    cookie_response,
    exception_text,
    shown,
)

# Where a request keeps its trace while it is served.
TRACE_ATTRIBUTE = "_session_spec_trace"
# A line of a view as its reader wrote it, without the pragmas for linters at its end, and
# without the name its value is given (``user = ``): the expression that raised.
PRAGMA = re.compile(r"\s+#\s*(?:type:|noqa).*$")
ASSIGNED = re.compile(r"^[\w.]+\s*=\s*(?!=)")

GetResponse = Callable[[HttpRequest], HttpResponseBase]
AsyncGetResponse = Callable[[HttpRequest], Awaitable[HttpResponseBase]]


class TraceRecorder:
    """The trace of one request as it is made, and the exceptions already in it."""

    def __init__(self, method: str, path: str, cookie_name: str, cookie_came: str | None) -> None:
        self.trace = RequestTrace(method, path, cookie_came=cookie_came is not None)
        self.cookie_name, self.cookie_came = cookie_name, cookie_came
        # Each exception noted, with its operation: Django's signal must not note one twice,
        # and one the signal never tells of was caught on its way.
        self.raised: list[tuple[Operation, BaseException]] = []
        self.unhandled: BaseException | None = None

    def note(self, operation: Operation, error: BaseException | None = None) -> None:
        self.trace.operations.append(operation)
        if error is not None:
            self.raised.append((operation, error))

    def note_exception(self, error: BaseException, state: str | None) -> None:
        """The exception the view let out (Django's signal): noted where it is not yet, at the line that raised it."""
        self.unhandled = error
        if any(error is raised for _, raised in self.raised):
            return
        frames = traceback.extract_tb(error.__traceback__)
        code = view_line(frames[-1].line or "") if frames else ""
        self.note(Operation(code or "the view", state, error=exception_text(error), outside=True), error)

    def response(self, response: HttpResponseBase) -> RequestTrace:
        """The finished trace: which exceptions were caught, what the response did to the session cookie."""
        for operation, error in self.raised:
            # django.contrib.auth reads a missing key and catches the KeyError: no error of the view's.
            operation.caught = error is not self.unhandled
        morsel = response.cookies.get(self.cookie_name)
        sent = morsel.value if morsel is not None else None
        deleted = morsel is not None and (not sent or morsel["max-age"] == 0)
        self.trace.cookie = cookie_response(self.cookie_came, sent, deleted)
        self.trace.cookie_key = sent[:KEY_PREFIX] if sent and not deleted else None
        return self.trace


def recorder_of(request: HttpRequest) -> TraceRecorder:
    """A request's recorder, which the request keeps while it is served."""
    name = settings.SESSION_COOKIE_NAME
    recorder = TraceRecorder(request.method or "", request.get_full_path(), name, request.COOKIES.get(name))
    setattr(request, TRACE_ATTRIBUTE, recorder)
    return recorder


def view_line(line: str) -> str:
    return ASSIGNED.sub("", PRAGMA.sub("", line.strip()))


def state_of(session: SessionBase) -> str | None:
    """The session's data as Python writes it, without loading it: None where it was never loaded."""
    # Read from the instance itself: the attribute is missing until the session is loaded.
    data = session.__dict__.get("_session_cache")
    return None if data is None else shown(data)


def key_code(key: object) -> str:
    """A key as written between brackets: ``'color'``, or ``'user', 'guest'`` for a tuple."""
    if isinstance(key, tuple) and key:
        return ", ".join(shown(part) for part in key)
    return shown(key)


def code_of(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """An operation as a reader writes it: ``request.session.get('color', 'red')``, ``await ...aget(...)``."""
    special = SPECIAL_CODE.get(name)
    if special is not None:
        return special(*args, **kwargs)
    arguments = [shown(arg) for arg in args] + [f"{keyword}={shown(value)}" for keyword, value in kwargs.items()]
    awaited = "await " if name in ASYNC_OPERATIONS else ""
    return f"{awaited}request.session.{name}({', '.join(arguments)})"


# How a reader writes each operation that is not a plain method call.
SPECIAL_CODE: dict[str, Callable[..., str]] = {
    "__getitem__": lambda key: f"request.session[{key_code(key)}]",
    "__setitem__": lambda key, value: f"request.session[{key_code(key)}] = {shown(value)}",
    "__delitem__": lambda key: f"del request.session[{key_code(key)}]",
    "__contains__": lambda key: f"{shown(key)} in request.session",
}
# The operations of a view's API whose result the trace keeps, and those that only change the session.
SYNC_READING = {"__getitem__", "__contains__", "get", "pop", "setdefault", "keys", "values", "items", "has_key"}
SYNC_READING |= {"test_cookie_worked"}
SYNC_WRITING = {"__setitem__", "__delitem__", "update", "clear", "flush", "cycle_key", "set_expiry"}
SYNC_WRITING |= {"set_test_cookie", "delete_test_cookie"}
# Their async twins (Django 5.0+); a twin the engine's Django lacks is left out.
ASYNC_READING = {"aget", "apop", "asetdefault", "akeys", "avalues", "aitems", "ahas_key", "atest_cookie_worked"}
ASYNC_WRITING = {"aset", "aupdate", "aflush", "acycle_key", "aset_expiry", "aset_test_cookie", "adelete_test_cookie"}
READING = SYNC_READING | ASYNC_READING
# The reads whose result is a value the session held (or the default given): what the lesson
# calls the value retrieved, as against ``in`` or ``keys()``.
RETRIEVING = {"__getitem__", "get", "pop", "setdefault", "aget", "apop", "asetdefault"}
ASYNC_OPERATIONS = ASYNC_READING | ASYNC_WRITING
# What SessionMiddleware asks after the view, which reads the session in turn: not noted.
QUIET = {"get_expiry_age", "get_expiry_date", "get_expire_at_browser_close", "is_empty"}


class RecordingSession:
    """Mixed in before an engine's own SessionStore: the view's operations are noted in the request's trace.

    Only an operation the view calls is noted, not those it makes in turn (``setdefault``
    setting the key). A method that does not exist (``request.session.set``) raises
    AttributeError as it would have, noted with the line of the view that asked for it.
    """

    _spec_recorder: TraceRecorder
    _spec_depth: int

    def _spec_begin(self) -> bool:
        """Whether this call is the view's own, not one an operation makes in turn; if so, it is counted in."""
        if self._spec_depth:
            return False
        self._spec_depth += 1
        return True

    def _spec_received(self) -> None:
        trace = self._spec_recorder.trace
        if trace.received is None and not trace.operations:
            trace.received = state_of(self)  # type: ignore[arg-type]

    def _spec_note(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], result: object = None) -> None:
        value = shown(result) if name in READING else None
        operation = Operation(code_of(name, args, kwargs), state_of(self), value, retrieved=name in RETRIEVING)  # type: ignore[arg-type]
        self._spec_recorder.note(operation)

    def _spec_failed(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], error: BaseException) -> None:
        operation = Operation(code_of(name, args, kwargs), state_of(self), error=exception_text(error))  # type: ignore[arg-type]
        self._spec_recorder.note(operation, error)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only the view's or the middleware's own save: create() saves too, within cycle_key().
        own = self._spec_depth == 0
        self._spec_depth += 1
        try:
            super().save(*args, **kwargs)  # type: ignore[misc]
        finally:
            self._spec_depth -= 1
        if own:
            self._spec_recorder.trace.saved = True

    def __getattr__(self, name: str) -> Any:
        error = AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        # Django looks for private attributes that are not set yet (_session_cache): not the view's doing.
        if not name.startswith("_") and self.__dict__.get("_spec_depth") == 0:
            caller = sys._getframe(1)
            line = view_line(linecache.getline(caller.f_code.co_filename, caller.f_lineno))
            code = line if "request.session." in line else f"request.session.{name}"
            self._spec_recorder.note(Operation(code, state_of(self), error=exception_text(error)), error)  # type: ignore[arg-type]
        raise error


def quiet_method(name: str) -> Callable[..., Any]:
    """A method the middleware calls after the view (``get_expiry_age``): what it reads in turn is not the view's."""

    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        self._spec_depth += 1
        try:
            return getattr(super(RecordingSession, self), name)(*args, **kwargs)
        finally:
            self._spec_depth -= 1

    method.__name__ = name
    return method


class Noting:
    """One operation the view called, noted as it ends: with its result, or the exception it raised."""

    def __init__(self, session: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.session, self.name, self.args, self.kwargs = session, name, args, kwargs
        self.result: object = None
        # The session as the view received it is noted before its first operation, loaded
        # as that operation would have loaded it.
        self.first = session._spec_recorder.trace.received is None

    def __enter__(self) -> Noting:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: object) -> None:
        self.session._spec_depth -= 1
        if error is None:
            self.session._spec_note(self.name, self.args, self.kwargs, self.result)
        elif isinstance(error, Exception):
            self.session._spec_failed(self.name, self.args, self.kwargs, error)


def sync_operation(name: str) -> Callable[..., Any]:
    def operation(self: Any, *args: Any, **kwargs: Any) -> Any:
        original = getattr(super(RecordingSession, self), name)
        if not self._spec_begin():
            return original(*args, **kwargs)
        with Noting(self, name, args, kwargs) as noting:
            if noting.first:
                self._get_session()
                self._spec_received()
            noting.result = original(*args, **kwargs)
        return noting.result

    operation.__name__ = name
    return operation


def async_operation(name: str) -> Callable[..., Any]:
    async def operation(self: Any, *args: Any, **kwargs: Any) -> Any:
        original = getattr(super(RecordingSession, self), name)
        if not self._spec_begin():
            return await original(*args, **kwargs)
        with Noting(self, name, args, kwargs) as noting:
            if noting.first:
                await self._aget_session()
                self._spec_received()
            noting.result = await original(*args, **kwargs)
        return noting.result

    operation.__name__ = name
    return operation


_recording_classes: dict[type[SessionBase], type[SessionBase]] = {}


def recording_class(engine_class: type[SessionBase]) -> type[SessionBase]:
    """A subclass of the engine's own SessionStore that records, made once per class.

    It keeps the engine's names: its data is signed with a salt made from the class's
    qualified name, which a new name would change.
    """
    if engine_class not in _recording_classes:
        namespace: dict[str, Any] = {"__qualname__": engine_class.__qualname__, "__module__": engine_class.__module__}
        namespace.update({name: sync_operation(name) for name in SYNC_READING | SYNC_WRITING})
        namespace.update({name: quiet_method(name) for name in QUIET if hasattr(engine_class, name)})
        # An async twin the engine lacks (an older Django) is not made up.
        namespace.update({name: async_operation(name) for name in ASYNC_OPERATIONS if hasattr(engine_class, name)})
        _recording_classes[engine_class] = type(engine_class.__name__, (RecordingSession, engine_class), namespace)
    return _recording_classes[engine_class]


def record(session: SessionBase, recorder: TraceRecorder) -> None:
    """Make ``session`` note its operations in ``recorder``'s trace, from now on."""
    session._spec_recorder = recorder  # type: ignore[attr-defined]
    session._spec_depth = 0  # type: ignore[attr-defined]
    session.__class__ = recording_class(type(session))


def note_exception(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    """Django's got_request_exception: note the exception in the request's trace."""
    recorder: TraceRecorder | None = getattr(request, TRACE_ATTRIBUTE, None)
    error = sys.exc_info()[1]
    if recorder is not None and error is not None:
        session = getattr(request, "session", None)
        recorder.note_exception(error, state_of(session) if isinstance(session, SessionBase) else None)


class SessionTrace:
    """The middleware: outermost, so that it sees the response as the browser gets it."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: GetResponse | AsyncGetResponse) -> None:
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)
            # Django looks the method up on the instance when it builds its middleware chain.
            self.process_view = self.aprocess_view  # type: ignore[method-assign, assignment]
        got_request_exception.connect(note_exception, dispatch_uid=TRACE_ATTRIBUTE)

    def __call__(self, request: HttpRequest) -> HttpResponseBase | Awaitable[HttpResponseBase]:
        if self.is_async:
            return self.__acall__(request)
        recorder = recorder_of(request)
        response = self.get_response(request)
        return with_trace(response, recorder)  # type: ignore[arg-type]

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        recorder = recorder_of(request)
        response = await self.get_response(request)  # type: ignore[misc]
        return with_trace(response, recorder)

    def process_view(self, request: HttpRequest, *args: object) -> None:
        """Just before the view: from here on, its session records."""
        record_view(request)

    async def aprocess_view(self, request: HttpRequest, *args: object) -> None:
        """``process_view`` for an async server: Django would run a sync one in a thread of its own."""
        record_view(request)


def record_view(request: HttpRequest) -> None:
    recorder: TraceRecorder | None = getattr(request, TRACE_ATTRIBUTE, None)
    session = getattr(request, "session", None)
    if recorder is not None and isinstance(session, SessionBase):
        record(session, recorder)


def with_trace(response: HttpResponseBase, recorder: TraceRecorder) -> HttpResponseBase:
    response[TRACE_HEADER] = recorder.response(response).to_header()
    return response

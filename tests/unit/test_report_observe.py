"""Observing a step: how the session cookie moved, and what is read again after it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from session_steps.browser.visitors import Visit
from session_steps.report.model import COOKIE_ABSENT, COOKIE_CHANGED, COOKIE_KEPT, COOKIE_NEW, COOKIE_REMOVED
from session_steps.report.observe import Observer, cookie_change


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        (None, None, COOKIE_ABSENT),
        (None, "k1", COOKIE_NEW),
        ("k1", "k1", COOKIE_KEPT),
        ("k1", "k2", COOKIE_CHANGED),
        ("k1", None, COOKIE_REMOVED),
        # An empty value is a cookie all the same: Django's deletion sets one briefly.
        ("", None, COOKIE_REMOVED),
        (None, "", COOKIE_NEW),
    ],
)
def test_the_cookie_s_values_before_and_after_a_step_name_its_change(
    before: str | None, after: str | None, change: str
) -> None:
    assert cookie_change(before, after) == change


class CountingVisitor:
    """A visitor whose browser counts how often its cookie jar is read."""

    name = "the visitor"

    def __init__(self) -> None:
        self.visits: list[Visit] = []
        self.jar_reads = 0

    def cookie(self, name: str) -> dict[str, str] | None:
        self.jar_reads += 1
        return {"name": name, "value": "key12345678"}


class CountingStore:
    def __init__(self) -> None:
        self.loads = 0

    def load(self, session_key: str | None) -> dict[str, object]:
        self.loads += 1
        return {"color": "blue"}


class StepRequest:
    """The fixtures a step has asked for, as pytest's request gives them to the observer."""

    def __init__(self, visitor: CountingVisitor, store: CountingStore) -> None:
        self.fixturenames = ["visitors"]
        self.fixtures = {
            "visitors": SimpleNamespace(acting=visitor),
            "session_cookie_name": "sessionid",
            "site_is_remote": False,
            "session_store": store,
        }

    def getfixturevalue(self, name: str) -> object:
        return self.fixtures[name]


def visit(path: str, key: str) -> Visit:
    return Visit(path, 200, "Favorite color is blue", (), {"sessionid": key}, 0.0)


def test_a_then_step_is_not_read_again_and_a_request_s_jar_is_the_one_it_left() -> None:
    visitor, store = CountingVisitor(), CountingStore()
    request = StepRequest(visitor, store)
    observer = Observer()
    visitor.visits.append(visit("/color/", "abcdefghijk"))
    opened = observer.observe(request)  # type: ignore[arg-type]
    # The jar after a request was read with it: only the store is read now.
    assert (visitor.jar_reads, store.loads) == (0, 1)
    assert opened is not None
    assert (opened.cookie, opened.cookie_key, len(opened.requests)) == (COOKIE_NEW, "abcdefgh", 1)
    looked = observer.observe(request, only_looked=True)  # type: ignore[arg-type]
    # A Then step that made no request left everything as it was: nothing is read.
    assert (visitor.jar_reads, store.loads) == (0, 1)
    assert looked is not None and (looked.session, looked.cookie, looked.requests) == (opened.session, COOKIE_KEPT, [])
    # Any other step may have changed the jar or the store without a request: both are read.
    observer.observe(request)  # type: ignore[arg-type]
    assert (visitor.jar_reads, store.loads) == (1, 2)

"""Reading, after a step, what the acting visitor's browser and the server's store hold."""

from __future__ import annotations

from dataclasses import replace

import pytest

from session_steps.browser.visitors import Visit, Visitor, Visitors
from session_steps.report.model import (
    COOKIE_ABSENT,
    COOKIE_CHANGED,
    COOKIE_KEPT,
    COOKIE_NEW,
    COOKIE_REMOVED,
    Observation,
    Request,
)
from session_steps.server.store_readers import StoreReader
from session_steps.server.trace_protocol import RequestTrace

# How much of a session key the report shows: enough to tell two keys apart.
KEY_PREFIX = 8


def cookie_change(before: str | None, after: str | None) -> str:
    """How the session cookie moved during a step, from its value before and after."""
    if after is None:
        return COOKIE_ABSENT if before is None else COOKIE_REMOVED
    if before is None:
        return COOKIE_NEW
    return COOKIE_KEPT if before == after else COOKIE_CHANGED


class Observer:
    """Observes one scenario, step after step; remembers each visitor's cookie and visits.

    It only reads fixtures a step has already asked for (``visitors``), so a scenario
    that never opened a browser is not made to open one.
    """

    def __init__(self) -> None:
        self._cookies: dict[str, str | None] = {}
        self._visits_seen: dict[str, int] = {}
        self._last: dict[str, Observation] = {}

    def acting_visitor(self, request: pytest.FixtureRequest) -> Visitor | None:
        if "visitors" not in request.fixturenames:
            return None
        visitors: Visitors = request.getfixturevalue("visitors")
        return visitors.acting

    def observe(self, request: pytest.FixtureRequest, only_looked: bool = False) -> Observation | None:
        """The state after the step that just ended, or None when no visitor has acted.

        A step that ``only_looked`` (a Then step, which only reads) and made no request left
        the visitor as the last observation found them: that is not read again.
        """
        visitor = self.acting_visitor(request)
        if visitor is None:
            return None
        new_visits = visitor.visits[self._visits_seen.get(visitor.name, 0) :]
        last_seen = self._last.get(visitor.name)
        if only_looked and not new_visits and last_seen is not None:
            unchanged = COOKIE_KEPT if last_seen.cookie_key else COOKIE_ABSENT
            return replace(last_seen, cookie=unchanged, requests=[])
        name = request.getfixturevalue("session_cookie_name")
        # The jar as the last request left it was read then; other steps may have changed it.
        key = new_visits[-1].cookies.get(name) if new_visits else self.cookie_value(visitor, name)
        change = cookie_change(self._cookies.get(visitor.name), key)
        self._cookies[visitor.name] = key
        self._visits_seen[visitor.name] = len(visitor.visits)
        last = visitor.visits[-1] if visitor.visits else None
        observation = self._last[visitor.name] = Observation(
            visitor=visitor.name,
            session=stored_session(request, key),
            page=last.text if last else None,
            path=last.path if last else None,
            status=last.status if last else None,
            cookie=change,
            cookie_key=key[:KEY_PREFIX] if key else None,
            requests=[request for visit in new_visits for request in requests_of(visit)],
        )
        return observation

    @staticmethod
    def cookie_value(visitor: Visitor, name: str) -> str | None:
        cookie = visitor.cookie(name)
        return cookie.get("value") if cookie else None


def requests_of(visit: Visit) -> list[Request]:
    """Each response of one action as the report lists it: a redirect, then the page it led to.

    The page the action ended on (the last document that was no redirect) shows the visit's text.
    """
    if not visit.responses:
        return [Request(visit.path, visit.status, visit.text)]
    pages = [index for index, one in enumerate(visit.responses) if one.kind == "document" and not one.redirected]
    shown = pages[-1] if pages else None
    return [
        Request(
            exchange.path,
            exchange.status,
            visit.text if index == shown else None,
            RequestTrace.from_header(exchange.trace) if exchange.trace else None,
        )
        for index, exchange in enumerate(visit.responses)
    ]


def stored_session(request: pytest.FixtureRequest, session_key: str | None) -> str | None:
    """The server's stored session for the key, as Python writes it; None if unreadable from here."""
    if request.getfixturevalue("site_is_remote"):
        return None
    store: StoreReader = request.getfixturevalue("session_store")
    return repr(store.load(session_key))

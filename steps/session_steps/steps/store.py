"""Steps that read the server's session store for a visitor's session key."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from pytest_bdd import given, parsers, then

from session_steps.bdd_compat import Scenario
from session_steps.browser.masking import shorten
from session_steps.browser.visitors import THE_VISITOR, Visit, Visitor, Visitors, site_paths
from session_steps.server.django_store import KeptInCookies, NotCountable, StoreCount
from session_steps.server.site import SiteUnreadable
from session_steps.server.store_readers import StoreReader
from session_steps.server.unread_store import not_checked
from session_steps.steps.bookkeeping import mismatch_message, split_bookkeeping
from session_steps.steps.phrases import WHO, WHOSE, python_literal
from session_steps.steps.store_checks import looks_at_the_store

# Django's session keys: 32 characters of lowercase letters and digits.
SESSION_KEY = re.compile(r"[a-z0-9]{32}")
NO_NEW_SESSION = r"the server stores no new session"


def under_base_path(value: Any, base_url: str) -> Any:
    """A literal's paths ("/pages/a/") under the base URL's own path, as ``site_paths`` does for pages.

    A site mounted at ``/prefix/`` stores ``request.path`` as ``/prefix/pages/a/``.
    """
    if isinstance(value, str):
        return site_paths(value, base_url)
    if isinstance(value, dict):
        return {key: under_base_path(item, base_url) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(under_base_path(item, base_url) for item in value)
    return value


def stored_session(visitors: Visitors, visitor: str | None, store: StoreReader, cookie_name: str) -> dict[str, Any]:
    """What the server gives the visitor's next request: the session stored for their cookie.

    Without a cookie, what the engine gives a request that carries none.
    """
    cookie = visitors.seen(visitor or THE_VISITOR).cookie(cookie_name)
    return store.load(cookie["value"] if cookie else None)


def count_sessions(store: StoreReader, visitors: Visitors, cookie_name: str) -> StoreCount:
    """How many sessions the server stores; for signed_cookies, the session cookies the visitors hold."""
    try:
        return store.count()
    except KeptInCookies:
        held = sum(visitor.cookie(cookie_name) is not None for visitor in visitors.all())
        return StoreCount(held, "session cookies in the visitors' browsers")


@pytest.hookimpl(trylast=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, scenario: Scenario) -> None:
    """Count the server's sessions around every request of a scenario that says what a request stored."""
    if not any(re.fullmatch(NO_NEW_SESSION, step.name) for step in scenario.steps):
        return
    if request.getfixturevalue("site_is_remote"):
        return  # the step says why it cannot check
    visitors: Visitors = request.getfixturevalue("visitors")
    store: StoreReader = request.getfixturevalue("session_store")
    cookie_name: str = request.getfixturevalue("session_cookie_name")

    def count() -> StoreCount | None:
        try:
            return count_sessions(store, visitors, cookie_name)
        except NotCountable:
            return None  # the step asks again, for the reason

    visitors.count_sessions = count


def counts_around(visit: Visit, count: Callable[[], StoreCount]) -> tuple[StoreCount, StoreCount]:
    """The store's counts before and after the request of ``visit``; where there are none, ``NotCountable`` says why."""
    if visit.stored_before is None or visit.stored_after is None:
        count()
        raise RuntimeError(f"the server's sessions were not counted around {visit.path}")
    return visit.stored_before, visit.stored_after


def assert_session_is(
    owner: Visitor, literal: str, store: StoreReader, cookie_name: str, bookkeeping_keys: tuple[str, ...]
) -> None:
    cookie = owner.cookie(cookie_name)
    stored = store.load(cookie["value"] if cookie else None)
    expected = under_base_path(python_literal(literal), owner.base_url)
    where = f"for the key {shorten(cookie['value'])!r}" if cookie else "for a request without a session cookie"
    data, _ = split_bookkeeping(stored, bookkeeping_keys)
    assert data == expected, mismatch_message(f"the server's session {where}", stored, expected, bookkeeping_keys)


@given(parsers.re(rf"{WHOSE} session is (?P<literal>\{{.*\}})"))
@looks_at_the_store
def _(
    visitors: Visitors,
    visitor: str | None,
    literal: str,
    session_store: StoreReader,
    session_cookie_name: str,
    session_bookkeeping_keys: tuple[str, ...],
) -> None:
    """The server's session for the visitor's cookie is exactly this dict (without one: what a request gets).

    As a Given, a visitor named for the first time has no cookie: the dict is what the
    engine gives a request that carries none.
    """
    owner = visitors[visitor or THE_VISITOR]
    assert_session_is(owner, literal, session_store, session_cookie_name, session_bookkeeping_keys)


@then(parsers.re(rf"{WHOSE} session is (?P<literal>\{{.*\}})"))
@looks_at_the_store
def _(
    visitors: Visitors,
    visitor: str | None,
    literal: str,
    session_store: StoreReader,
    session_cookie_name: str,
    session_bookkeeping_keys: tuple[str, ...],
) -> None:
    """The server's session for the visitor's cookie is exactly this dict (without one: what a request gets).

    Without a cookie, it is what the engine gives a request that carries none: that says
    nothing of what the server stored (`the server stores no new session` counts that).
    Keys the site declares as its engine's or middleware's bookkeeping are left out.
    """
    owner = visitors.seen(visitor or THE_VISITOR)
    assert_session_is(owner, literal, session_store, session_cookie_name, session_bookkeeping_keys)


@given(parsers.re(rf"{WHOSE} session starts with (?P<literal>\{{.*\}})"))
def _(
    visitors: Visitors, visitor: str | None, literal: str, session_store: StoreReader, session_cookie_name: str
) -> None:
    """Store a new session holding this dict with the site's own engine, and put its cookie in the visitor's browser.

    A scenario starts from that state without clicking through the pages that make it.
    With signed cookies the cookie is the signed data. Against a deployment this needs
    its store probe (``--probe-secret``); without it the scenario is skipped, saying so.
    """
    owner = visitors[visitor or THE_VISITOR]
    try:
        key = session_store.start(under_base_path(python_literal(literal), owner.base_url))
    except SiteUnreadable as error:
        pytest.skip(str(error))
    owner.plant_cookie(session_cookie_name, key)


@then(parsers.re(NO_NEW_SESSION))
@looks_at_the_store
def _(request: pytest.FixtureRequest, visitors: Visitors, session_store: StoreReader, session_cookie_name: str) -> None:
    """The last request left as many sessions in the store as before it: counted, never assumed.

    Counted in the store itself: rows of django_session (db, cached_db), keys of the
    session cache (cache), files of SESSION_FILE_PATH (file), or, for signed_cookies, the
    session cookies the visitors hold. Where the store cannot be counted, the step is not
    checked, with the reason, and the scenario goes on.
    """
    visit = visitors.seen(None).last_visit
    try:
        before, after = counts_around(visit, lambda: count_sessions(session_store, visitors, session_cookie_name))
    except NotCountable as error:
        not_checked(request.node).current = str(error)
        return
    assert after.sessions == before.sessions, (
        f"{visit.path} changed what the server stores"
        f" ({after.counted}: {before.sessions} before, {after.sessions} after)"
    )


@then(parsers.re(r"the session cookie carries only the session key"))
@looks_at_the_store
def _(visitors: Visitors, session_store: StoreReader, session_cookie_name: str) -> None:
    """The cookie's value is a session key the server knows, not the data itself."""
    cookie = visitors.seen(None).cookie(session_cookie_name)
    assert cookie is not None, "the browser holds no session cookie"
    value = cookie.get("value", "")
    assert SESSION_KEY.fullmatch(value), f"the cookie's value {shorten(value)!r} is not a session key"
    assert session_store.exists(value), f"the server stores no session under {shorten(value)!r}"


@then(parsers.re(rf"{WHOSE} session includes (?P<literal>\{{.*\}})"))
@looks_at_the_store
def _(
    visitors: Visitors, visitor: str | None, literal: str, session_store: StoreReader, session_cookie_name: str
) -> None:
    """The server stores at least these keys and values for the visitor (others, such as login's, may be there)."""
    stored = stored_session(visitors, visitor, session_store, session_cookie_name)
    expected = under_base_path(python_literal(literal), visitors.seen(visitor or THE_VISITOR).base_url)
    assert {key: stored.get(key) for key in expected} == expected, f"the session is {stored}"


@then(parsers.re(rf"the session {WHO} had before is no longer stored"))
@looks_at_the_store
def _(visitors: Visitors, visitor: str, session_store: StoreReader, session_cookie_name: str) -> None:
    """The session key the browser held before the last page is gone from the server's store."""
    visits = visitors.seen(visitor).visits
    assert len(visits) >= 2, "this needs a page opened before the last one"
    before = visits[-2].cookies.get(session_cookie_name, "")
    assert SESSION_KEY.fullmatch(before), f"the cookie before the last page, {shorten(before)!r}, was not a session key"
    assert not session_store.exists(before), f"the server still stores the session {shorten(before)!r}"


@then(parsers.re(rf'{WHOSE} session (?P<verdict>has the key|has no key) "(?P<key>[^"]*)"'))
@looks_at_the_store
def _(
    visitors: Visitors,
    visitor: str | None,
    verdict: str,
    key: str,
    session_store: StoreReader,
    session_cookie_name: str,
) -> None:
    """The server's session for the visitor's cookie has (or has not) this key, whatever its value."""
    stored = stored_session(visitors, visitor, session_store, session_cookie_name)
    if verdict == "has the key":
        assert key in stored, f"the session has no key {key!r}: it is {stored}"
    else:
        assert key not in stored, f"the session has the key {key!r}: it is {stored}"


@then(parsers.re(rf"{WHOSE} session key (?P<verdict>has changed|is unchanged)"))
def _(visitors: Visitors, visitor: str | None, verdict: str, session_cookie_name: str) -> None:
    """The session cookie the browser held before the visitor's last action, against the one it holds after.

    "has changed" is Django's ``cycle_key()`` (as at login): the data kept under a new key.
    With signed cookies the cookie is the data itself, so it changes with every change of the data.
    """
    visit = visitors.seen(visitor or THE_VISITOR).last_visit
    before, after = visit.cookies_before.get(session_cookie_name), visit.cookies.get(session_cookie_name)
    assert before is not None, f"the browser held no session cookie before {visit.path}"
    assert after is not None, f"the browser holds no session cookie after {visit.path}"
    changed = before != after
    assert changed == (verdict == "has changed"), (
        f"{visit.path} {'changed' if changed else 'kept'} the session key: {shorten(before)!r} -> {shorten(after)!r}"
    )

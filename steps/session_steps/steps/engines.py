"""Steps about where an engine keeps sessions: in the cookie, a cache, or files."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from session_steps.browser.masking import shorten
from session_steps.browser.signed_cookie import read_payload, rewrite_payload
from session_steps.browser.visitors import THE_VISITOR, Visitor, Visitors
from session_steps.server.run_caches import NotClearable
from session_steps.server.site import SiteUnreadable
from session_steps.server.store_readers import StoreReader
from session_steps.steps.bookkeeping import mismatch_message, split_bookkeeping
from session_steps.steps.cookies import session_cookie
from session_steps.steps.phrases import WHOSE, python_literal
from session_steps.steps.store_checks import looks_at_the_store


@then(parsers.re(r"the session cookie's value reads (?P<literal>\{.*\}) without the secret key"))
def _(visitors: Visitors, session_cookie_name: str, literal: str, session_bookkeeping_keys: tuple[str, ...]) -> None:
    """The cookie carries the data itself, readable by anyone (signed_cookies); declared bookkeeping keys aside."""
    value = session_cookie(visitors.seen(None), session_cookie_name).get("value", "")
    try:
        carried = read_payload(value)
    except ValueError as error:
        raise AssertionError(f"the cookie's value {shorten(value)!r} carries no readable data") from error
    expected = python_literal(literal)
    data, _ = split_bookkeeping(carried, session_bookkeeping_keys)
    assert data == expected, mismatch_message("the cookie's data", carried, expected, session_bookkeeping_keys)


@then(parsers.re(r"the session cookie (?P<verdict>has changed|is unchanged)"))
def _(visitors: Visitors, session_cookie_name: str, verdict: str) -> None:
    """Compare the cookie's value after the last page with its value after the one before."""
    visits = visitors.seen(None).visits
    assert len(visits) >= 2, "comparing the cookie needs two pages opened"
    before, after = (visit.cookies.get(session_cookie_name) for visit in visits[-2:])
    assert before and after, f"the session cookie was not there after both pages: {before!r}, {after!r}"
    assert (before != after) == (verdict == "has changed"), f"the cookie went from {before!r} to {after!r}"


@when(parsers.re(rf"{WHOSE} session cookie is rewritten to carry (?P<literal>\{{.*\}})"))
def _(visitors: Visitors, visitor: str | None, session_cookie_name: str, literal: str) -> None:
    """Put other data in the cookie without re-signing it, as a visitor editing it would."""
    owner = visitors[visitor or THE_VISITOR]
    cookie = session_cookie(owner, session_cookie_name)
    forged = rewrite_payload(cookie.get("value", ""), python_literal(literal))
    owner.page.context.add_cookies(
        [{"name": session_cookie_name, "value": forged, "domain": cookie["domain"], "path": cookie["path"]}]
    )


def assert_cache_holds(owner: Visitor, cookie_name: str, store: StoreReader) -> None:
    cookie = session_cookie(owner, cookie_name)
    assert store.cache_holds(cookie["value"]), "the server's cache holds no such session"


@given(parsers.re(rf"the server's cache holds {WHOSE} session"))
@looks_at_the_store
def _(visitors: Visitors, visitor: str | None, session_cookie_name: str, session_store: StoreReader) -> None:
    """The engine's cache has an entry for the visitor's session key."""
    assert_cache_holds(visitors[visitor or THE_VISITOR], session_cookie_name, session_store)


@then(parsers.re(rf"the server's cache holds {WHOSE} session"))
@looks_at_the_store
def _(visitors: Visitors, visitor: str | None, session_cookie_name: str, session_store: StoreReader) -> None:
    """The engine's cache has an entry for the visitor's session key."""
    assert_cache_holds(visitors.seen(visitor or THE_VISITOR), session_cookie_name, session_store)


@when(parsers.re(r"the server's cache is cleared"))
def _(session_store: StoreReader) -> None:
    """Empty the cache the engine keeps sessions in, as a restart of the cache would (of the run's keys only).

    Where the store cannot be reached from here, or is a cache shared with others whose
    keys of the run cannot be listed, the scenario skips, saying why: what follows would
    check a cache that was never cleared.
    """
    try:
        session_store.clear_cache()
    except SiteUnreadable as error:
        pytest.skip(str(error))
    except NotClearable as error:
        pytest.skip(f"not checked: {error}")


@then(parsers.re(r"SESSION_FILE_PATH holds one file per visitor, named after their session key"))
@looks_at_the_store
def _(visitors: Visitors, session_cookie_name: str, session_store: StoreReader) -> None:
    """Each visitor's session is the file ``<SESSION_COOKIE_NAME><session key>``."""
    files = set(session_store.session_files())
    keys = {session_cookie(visitor, session_cookie_name).get("value", "") for visitor in visitors.all()}
    expected = {session_cookie_name + key for key in keys}
    assert len(expected) == len(visitors.all()), "two visitors share a session key"
    assert expected <= files, f"missing session files: {sorted(expected - files)}"

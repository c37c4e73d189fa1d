"""Steps that read the server's session store for a visitor's session key."""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, parsers, then

from session_steps.steps.phrases import WHO, WHOSE, python_literal
from session_steps.store import SessionStore
from session_steps.visitors import THE_VISITOR, Visitors

# Django's session keys: 32 characters of lowercase letters and digits.
SESSION_KEY = re.compile(r"[a-z0-9]{32}")


def stored_session(visitors: Visitors, visitor: str | None, store: SessionStore, cookie_name: str) -> dict[str, Any]:
    """What the server stores for the visitor's session cookie ({} without one)."""
    cookie = visitors[visitor or THE_VISITOR].cookie(cookie_name)
    return store.load(cookie["value"] if cookie else None)


@given(parsers.re(rf"{WHOSE} session is (?P<literal>\{{.*\}})"))
@then(parsers.re(rf"{WHOSE} session is (?P<literal>\{{.*\}})"))
def _(
    visitors: Visitors, visitor: str | None, literal: str, session_store: SessionStore, session_cookie_name: str
) -> None:
    """The server stores exactly this dict for the visitor's session cookie ({} without one)."""
    assert stored_session(visitors, visitor, session_store, session_cookie_name) == python_literal(literal)


@then(parsers.re(r"the session cookie carries only the session key"))
def _(visitors: Visitors, session_store: SessionStore, session_cookie_name: str) -> None:
    """The cookie's value is a session key the server knows, not the data itself."""
    cookie = visitors.current.cookie(session_cookie_name)
    assert cookie is not None, "the browser holds no session cookie"
    value = cookie.get("value", "")
    assert SESSION_KEY.fullmatch(value), f"the cookie's value {value!r} is not a session key"
    assert session_store.exists(value), f"the server stores no session under {value!r}"


@then(parsers.re(rf"{WHOSE} session includes (?P<literal>\{{.*\}})"))
def _(
    visitors: Visitors, visitor: str | None, literal: str, session_store: SessionStore, session_cookie_name: str
) -> None:
    """The server stores at least these keys and values for the visitor (others, such as login's, may be there)."""
    stored = stored_session(visitors, visitor, session_store, session_cookie_name)
    expected = python_literal(literal)
    assert {key: stored.get(key) for key in expected} == expected, f"the session is {stored}"


@then(parsers.re(rf"the session {WHO} had before is no longer stored"))
def _(visitors: Visitors, visitor: str, session_store: SessionStore, session_cookie_name: str) -> None:
    """The session key the browser held before the last page is gone from the server's store."""
    visits = visitors[visitor].visits
    assert len(visits) >= 2, "this needs a page opened before the last one"
    before = visits[-2].cookies.get(session_cookie_name, "")
    assert SESSION_KEY.fullmatch(before), f"the cookie before the last page, {before!r}, was not a session key"
    assert not session_store.exists(before), f"the server still stores the session {before!r}"

"""Steps that read the server's session store for a visitor's session key."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, then

from session_steps.steps.phrases import WHOSE, python_literal
from session_steps.store import SessionStore
from session_steps.visitors import THE_VISITOR, Visitors

# Django's session keys: 32 characters of lowercase letters and digits.
SESSION_KEY = re.compile(r"[a-z0-9]{32}")


@given(parsers.re(rf"{WHOSE} session is (?P<literal>\{{.*\}})"))
@then(parsers.re(rf"{WHOSE} session is (?P<literal>\{{.*\}})"))
def _(
    visitors: Visitors, visitor: str | None, literal: str, session_store: SessionStore, session_cookie_name: str
) -> None:
    """The server stores exactly this dict for the visitor's session cookie ({} without one)."""
    cookie = visitors[visitor or THE_VISITOR].cookie(session_cookie_name)
    stored = session_store.load(cookie["value"] if cookie else None)
    assert stored == python_literal(literal)


@then(parsers.re(r"the session cookie carries only the session key"))
def _(visitors: Visitors, session_store: SessionStore, session_cookie_name: str) -> None:
    """The cookie's value is a session key the server knows, not the data itself."""
    cookie = visitors.current.cookie(session_cookie_name)
    assert cookie is not None, "the browser holds no session cookie"
    value = cookie.get("value", "")
    assert SESSION_KEY.fullmatch(value), f"the cookie's value {value!r} is not a session key"
    assert session_store.exists(value), f"the server stores no session under {value!r}"

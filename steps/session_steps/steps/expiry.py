"""Steps about a session's age: time passing, and a cookie replayed after it."""

from __future__ import annotations

import time

import pytest
from pytest_bdd import parsers, when

from session_steps.browser.visitors import THE_VISITOR, Visitors
from session_steps.steps.cookies import session_cookie
from session_steps.steps.phrases import WHOSE
from session_steps.steps.site_settings import site_setting

# Waiting is real time: a scenario may wait this long at most.
LONGEST_WAIT_S = 5
# A margin past the age, so the server's clock has certainly passed it.
MARGIN_S = 0.5


@when(parsers.re(rf"the session is older than its age and {WHOSE} browser sends its cookie again"))
def _(request: pytest.FixtureRequest, visitors: Visitors, visitor: str | None, session_cookie_name: str) -> None:
    """Wait out SESSION_COOKIE_AGE, then put the old cookie back, as an attacker replaying it would.

    The browser itself drops the cookie at its Max-Age; the server must refuse it too.
    """
    owner = visitors[visitor or THE_VISITOR]
    cookie = session_cookie(owner, session_cookie_name)
    age = int(str(site_setting(request, "SESSION_COOKIE_AGE")))
    assert age + MARGIN_S <= LONGEST_WAIT_S, f"SESSION_COOKIE_AGE = {age} s is too long to wait for"
    time.sleep(age + MARGIN_S)
    owner.put_cookie(cookie, cookie["value"])

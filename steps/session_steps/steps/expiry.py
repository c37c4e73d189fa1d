"""Steps about a session's age: sites whose sessions are short, and time passing."""

from __future__ import annotations

import time

import pytest
from pytest_bdd import given, parsers, when

from session_steps.steps.cookies import session_cookie
from session_steps.steps.phrases import WHOSE
from session_steps.visitors import THE_VISITOR, Visitors

SHORT_AGE_SETTINGS = "session_site.short_age_settings"
# Waiting is real time: a scenario may wait this long at most.
LONGEST_WAIT_S = 5
# A margin past the age, so the server's clock has certainly passed it.
MARGIN_S = 0.5


def session_cookie_age(request: pytest.FixtureRequest) -> int:
    """The site's SESSION_COOKIE_AGE, read from its settings."""
    if request.getfixturevalue("site_is_remote"):
        pytest.skip("the settings of a server given by --base-url cannot be read from here")
    return int(request.getfixturevalue("site_pool").django_setting("SESSION_COOKIE_AGE"))


@given(parsers.re(r"the site's sessions last (?P<seconds>\d+) seconds?"))
def _(request: pytest.FixtureRequest, seconds: str) -> None:
    """SESSION_COOKIE_AGE is this short; other sites skip the scenario, naming the settings to run it with."""
    age = session_cookie_age(request)
    if age != int(seconds):
        pytest.skip(f"needs SESSION_COOKIE_AGE = {seconds} (not {age}): run with --site-settings {SHORT_AGE_SETTINGS}")


@when(parsers.re(rf"the session is older than its age and {WHOSE} browser sends its cookie again"))
def _(request: pytest.FixtureRequest, visitors: Visitors, visitor: str | None, session_cookie_name: str) -> None:
    """Wait out SESSION_COOKIE_AGE, then put the old cookie back, as an attacker replaying it would.

    The browser itself drops the cookie at its Max-Age; the server must refuse it too.
    """
    owner = visitors[visitor or THE_VISITOR]
    cookie = session_cookie(owner, session_cookie_name)
    age = session_cookie_age(request)
    assert age + MARGIN_S <= LONGEST_WAIT_S, f"SESSION_COOKIE_AGE = {age} s is too long to wait for"
    time.sleep(age + MARGIN_S)
    owner.page.context.add_cookies(
        [{"name": session_cookie_name, "value": cookie["value"], "domain": cookie["domain"], "path": cookie["path"]}]
    )

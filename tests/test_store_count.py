"""A store the spec cannot count makes "stores no new session" a skip saying why, never a pass."""

from __future__ import annotations

import pytest
from third_party import make_shop

# An engine of the project's own, keeping sessions where the spec cannot look. The
# scenario only reads the session of a visitor without a cookie, so Django never calls
# the methods a real engine would need.
SESSIONS_ELSEWHERE = """\
from django.contrib.sessions.backends.base import SessionBase


class SessionStore(SessionBase):
    pass
"""

SETTINGS = """\
from shop.settings import *  # noqa: F403

SESSION_ENGINE = "shop.sessions"
"""

FEATURE = """\
Feature: Reading only
  Scenario: A page that only reads stores nothing
    Given a new visitor
    When the visitor opens "/session-spec/color/default-red/"
    Then the page reads "Favorite color is red"
    And the server stores no new session
"""


def test_a_store_that_cannot_be_counted_is_not_checked(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    (shop.path / "shop" / "sessions.py").write_text(SESSIONS_ELSEWHERE)
    (shop.path / "shop" / "elsewhere_settings.py").write_text(SETTINGS)
    shop.makefile(".feature", basket=FEATURE)
    result = shop.runpytest_subprocess("--site-settings=shop.elsewhere_settings", f"--site-path={shop.path}", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED*not checked: the spec cannot count the sessions shop.sessions stores"])

"""How the session cookie moved during a step, as the report's execution table says it."""

from __future__ import annotations

import pytest

from session_steps.report.model import COOKIE_ABSENT, COOKIE_CHANGED, COOKIE_KEPT, COOKIE_NEW, COOKIE_REMOVED
from session_steps.report.observe import cookie_change


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

"""Counting the sessions a server stores: exact on every engine, and "not checked" saying why where it cannot be."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from third_party import make_shop

from session_steps.matrix.cells import ENGINES, Cell
from session_steps.server import django_store
from session_steps.server.overlays import cell_settings
from session_steps.server.served_sites import SitePool

T = TypeVar("T")

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
    # The page was checked; the count was not, and the summary says why.
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["1 step not checked: the spec cannot count the sessions shop.sessions stores"])


def in_cell(pool: SitePool, engine: str, function: Callable[[], T]) -> T:
    """``function()`` in the run's Django thread, with the settings of the engine's cell."""
    overrides = cell_settings(Cell(ENGINES[engine], "wsgi"), pool.folder, probe_token="")

    def with_settings() -> T:
        from django.test.utils import override_settings

        with override_settings(**overrides):
            return function()

    return pool.django_thread().call(with_settings)


def save_a_new_session() -> None:
    """What SessionMiddleware does for a first visit whose view stored something."""
    session = django_store.engine().SessionStore()
    session["color"] = "blue"
    session.save()


@pytest.mark.parametrize(
    ("engine", "counted"),
    [
        ("db", "rows of django_session"),
        ("cached_db", "rows of django_session"),
        ("cache-locmem", "keys of the 'session-spec-locmem' cache"),
        ("file", "files in "),
    ],
)
def test_each_new_session_counts_one(site_pool: SitePool, engine: str, counted: str) -> None:
    before = in_cell(site_pool, engine, django_store.count)
    for _ in range(2):
        in_cell(site_pool, engine, save_a_new_session)
    after = in_cell(site_pool, engine, django_store.count)
    assert (after.sessions - before.sessions, after.counted) == (2, before.counted)
    assert after.counted.startswith(counted), after.counted


def test_signed_cookies_store_nothing_to_count(site_pool: SitePool) -> None:
    with pytest.raises(django_store.KeptInCookies):
        in_cell(site_pool, "signed_cookies", django_store.count)

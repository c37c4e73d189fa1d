"""The store's counts around one request, as the "stores no new session" step reads them."""

from __future__ import annotations

import pytest

from session_steps.browser.visitors import Visit
from session_steps.server.django_store import NotCountable, StoreCount
from session_steps.steps.store import counts_around, under_base_path

ROWS = "rows of django_session"


def a_visit(before: StoreCount | None, after: StoreCount | None) -> Visit:
    return Visit("/color/", 200, "", (), {}, 0.0, before, after)


def uncountable() -> StoreCount:
    raise NotCountable("the local-memory cache lives in the server's process")


def countable() -> StoreCount:
    return StoreCount(0, ROWS)


def test_the_counts_recorded_around_the_request_are_given() -> None:
    before, after = StoreCount(1, ROWS), StoreCount(2, ROWS)
    assert counts_around(a_visit(before, after), uncountable) == (before, after)


@pytest.mark.parametrize("recorded", [(None, None), (StoreCount(1, ROWS), None), (None, StoreCount(1, ROWS))])
def test_without_counts_a_store_that_cannot_be_counted_says_why(
    recorded: tuple[StoreCount | None, StoreCount | None],
) -> None:
    # The step reports itself not checked, with this reason, and the scenario goes on.
    with pytest.raises(NotCountable, match=r"^the local-memory cache lives in the server's"):
        counts_around(a_visit(*recorded), uncountable)


def test_without_counts_a_countable_store_is_an_error_naming_the_request() -> None:
    with pytest.raises(RuntimeError, match=r"^the server's sessions were not counted around /color/$"):
        counts_around(a_visit(None, None), countable)


def test_a_literals_paths_are_put_under_the_base_urls_own_path() -> None:
    literal = {"last_page": "/pages/first/", "pages": ["/a/", "b"], "pair": ("/c/", 2), "count": 1, "note": "a /b"}
    assert under_base_path(literal, "https://host/session-spec/") == {
        "last_page": "/session-spec/pages/first/",
        "pages": ["/session-spec/a/", "b"],
        "pair": ("/session-spec/c/", 2),
        "count": 1,
        "note": "a /session-spec/b",
    }
    assert under_base_path(literal, "http://127.0.0.1:8000") == literal

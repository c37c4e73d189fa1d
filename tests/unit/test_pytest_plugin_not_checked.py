"""A step that cannot look at the store: marked not checked, the scenario goes on, and the summary counts it."""

from __future__ import annotations

import pytest

from session_steps.pytest_plugin.not_checked import CHECKED_NOTHING, NOT_CHECKED_STEP, not_checked_lines
from session_steps.server.site import SiteUnreadable
from session_steps.server.unread_store import NotChecked, StoreNotRead, UnreadableStore
from session_steps.steps.store_checks import looks_at_the_store

WHY = "the session store of a server given by --base-url cannot be read from here"


@pytest.mark.parametrize("ask", ["load", "exists", "cache_holds", "session_files", "count"])
def test_each_question_to_an_unreadable_store_marks_the_step(ask: str) -> None:
    record = NotChecked()
    store = UnreadableStore(WHY, record)
    arguments = {"load": ("key",), "exists": ("key",), "cache_holds": ("key",)}.get(ask, ())
    with pytest.raises(StoreNotRead, match=WHY):
        getattr(store, ask)(*arguments)
    assert record.current == WHY


def test_clearing_an_unreadable_cache_is_no_look_but_an_action_that_cannot_be_done() -> None:
    record = NotChecked()
    with pytest.raises(SiteUnreadable) as raised:
        UnreadableStore(WHY, record).clear_cache()
    assert not isinstance(raised.value, StoreNotRead)
    assert record.current is None


def test_a_step_that_looks_at_the_store_ends_without_a_verdict_where_it_cannot() -> None:
    record = NotChecked()

    @looks_at_the_store
    def step(session_store: UnreadableStore) -> None:
        assert session_store.load("key") == {"items": 2}

    step(session_store=UnreadableStore(WHY, record))
    assert record.current == WHY


def test_a_step_that_looks_at_the_store_still_fails_on_what_it_sees() -> None:
    @looks_at_the_store
    def step(expected: int) -> None:
        assert expected == 2, "the session is {'items': 1}"

    with pytest.raises(AssertionError, match="items"):
        step(expected=1)


def test_a_step_that_looks_at_the_store_keeps_the_fixtures_it_asks_for() -> None:
    import inspect

    def step(visitors: object, session_store: object) -> None:
        """The step's text."""

    checked = looks_at_the_store(step)
    assert list(inspect.signature(checked).parameters) == ["visitors", "session_store"]
    assert checked.__doc__ == "The step's text."


def a_report(nodeid: str, *properties: tuple[str, object]) -> pytest.TestReport:
    return pytest.TestReport(nodeid, ("f", 1, nodeid), {}, "passed", None, "call", user_properties=properties)


def test_the_summary_counts_the_steps_each_reason_left_unchecked() -> None:
    reports = [
        a_report("t1", (NOT_CHECKED_STEP, ["Then the visitor's session is {'a': 1}", WHY])),
        a_report("t2", (NOT_CHECKED_STEP, ["Then the server stores no new session", WHY])),
        a_report("t3"),
    ]
    assert not_checked_lines(reports) == [f"2 steps not checked: {WHY}"]
    assert not_checked_lines(reports, verbose=True) == [
        f"2 steps not checked: {WHY}",
        "  t1: Then the visitor's session is {'a': 1}",
        "  t2: Then the server stores no new session",
    ]


def test_the_summary_names_the_scenarios_that_checked_nothing() -> None:
    reports = [a_report("t1", (NOT_CHECKED_STEP, ["Then the session includes {'a': 1}", WHY]), (CHECKED_NOTHING, True))]
    assert not_checked_lines(reports) == [
        f"1 step not checked: {WHY}",
        "1 scenario passed without checking anything: every Then step was not checked",
    ]


def test_a_run_whose_every_step_looked_has_no_summary() -> None:
    assert not_checked_lines([a_report("t1"), a_report("t2")]) == []

"""A scenario run as plain data: what it says of itself, and its trip through JSON between processes."""

from __future__ import annotations

import json
import time

import pytest

from session_steps.report.model import (
    FAILED,
    PASSED,
    SKIPPED,
    FeatureInfo,
    Observation,
    Request,
    RuleInfo,
    RunIdentity,
    ScenarioRun,
    StepRun,
)
from session_steps.report.render import RunFacts
from session_steps.server.trace_protocol import Operation, RequestTrace


def a_run(steps: list[StepRun]) -> ScenarioRun:
    feature = FeatureInfo("Visits", "visits.feature", 1, "Counting.", ["visits"])
    return ScenarioRun("t::x", 3, feature, RuleInfo("A rule", "Why."), "Counting", 7, steps=steps)


def seen(visitor: str | None, page: str | None) -> Observation:
    return Observation(visitor, "{}", page, "/count/", 200, requests=[Request("/count/", 200)])


def traced(visitor: str) -> Observation:
    """A request the server traced: what the view did to its session."""
    operation = Operation("request.session['visits']", "{}", error="KeyError: 'visits'")
    trace = RequestTrace("GET", "/count/", "{}", [operation], saved=False, cookie="none")
    return Observation(visitor, "{}", "Oops", "/count/", 500, requests=[Request("/count/", 500, "Oops", trace)])


def test_a_run_comes_back_from_json_as_it_went() -> None:
    run = a_run(
        [
            StepRun("Given", "a table", 8, notes=["a note"], datatable=[["a"], ["b"]], status=PASSED, duration=0.5),
            StepRun("When", "Alice opens", 9, observation=seen("Alice", "Visit count: 1"), status=FAILED, error="x"),
            StepRun("Then", "it fails", 10, observation_error="the store is remote"),
            StepRun("When", "Bob opens", 11, observation=traced("Bob"), defined_in="session_steps.steps.navigation"),
        ]
    )
    run.example, run.labels, run.outcome = {"count": "1"}, {"engine": "db"}, FAILED
    assert ScenarioRun.from_dict(json.loads(json.dumps(run.to_dict()))) == run
    no_rule = a_run([])
    no_rule.rule = None
    assert ScenarioRun.from_dict(json.loads(json.dumps(no_rule.to_dict()))) == no_rule


def test_the_failed_step_is_the_first_that_failed() -> None:
    first, second = StepRun("Then", "one", 2, status=FAILED), StepRun("Then", "two", 3, status=FAILED)
    assert a_run([StepRun("Given", "ok", 1, status=PASSED), first, second]).failed_step is first
    assert a_run([StepRun("Given", "ok", 1, status=PASSED), StepRun("Then", "later", 2)]).failed_step is None
    assert a_run([StepRun("Given", "skips", 1, status=SKIPPED)]).failed_step is None


def test_the_last_page_is_the_last_one_observed_with_text() -> None:
    run = a_run(
        [
            StepRun("When", "a", 1, observation=seen("Alice", "First")),
            StepRun("When", "b", 2, observation=seen("Alice", "Second")),
            StepRun("Then", "c", 3, observation=seen("Alice", None)),
            StepRun("Then", "d", 4),
        ]
    )
    assert run.last_page == "Second"
    assert a_run([StepRun("Given", "nothing", 1)]).last_page is None


def test_visitors_are_named_once_in_the_order_they_acted() -> None:
    run = a_run(
        [
            StepRun("When", "a", 1, observation=seen("Bob", "x")),
            StepRun("When", "b", 2, observation=seen("Alice", "x")),
            StepRun("When", "c", 3, observation=seen("Bob", "x")),
            StepRun("When", "d", 4, observation=seen(None, "x")),
        ]
    )
    assert run.visitor_names == ["Bob", "Alice"]


def test_a_run_has_visitors_where_a_step_was_observed_or_failed_to_be() -> None:
    assert a_run([StepRun("When", "a", 1, observation=seen("Alice", "x"))]).has_visitors
    assert a_run([StepRun("When", "a", 1, observation_error="remote")]).has_visitors
    assert not a_run([StepRun("Given", "a", 1)]).has_visitors


def test_a_run_s_identity_comes_back_from_json_and_a_journal_without_one_still_loads() -> None:
    run = a_run([])
    run.identity = RunIdentity("6.1.3", "3.13.0", "file", "asgi", "sqlite", "chromium", attempt=2)
    run.skip_reason, run.test_session, run.finished = "why", "s1", "2026-01-01T10:00:00.000+00:00"
    assert ScenarioRun.from_dict(json.loads(json.dumps(run.to_dict()))) == run
    older = a_run([]).to_dict()
    for name in ("identity", "skip_reason", "test_session", "finished"):
        del older[name]
    assert ScenarioRun.from_dict(older).identity == RunIdentity()


def test_the_tries_of_one_test_in_one_cell_share_its_cell() -> None:
    first = RunIdentity("5.2.7", "3.11.7", "db", "wsgi", None, "chromium")
    assert RunIdentity("5.2.7", "3.11.7", "db", "wsgi", None, "chromium", attempt=2).cell == first.cell
    assert RunIdentity("5.2.7", "3.11.7", "db", "wsgi", "sqlite", "chromium").cell != first.cell


def test_the_report_says_when_it_was_written_in_utc_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    # Written where the clock reads nine hours ahead of UTC, it still reads UTC.
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        before = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        written = RunFacts().generated
        after = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert written in {before, after}

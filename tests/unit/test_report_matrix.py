"""The behaviour matrix: a row per scenario, a column per cell, and where the cells disagree."""

from __future__ import annotations

from session_steps.report.matrix import NOT_FOR_ENGINE, NOT_IN_RUN, build_matrix
from session_steps.report.model import (
    ENGINE_NOT_IN_RUN,
    FAILED,
    FLAKY,
    PASSED,
    SKIPPED,
    FeatureInfo,
    RunIdentity,
    ScenarioRun,
    StepRun,
)

FEATURE = FeatureInfo("Engines", "features/engines.feature", 1, "Where engines differ.")
PYTHON = {"5.2.7": "3.11.7", "6.1.3": "3.13.0"}


def a_run(name: str, engine: str, server: str, django: str, outcome: str, tags: list[str] | None = None) -> ScenarioRun:
    identity = RunIdentity(django, PYTHON[django], engine, server, None, "chromium")
    run = ScenarioRun(f"t::{name}[{engine}-{server}]", 0, FEATURE, None, name, 5, tags=tags or [], identity=identity)
    run.labels, run.outcome = {"engine": engine, "server": server}, outcome
    return run


def every_cell(name: str, outcome: str = PASSED) -> list[ScenarioRun]:
    return [
        a_run(name, engine, server, django, outcome)
        for engine in ("db", "file")
        for django in ("5.2.7", "6.1.3")
        for server in ("wsgi", "asgi")
    ]


def test_each_scenario_is_a_row_and_each_cell_a_column_grouped_by_engine_then_django_then_server() -> None:
    matrix = build_matrix(every_cell("Visits"))
    assert [(header.heading, [(cell.text, cell.span) for cell in header.cells]) for header in matrix.header_rows] == [
        ("engine", [("db", 4), ("file", 4)]),
        ("Django", [("5.2.7", 2), ("6.1.3", 2), ("5.2.7", 2), ("6.1.3", 2)]),
        ("server", [("wsgi", 1), ("asgi", 1)] * 4),
    ]
    assert [row.name for row in matrix.rows] == ["Visits"]
    assert [cell.state for cell in matrix.rows[0].cells] == [PASSED] * 8
    assert matrix.column_titles[1] == "engine db, Django 5.2.7, server asgi"


def test_a_python_version_that_follows_django_s_is_named_under_it_not_in_a_row_of_its_own() -> None:
    matrix = build_matrix(every_cell("Visits"))
    django = matrix.header_rows[1]
    assert django.folded == ["Python"]
    assert [cell.folded for cell in django.cells[:2]] == [["Python 3.11.7"], ["Python 3.13.0"]]


def test_a_scenario_whose_cells_disagree_differs_and_its_failure_is_a_note() -> None:
    runs = every_cell("Visits") + every_cell("Expiry")
    expiry_on_file = runs[12]
    expiry_on_file.outcome = FAILED
    expiry_on_file.steps = [StepRun("Then", "the session is gone", 9, status=FAILED, error="still there\nmore")]
    matrix = build_matrix(runs)
    visits, expiry = matrix.rows
    assert (visits.differs, expiry.differs) == (False, True)
    assert matrix.differing == [expiry]
    assert expiry.cells[4].state == FAILED
    assert expiry.cells[4].note == 1
    assert matrix.notes == ["failed at Then the session is gone: still there"]


def test_a_skip_says_why_in_a_note_shared_by_the_cells_that_skipped_alike() -> None:
    runs = every_cell("Secure cookie", SKIPPED)
    for run in runs:
        run.skip_reason = "needs HTTPS: run with --site-https"
    matrix = build_matrix(runs)
    assert {cell.note for cell in matrix.rows[0].cells} == {1}
    assert matrix.notes == ["skipped: needs HTTPS: run with --site-https"]


def test_a_scenario_of_one_engine_is_not_for_the_others_and_a_missing_run_is_not_in_this_run() -> None:
    runs = [
        *every_cell("Visits")[:4],
        a_run("Files", "file", "wsgi", "5.2.7", PASSED, ["engine:file"]),
        a_run("Visits", "file", "wsgi", "5.2.7", PASSED),
    ]
    matrix = build_matrix(runs)
    visits, files = matrix.rows
    assert [cell.state for cell in files.cells] == [NOT_FOR_ENGINE] * 4 + [PASSED]
    assert [cell.state for cell in visits.cells] == [PASSED] * 5
    assert files.engine_tags == ["engine:file"]
    assert not files.differs
    lonely = build_matrix([*runs, a_run("Only here", "db", "asgi", "6.1.3", PASSED)]).rows[2]
    assert [cell.state for cell in lonely.cells] == [NOT_IN_RUN, NOT_IN_RUN, NOT_IN_RUN, PASSED, NOT_IN_RUN]


def test_a_scenario_for_engines_a_run_did_not_cover_says_so_in_its_row_not_in_a_column() -> None:
    elsewhere = a_run("Signed", ENGINE_NOT_IN_RUN, "", "5.2.7", SKIPPED, ["engine:signed_cookies"])
    elsewhere.labels = {"engine": ENGINE_NOT_IN_RUN}
    elsewhere.identity = RunIdentity("5.2.7", "3.11.7", ENGINE_NOT_IN_RUN)
    elsewhere.skip_reason = "for engine signed_cookies: run with --session-engine=signed_cookies"
    matrix = build_matrix([*every_cell("Visits")[:1], elsewhere])
    assert len(matrix.column_titles) == 1
    assert matrix.rows[1].elsewhere == elsewhere.skip_reason
    assert [cell.state for cell in matrix.rows[1].cells] == [NOT_FOR_ENGINE]


def test_the_last_attempt_stands_and_says_which_it_was() -> None:
    first, retry = a_run("Visits", "db", "wsgi", "5.2.7", FAILED), a_run("Visits", "db", "wsgi", "5.2.7", PASSED)
    retry.identity = RunIdentity("5.2.7", "3.11.7", "db", "wsgi", None, "chromium", attempt=2)
    [cell] = build_matrix([first, retry]).rows[0].cells
    assert (cell.state, cell.attempts) == (PASSED, 2)
    assert cell.title.endswith("on attempt 2")


def test_a_cell_that_passed_on_its_retry_is_flaky_and_its_note_says_how_it_failed_first() -> None:
    first, retry = a_run("Visits", "db", "wsgi", "5.2.7", FAILED), a_run("Visits", "db", "wsgi", "5.2.7", FLAKY)
    first.steps = [StepRun("Then", 'the page reads "1"', 7, status=FAILED, error="Expected 1\nbut got 2")]
    retry.identity = RunIdentity("5.2.7", "3.11.7", "db", "wsgi", None, "chromium", attempt=2)
    matrix = build_matrix([first, retry])
    [cell] = matrix.rows[0].cells
    assert (cell.state, cell.attempts) == (FLAKY, 2)
    assert matrix.notes == ['flaky: passed on attempt 2 after failed at Then the page reads "1": Expected 1']

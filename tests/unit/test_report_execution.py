"""A run's execution table: each request's traced operations as rows, and the steps that only look as checks."""

from __future__ import annotations

from pathlib import Path

from session_steps.report.execution import (
    NO_REQUEST,
    OPERATION,
    PAGE_STEPS,
    RECEIVED,
    RESPONSE,
    SENT,
    STATE,
    UNTRACED,
    TableRow,
    execution_rows,
    traced,
)
from session_steps.report.model import (
    COOKIE_ABSENT,
    COOKIE_NEW,
    COOKIE_REMOVED,
    PASSED,
    FeatureInfo,
    Observation,
    Request,
    ScenarioRun,
    StepRun,
)
from session_steps.report.render import write_report
from session_steps.server.trace_protocol import Operation, RequestTrace

COLOR = "{'color': 'blue'}"


def a_run(*steps: StepRun) -> ScenarioRun:
    return ScenarioRun("t::x", 0, FeatureInfo("F", "f.feature", 1, ""), None, "S", 2, steps=list(steps))


def looking(
    text: str, visitor: str | None = "the visitor", session: str | None = "{}", page: str | None = None
) -> StepRun:
    """A step that made no request: what the visitor had after it."""
    key = "abcd1234" if session != "{}" else None
    observation = Observation(visitor, session, page, None, None, COOKIE_NEW if key else COOKIE_ABSENT, key)
    return StepRun("Then", text, 3, status=PASSED, observation=observation)


def color_trace() -> RequestTrace:
    """What the server traces for the lesson's view, on a first visit."""
    return RequestTrace(
        "GET",
        "/color/",
        received="{}",
        operations=[
            Operation("request.session['color'] = 'blue'", COLOR),
            Operation("request.session.get('color', 'red')", COLOR, result="'blue'", retrieved=True),
        ],
        saved=True,
        cookie="set",
        cookie_key="abcd1234",
    )


def opening(*requests: Request, visitor: str = "the visitor", session: str = COLOR) -> StepRun:
    observation = Observation(visitor, session, requests[-1].page, "/", 200, COOKIE_NEW, "abcd1234", list(requests))
    return StepRun("When", "the visitor opens a page", 5, status=PASSED, observation=observation)


def columns(row: TableRow) -> tuple[object, ...]:
    return (row.kind, row.action, row.state, row.value, row.page, row.status, row.cookie)


def rows(run: ScenarioRun) -> list[TableRow]:
    return [row for group in execution_rows(run) for row in group.rows]


def test_the_lessons_example_reads_as_its_five_steps() -> None:
    page_check = looking("the page reads", session=COLOR, page="Favorite color is blue")
    page_check.defined_in = PAGE_STEPS
    run = a_run(
        looking("a new visitor"),
        looking("the visitor's session is {}"),
        opening(Request("/color/", 200, "Favorite color is blue", color_trace())),
        page_check,
        looking("the visitor's session is {'color': 'blue'}", session=COLOR, page="Favorite color is blue"),
    )
    table = rows(run)
    assert [columns(row) for row in table] == [
        (RECEIVED, "Request received: GET /color/", "{}", None, None, None, "none"),
        (OPERATION, "request.session['color'] = 'blue'", COLOR, None, None, None, None),
        (OPERATION, "request.session.get('color', 'red')", COLOR, "'blue'", None, None, None),
        (RESPONSE, "Response made", COLOR, "'blue'", "Favorite color is blue", 200, None),
        (SENT, "Response sent: session saved", COLOR, "'blue'", "Favorite color is blue", 200, "set"),
    ]
    assert [row.number for row in table] == [1, 2, 3, 4, 5]
    # The steps that only looked add no row: each is a check of the row it verifies.
    assert [[step.text for step in row.checks] for row in table] == [
        ["a new visitor", "the visitor's session is {}"],
        [],
        [],
        ["the page reads"],
        ["the visitor's session is {'color': 'blue'}"],
    ]
    assert [group.step.text for group in execution_rows(run)] == ["the visitor opens a page"]


def test_every_request_of_a_step_has_rows_of_its_own() -> None:
    def visit(count: int) -> Request:
        trace = RequestTrace(
            "GET",
            "/visits/",
            received=f"{{'visits': {count - 1}}}",
            operations=[Operation(f"request.session['visits'] = {count}", f"{{'visits': {count}}}")],
        )
        return Request("/visits/", 200, f"Visit count: {count}", trace)

    table = rows(a_run(opening(visit(1), visit(2), visit(3))))
    assert [row.page for row in table if row.kind == RESPONSE] == ["Visit count: 1", "Visit count: 2", "Visit count: 3"]
    assert [row.state for row in table if row.kind == SENT] == ["{'visits': 1}", "{'visits': 2}", "{'visits': 3}"]
    assert [row.action for row in table if row.kind == SENT] == ["Response sent: session not saved"] * 3


def test_an_exception_names_itself_on_the_operation_that_raised_it() -> None:
    trace = RequestTrace(
        "GET", "/color/brackets/", "{}", [Operation("request.session['color']", "{}", error="KeyError: 'color'")]
    )
    table = rows(a_run(opening(Request("/color/brackets/", 500, "Server Error (500)", trace), session="{}")))
    raised = next(row for row in table if row.kind == OPERATION)
    assert (raised.action, raised.value, raised.error) == ("request.session['color']", None, "KeyError: 'color'")


def test_an_exception_caught_on_its_way_says_so_and_only_a_value_retrieved_is_carried() -> None:
    trace = RequestTrace(
        "GET",
        "/whoami/",
        "{}",
        [
            Operation("'_auth_user_id' in request.session", "{}", result="False"),
            Operation("request.session['_auth_user_id']", "{}", error="KeyError: '_auth_user_id'", caught=True),
        ],
    )
    table = rows(a_run(opening(Request("/whoami/", 200, "Anonymous", trace), session="{}")))
    assert [row.error for row in table if row.kind == OPERATION] == [None, "KeyError: '_auth_user_id' (caught)"]
    # The lesson's "value retrieved" is a value read from the session, not the answer of `in`.
    assert [row.value for row in table if row.kind in (RESPONSE, SENT)] == [None, None]


def test_a_step_that_changes_the_visitor_without_a_request_has_a_row() -> None:
    cleared = looking("the visitor's cookies are cleared")
    assert cleared.observation is not None
    cleared.observation.cookie = COOKIE_REMOVED
    run = a_run(opening(Request("/color/", 200, "Favorite color is blue", color_trace())), cleared)
    last = rows(run)[-1]
    assert (last.kind, last.number, last.action, last.state) == (
        STATE,
        6,
        NO_REQUEST,
        "{}",
    )


def test_a_request_the_server_did_not_trace_is_one_row_with_the_state_read_after_the_step() -> None:
    run = a_run(opening(Request("/a/", 302), Request("/b/", 200, "B"), session="{'a': 1}"))
    assert [columns(row) for row in rows(run)] == [
        (UNTRACED, "Request: /a/", None, None, None, 302, None),
        (UNTRACED, "Request: /b/", "{'a': 1}", None, "B", 200, COOKIE_NEW),
    ]
    assert not traced(run)
    assert traced(a_run(opening(Request("/color/", 200, "Favorite color is blue", color_trace()))))


def test_each_visitor_s_checks_verify_their_own_last_row() -> None:
    alice = opening(Request("/color/", 200, "Favorite color is blue", color_trace()), visitor="Alice")
    bob = opening(Request("/color/", 200, "Favorite color is blue", color_trace()), visitor="Bob")
    run = a_run(alice, bob, looking("Alice's page reads", "Alice", COLOR, "Favorite color is blue"))
    table = rows(run)
    assert [step.text for step in table[4].checks] == ["Alice's page reads"]
    assert table[9].checks == []


def test_a_step_that_could_not_be_observed_has_a_row_saying_why() -> None:
    failed = StepRun("Then", "the visitor's session is {}", 3, observation_error="ConnectionError: unreachable")
    (row,) = rows(a_run(failed))
    assert (row.kind, row.error) == (STATE, "not observed: ConnectionError: unreachable")


def test_a_check_with_no_row_to_verify_gets_one_of_its_own() -> None:
    table = rows(a_run(looking("the browser holds no session cookie")))
    assert [(row.kind, row.action) for row in table] == [(STATE, NO_REQUEST)]
    assert [group.step.text for group in execution_rows(a_run(looking("the browser holds no session cookie")))] == [
        "the browser holds no session cookie"
    ]
    assert execution_rows(a_run()) == []


def test_a_page_says_where_the_server_did_not_trace(tmp_path: Path) -> None:
    write_report(tmp_path, [a_run(opening(Request("/a/", 200, "A")))])
    page = " ".join((tmp_path / "features" / "f.html").read_text().split())
    assert "The server was not started by this run" in page
    write_report(tmp_path, [a_run(opening(Request("/color/", 200, "Favorite color is blue", color_trace())))])
    page = " ".join((tmp_path / "features" / "f.html").read_text().split())
    assert "The server was not started by this run" not in page
    assert "request.session.get(&#39;color&#39;, &#39;red&#39;)" in page


def test_operations_left_out_of_the_trace_are_counted_in_a_row() -> None:
    trace = color_trace()
    trace.omitted = 40
    actions = [row.action for row in rows(a_run(opening(Request("/color/", 200, "Favorite color is blue", trace))))]
    assert actions[3] == "… and 40 more, left out of the trace"

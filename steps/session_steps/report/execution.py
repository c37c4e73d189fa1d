"""A scenario's execution table as the lesson draws one: each request, and each session operation in it, a row.

A step that made requests heads the rows of its requests. A step that made none and changed
nothing (a Then, a Given that only looks) adds no row: it is a check of the row it verifies,
the visitor's last one (or, before their first request, the first row of it).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from session_steps.report.model import Observation, Request, ScenarioRun, StepRun
from session_steps.server.trace_protocol import COOKIE_NOT_SENT, Operation, RequestTrace

# What a row is: the request arriving, one operation of the view, the response made, the
# response sent; a state the step changed without a request; a request the server did not trace.
RECEIVED, OPERATION, RESPONSE, SENT, STATE, UNTRACED = "received", "operation", "response", "sent", "state", "untraced"
# The action of a row a step made without a request: the state it left, under the step's own line.
NO_REQUEST = "No request: as the step left it"
# A check of the page shown verifies the response made; any other, the response as it was sent.
PAGE_STEPS = "session_steps.steps.page"


@dataclass
class TableRow:
    """One row of the table, with what the session, the page and the cookie were after it."""

    number: int
    kind: str
    action: str  # the code (request.session.get('color', 'red')), or what happened
    visitor: str | None = None
    state: str | None = None  # the session's data as Python writes it; None: not known
    value: str | None = None  # the value retrieved, as Python writes it
    error: str | None = None  # what the operation raised: KeyError: 'color'
    page: str | None = None
    status: int | None = None
    cookie: str | None = None  # what happened to the session cookie: set, sent again, deleted...
    cookie_key: str | None = None  # its first characters
    checks: list[StepRun] = field(default_factory=list)  # the steps that verified this row


@dataclass
class StepRows:
    """A step that acted, with the rows it made."""

    step: StepRun
    rows: list[TableRow] = field(default_factory=list)


def traced_rows(request: Request, trace: RequestTrace, visitor: str | None) -> list[TableRow]:
    """The lesson's rows of one request: received, each operation, the response made, then sent."""
    rows = [
        TableRow(
            0,
            RECEIVED,
            f"Request received: {trace.method} {trace.path}",
            visitor,
            trace.received,
            cookie="sent" if trace.cookie_came else COOKIE_NOT_SENT,
        )
    ]
    state, value = trace.received, None
    for operation in trace.operations:
        state = operation.state if operation.state is not None else state
        # What the response is made from: the value the view retrieved last, as the lesson carries it.
        value = operation.result if operation.retrieved else value
        rows.append(TableRow(0, OPERATION, operation.code, visitor, state, operation.result, error_text(operation)))
    if trace.omitted:
        rows.append(TableRow(0, OPERATION, f"… and {trace.omitted} more, left out of the trace", visitor, state))
    saved = "session saved" if trace.saved else "session not saved"
    rows.append(TableRow(0, RESPONSE, "Response made", visitor, state, value, page=request.page, status=request.status))
    rows.append(
        TableRow(
            0,
            SENT,
            f"Response sent: {saved}",
            visitor,
            state,
            value,
            page=request.page,
            status=request.status,
            cookie=trace.cookie,
            cookie_key=trace.cookie_key,
        )
    )
    return rows


def error_text(operation: Operation) -> str | None:
    if operation.error is None:
        return None
    return f"{operation.error} (caught)" if operation.caught else operation.error


def untraced_row(request: Request, observation: Observation, last: bool) -> TableRow:
    """A request the run's own server did not trace: its page and status; after the step's last, the state read."""
    row = TableRow(0, UNTRACED, f"Request: {request.path}", observation.visitor, page=request.page)
    row.status = request.status
    if last:
        row.state, row.cookie, row.cookie_key = observation.session, observation.cookie, observation.cookie_key
    return row


def state_row(step: StepRun) -> TableRow:
    """A step that made no request yet changed what the visitor has (cookies cleared), or could not be read."""
    observation = step.observation
    if observation is None:
        error = f"not observed: {step.observation_error}" if step.observation_error else None
        return TableRow(0, STATE, NO_REQUEST, error=error)
    return TableRow(
        0,
        STATE,
        NO_REQUEST,
        observation.visitor,
        observation.session,
        page=observation.page,
        status=observation.status,
        cookie=observation.cookie,
        cookie_key=observation.cookie_key,
    )


def request_rows(observation: Observation) -> list[TableRow]:
    rows: list[TableRow] = []
    for index, request in enumerate(observation.requests):
        if request.trace is not None:
            rows += traced_rows(request, request.trace, observation.visitor)
        else:
            rows.append(untraced_row(request, observation, index == len(observation.requests) - 1))
    return rows


class TableBuilder:
    """Builds the table step by step, keeping each visitor's last row and what they had after it."""

    def __init__(self) -> None:
        self.groups: list[StepRows] = []
        self.number = 0
        self.last_row: dict[str | None, TableRow] = {}
        # Before anyone acts, a visitor has no cookie, so the session {}, and no page.
        self.seen: dict[str | None, tuple[str | None, str | None, str | None]] = {}
        self.waiting: dict[str | None, list[StepRun]] = {}
        # The row of each response made, by the row of the same response sent.
        self.response_row: dict[int, TableRow] = {}

    def add(self, step: StepRun) -> None:
        observation = step.observation
        if observation is not None and observation.requests:
            self.acted(step, request_rows(observation))
        elif self.changed(step):
            self.acted(step, [state_row(step)])
        else:
            self.checked(step, observation.visitor if observation else None)
        if observation is not None:
            self.seen[observation.visitor] = (observation.session, observation.cookie_key, observation.page)

    def changed(self, step: StepRun) -> bool:
        """Whether the step changed what its visitor has, or could not be observed at all (shown, not hidden)."""
        observation = step.observation
        if observation is None:
            return step.observation_error is not None
        before = self.seen.get(observation.visitor, ("{}", None, None))
        # An unreadable store (a remote server) shows no change rather than a false one.
        session_changed = observation.session is not None and observation.session != before[0]
        return session_changed or observation.cookie_key != before[1] or observation.page != before[2]

    def acted(self, step: StepRun, rows: list[TableRow]) -> None:
        for row in rows:
            self.number += 1
            row.number = self.number
        self.groups.append(StepRows(step, rows))
        for made, sent in itertools.pairwise(rows):
            if made.kind == RESPONSE and sent.kind == SENT:
                self.response_row[id(sent)] = made
        if rows:
            visitor = rows[-1].visitor
            # Checks made before this visitor's first row verify what it started from.
            rows[0].checks += self.waiting.pop(visitor, []) + self.waiting.pop(None, [])
            self.last_row[visitor] = rows[-1]
            self.last_row[None] = rows[-1]

    def checked(self, step: StepRun, visitor: str | None) -> None:
        row = self.last_row.get(visitor)
        if row is None:
            self.waiting.setdefault(visitor, []).append(step)
        elif step.defined_in == PAGE_STEPS and row.kind == SENT:
            self.response_row[id(row)].checks.append(step)
        else:
            row.checks.append(step)

    def finish(self) -> list[StepRows]:
        """The groups; a check that never had a row to verify gets one of its own."""
        unverified = sorted((step for steps in self.waiting.values() for step in steps), key=lambda step: step.line)
        self.waiting.clear()
        for step in unverified:
            self.acted(step, [state_row(step)])
        return self.groups


def execution_rows(run: ScenarioRun) -> list[StepRows]:
    """The rows of a run's execution table, grouped under the steps that made them."""
    builder = TableBuilder()
    for step in run.steps:
        builder.add(step)
    return builder.finish()


def traced(run: ScenarioRun) -> bool:
    """Whether any request of the run was traced by the server (only the run's own servers trace)."""
    return any(
        request.trace is not None
        for step in run.steps
        if step.observation is not None
        for request in step.observation.requests
    )

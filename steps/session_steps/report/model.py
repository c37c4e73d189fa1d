"""What the report knows about one scenario run, in plain data that travels as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from session_steps.server.trace_protocol import RequestTrace

# A step's outcome; "not run" follows a failed or skipped step; "not checked": the step could
# not look (an unreadable store) and the scenario went on.
PASSED, FAILED, SKIPPED, NOT_RUN, NOT_CHECKED = "passed", "failed", "skipped", "not run", "not checked"
# A scenario's outcome only: it passed on a retry after its first attempt failed. Never a pass.
FLAKY = "flaky"

# The session cookie after a step, compared with the acting visitor's cookie before it.
COOKIE_ABSENT, COOKIE_NEW, COOKIE_KEPT, COOKIE_CHANGED, COOKIE_REMOVED = "absent", "new", "kept", "changed", "removed"

# The engine of a run skipped because the run covers none of its @engine: tags' engines.
ENGINE_NOT_IN_RUN = "not in this run"


@dataclass
class Request:
    """One request a step made, and the HTTP status it got."""

    path: str
    status: int
    # The visible text of the page the response was; None for a redirect or a script's request.
    page: str | None = None
    # What the request did to its session, traced inside the run's own server; None where it was not.
    trace: RequestTrace | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Request:
        trace = data.get("trace")
        return cls(**{**data, "trace": RequestTrace.from_dict(trace) if trace else None})


@dataclass
class Observation:
    """What the acting visitor's browser and the server's store held right after a step."""

    visitor: str | None
    # The stored session as Python writes it ({'color': 'blue'}); None when unreadable.
    session: str | None
    page: str | None
    path: str | None
    status: int | None
    cookie: str = COOKIE_ABSENT
    cookie_key: str | None = None
    requests: list[Request] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Observation:
        return cls(**{**data, "requests": [Request.from_dict(request) for request in data["requests"]]})


@dataclass
class StepRun:
    """One step of a scenario: its text as written, its outcome, and what it left behind."""

    keyword: str
    text: str
    line: int
    background: bool = False
    # The feature file's comments just above the step, which tie it to the document.
    notes: list[str] = field(default_factory=list)
    datatable: list[list[str]] | None = None
    docstring: str | None = None
    # The step definition that ran the step, as ``file:line`` (Cucumber's match location).
    location: str | None = None
    status: str = NOT_RUN
    duration: float = 0.0
    error: str | None = None
    observation: Observation | None = None
    # Why the state after the step could not be read, where reading it failed.
    observation_error: str | None = None
    # The module of the step's definition (session_steps.steps.page), where one matched.
    defined_in: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StepRun:
        observation = data["observation"]
        return cls(**{**data, "observation": Observation.from_dict(observation) if observation else None})


@dataclass
class FeatureInfo:
    """The feature a scenario belongs to, as its file states it."""

    name: str
    file: str
    line: int
    description: str
    tags: list[str] = field(default_factory=list)


@dataclass
class RuleInfo:
    name: str
    description: str
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RunIdentity:
    """Where and how a run was made: what tells apart two runs of the same test.

    Two runs of one test with different identities are both results (one per Django
    version, database, ...); only a second run with the same identity and attempt
    replaces the first.
    """

    django: str = ""
    python: str = ""
    engine: str | None = None
    server: str | None = None
    # A label of the database the site ran on (``sqlite``), where runs vary it.
    database: str | None = None
    browser: str | None = None
    # 1 for a test's first try; a retry of a failed test is attempt 2.
    attempt: int = 1

    @property
    def cell(self) -> tuple[str, ...]:
        """Everything but the attempt: the tries of one test in one cell share it."""
        return tuple(
            str(value or "")
            for value in (self.django, self.python, self.engine, self.server, self.database, self.browser)
        )


@dataclass
class ScenarioRun:
    """One run of one scenario (one example of an outline, one cell of a matrix)."""

    nodeid: str
    # Position in the collection, so runs from several workers sort as collected.
    order: int
    feature: FeatureInfo
    rule: RuleInfo | None
    name: str
    line: int
    description: str = ""
    tags: list[str] = field(default_factory=list)
    # An outline's example values, and the matrix cell (engine, server, ...) where one ran.
    example: dict[str, str] = field(default_factory=dict)
    # The line of the example's row in its Examples table (None outside an outline).
    example_line: int | None = None
    labels: dict[str, str] = field(default_factory=dict)
    steps: list[StepRun] = field(default_factory=list)
    outcome: str = NOT_RUN
    duration: float = 0.0
    # A failure outside any step: a fixture's set-up, a step without a definition.
    error: str | None = None
    browser: str | None = None
    # Paths relative to the report's folder.
    screenshot: str | None = None
    # Why the last page could not be photographed, where taking the screenshot failed.
    screenshot_error: str | None = None
    # How long the screenshot took, in seconds: part of the scenario's time, and the report's cost.
    screenshot_seconds: float | None = None
    trace: str | None = None
    identity: RunIdentity = field(default_factory=RunIdentity)
    # Why the scenario was skipped, where it was.
    skip_reason: str | None = None
    # The pytest session that made the run (shared by its pytest-xdist workers): orders
    # are positions in that session's collection.
    test_session: str = ""
    # The collection ``order`` is a position in: a digest of the tests the session collected,
    # before any was chosen. The shards of one run (--shard) collect alike, so it is theirs too.
    collection: str = ""
    # When the run ended, in UTC (ISO 8601): of two runs of one identity, the later is kept.
    finished: str = ""

    @property
    def failed_step(self) -> StepRun | None:
        return next((step for step in self.steps if step.status == FAILED), None)

    @property
    def has_visitors(self) -> bool:
        """Whether any step was observed, or failed to be (a scenario of the spec's own steps)."""
        return any(step.observation or step.observation_error for step in self.steps)

    @property
    def last_page(self) -> str | None:
        """The text of the page the scenario ended on, if it opened one."""
        pages = [step.observation.page for step in self.steps if step.observation and step.observation.page]
        return pages[-1] if pages else None

    @property
    def all_tags(self) -> list[str]:
        """The scenario's tags with its rule's and its feature's, which pytest-bdd gives it too."""
        rule_tags = self.rule.tags if self.rule else []
        return sorted({*self.tags, *rule_tags, *self.feature.tags})

    @property
    def visitor_names(self) -> list[str]:
        names = (step.observation.visitor for step in self.steps if step.observation)
        return list(dict.fromkeys(name for name in names if name))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScenarioRun:
        rule = data["rule"]
        return cls(
            **{
                **data,
                "feature": FeatureInfo(**data["feature"]),
                "rule": RuleInfo(**rule) if rule else None,
                "steps": [StepRun.from_dict(step) for step in data["steps"]],
                # A journal written before runs carried their identity has none.
                "identity": RunIdentity(**data.get("identity", {})),
            }
        )

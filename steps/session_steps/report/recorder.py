"""Recording one scenario run as pytest-bdd executes it, step by step."""

from __future__ import annotations

import inspect
import platform
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import django
import pytest

from session_steps.bdd_compat import (
    EXAMPLE_PARAM,
    Scenario,
    Step,
    find_fixturedefs_for_step,
    scenario_wrapper_template_registry,
    step_function_context_registry,
)
from session_steps.matrix.cells import SQLITE, Cell
from session_steps.report.model import (
    ENGINE_NOT_IN_RUN,
    FAILED,
    FLAKY,
    NOT_RUN,
    PASSED,
    SKIPPED,
    FeatureInfo,
    Observation,
    RuleInfo,
    RunIdentity,
    ScenarioRun,
    StepRun,
)
from session_steps.report.notes import example_row_line, notes_above


def call_params(item: pytest.Item) -> dict[str, Any]:
    callspec = getattr(item, "callspec", None)
    return dict(callspec.params) if callspec else {}


def matrix_labels(item: pytest.Item) -> dict[str, str]:
    """The parameters a test runs with besides an outline's example: engine, server, browser..."""
    labels: dict[str, str] = {}
    for name, value in call_params(item).items():
        if isinstance(value, Cell):
            labels.update(engine=value.engine.name, server=value.server)
            # Named only where it is not the default, as the cell's id names it.
            if value.database != SQLITE:
                labels["database"] = value.database.name
        elif name == "site_cell":
            # An @engine: scenario whose engines this run does not cover.
            labels["engine"] = ENGINE_NOT_IN_RUN
        elif name != EXAMPLE_PARAM:
            labels[name] = str(value)
    return labels


def browser_name(item: pytest.Item) -> str:
    """The browser pytest-playwright gives the test: its parameter, else the first ``--browser``."""
    parametrized = call_params(item).get("browser_name")
    if parametrized:
        return str(parametrized)
    chosen = getattr(item.config.option, "browser", None) or ["chromium"]
    return str(chosen[0])


def cell_database(item: pytest.Item) -> str | None:
    """The database of the cell the test runs on (``sqlite``, ``postgresql``); None outside a cell."""
    cells = [value for value in call_params(item).values() if isinstance(value, Cell)]
    return cells[0].database.name if cells else None


def run_identity(item: pytest.Item, labels: dict[str, str]) -> RunIdentity:
    """The identity of the run ``item`` makes: versions, cell, browser and which try it is."""
    return RunIdentity(
        django=django.get_version(),
        python=platform.python_version(),
        engine=labels.get("engine"),
        server=labels.get("server"),
        database=cell_database(item),
        browser=browser_name(item),
        # pytest-rerunfailures counts a test's tries on the item; without it there is one.
        attempt=int(getattr(item, "execution_count", 1)),
    )


def definition_location(function: Callable[..., Any], root: Path) -> str:
    """Where a step definition is written, as ``file:line``.

    Relative to ``root`` where it is inside it; else (an installed package's steps) as its
    module's path, ``session_steps/steps/navigation.py``, the same on every machine.
    """
    unwrapped = inspect.unwrap(function)
    code = unwrapped.__code__
    path = Path(code.co_filename)
    if path.is_relative_to(root):
        shown = path.relative_to(root).as_posix()
    else:
        module = unwrapped.__module__.replace(".", "/")
        shown = f"{module}/{path.name}" if path.stem == "__init__" else f"{module}.py"
    return f"{shown}:{code.co_firstlineno}"


def finished_now() -> str:
    """The time now in UTC, to the millisecond, as ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def step_run(step: Step, scenario: Scenario) -> StepRun:
    return StepRun(
        keyword=step.keyword.strip(),
        text=step.name,
        line=step.line_number,
        # A rendered scenario's steps forget their background; only the background comes first.
        background=step.line_number < scenario.line_number,
        notes=notes_above(scenario.feature.filename, step.line_number),
        datatable=[[str(cell) for cell in row] for row in step.datatable.raw()] if step.datatable else None,
        docstring=step.docstring,
    )


def scenario_run(item: pytest.Item, scenario: Scenario, order: int) -> ScenarioRun:
    """A run of ``scenario`` by the test ``item`` (``order``-th collected), every step still to run."""
    feature = scenario.feature
    rule = scenario.rule
    labels = matrix_labels(item)
    example = {name: str(value) for name, value in call_params(item).get(EXAMPLE_PARAM, {}).items()}
    return ScenarioRun(
        nodeid=item.nodeid,
        order=order,
        feature=FeatureInfo(
            name=feature.name or feature.rel_filename,
            file=feature.rel_filename,
            line=feature.line_number,
            description=feature.description,
            tags=sorted(feature.tags),
        ),
        rule=RuleInfo(rule.name, rule.description, sorted(rule.tags)) if rule else None,
        name=scenario.name,
        line=scenario.line_number,
        description=scenario.description,
        tags=sorted(scenario.tags),
        example=example,
        example_line=example_row_line(feature.filename, scenario.line_number, example) if example else None,
        labels=labels,
        steps=[step_run(step, scenario) for step in scenario.steps],
        identity=run_identity(item, labels),
    )


def planned_scenario(item: pytest.Item) -> Scenario | None:
    """The scenario an item would have run, for one that failed or skipped before its first step."""
    function = getattr(item, "obj", None)
    template = scenario_wrapper_template_registry.get(function) if callable(function) else None
    if template is None:
        return None
    return template.render(call_params(item).get(EXAMPLE_PARAM, {}))


class RunRecorder:
    """Fills in a ``ScenarioRun`` as its steps start and end."""

    def __init__(self, run: ScenarioRun, steps: list[Step]) -> None:
        self.run = run
        # pytest-bdd's steps, to find the definitions of those that never ran.
        self.steps = steps
        self._next = 0
        self._started = 0.0

    def locate_unrun(self, item: pytest.Item) -> None:
        """Name the step definition of each step that did not run, looked up as pytest-bdd would."""
        fixturemanager = item.session._fixturemanager
        for recorded, step in zip(self.run.steps, self.steps, strict=False):
            if recorded.location is None:
                found = next(iter(find_fixturedefs_for_step(step, fixturemanager, item)), None)
                # The fixture is pytest-bdd's wrapper; its context holds the function written.
                context = step_function_context_registry.get(found.func) if found is not None else None
                if context is not None:
                    recorded.location = definition_location(context.step_func, item.config.rootpath)

    @property
    def current(self) -> StepRun | None:
        index = self._next - 1
        return self.run.steps[index] if 0 <= index < len(self.run.steps) else None

    def start_step(self, location: str | None = None) -> None:
        """Open the next step, run by the step definition at ``location``."""
        self._next += 1
        step = self.current
        if step is not None:
            step.location = location
        self._started = time.perf_counter()

    def end_step(self, status: str, error: str | None = None) -> None:
        """Close the current step; its time excludes the observation that follows."""
        step = self.current
        if step is not None:
            step.duration = time.perf_counter() - self._started
            step.status = status
            step.error = error

    def observed(self, observation: Observation | None, error: str | None = None) -> None:
        """Note the state after the current step, or why it could not be read."""
        step = self.current
        if step is not None:
            step.observation = observation
            step.observation_error = error

    def conclude(self, outcome: str, duration: float, error: str | None) -> None:
        """Set the scenario's outcome from pytest's report of the test's call (or set-up).

        A retry is made only of an attempt that failed: one that passes makes the scenario flaky.
        """
        self.run.outcome = FLAKY if outcome == PASSED and self.run.identity.attempt > 1 else outcome
        self.run.duration = duration
        if outcome == SKIPPED:
            self.run.skip_reason = error.removeprefix("Skipped: ") if error else None
        step = self.current
        if step is not None and step.status == NOT_RUN:
            # The step was interrupted without a step error: a skip, or an outcome pytest-bdd
            # does not report (a missing step definition).
            self.end_step(SKIPPED if outcome == SKIPPED else FAILED, error)
        elif outcome == FAILED and self.run.failed_step is None:
            self.run.error = error

"""Recording one scenario run as pytest-bdd executes it, step by step."""

from __future__ import annotations

import time
from typing import Any

import pytest

from session_steps.bdd_compat import EXAMPLE_PARAM, Scenario, Step, scenario_wrapper_template_registry
from session_steps.matrix.cells import Cell
from session_steps.report.model import (
    FAILED,
    NOT_RUN,
    SKIPPED,
    FeatureInfo,
    Observation,
    RuleInfo,
    ScenarioRun,
    StepRun,
)
from session_steps.report.notes import notes_above


def call_params(item: pytest.Item) -> dict[str, Any]:
    callspec = getattr(item, "callspec", None)
    return dict(callspec.params) if callspec else {}


def matrix_labels(item: pytest.Item) -> dict[str, str]:
    """The parameters a test runs with besides an outline's example: engine, server, browser..."""
    labels: dict[str, str] = {}
    for name, value in call_params(item).items():
        if isinstance(value, Cell):
            labels.update(engine=value.engine.name, server=value.server)
        elif name == "site_cell":
            # An @engine: scenario whose engines this run does not cover.
            labels["engine"] = "not in this run"
        elif name != EXAMPLE_PARAM:
            labels[name] = str(value)
    return labels


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
        example={name: str(value) for name, value in call_params(item).get(EXAMPLE_PARAM, {}).items()},
        labels=matrix_labels(item),
        steps=[step_run(step, scenario) for step in scenario.steps],
    )


def planned_run(item: pytest.Item, order: int) -> ScenarioRun | None:
    """The run an item would have made, for a scenario that failed before its first step."""
    function = getattr(item, "obj", None)
    template = scenario_wrapper_template_registry.get(function) if callable(function) else None
    if template is None:
        return None
    example = call_params(item).get(EXAMPLE_PARAM, {})
    return scenario_run(item, template.render(example), order)


class RunRecorder:
    """Fills in a ``ScenarioRun`` as its steps start and end."""

    def __init__(self, run: ScenarioRun) -> None:
        self.run = run
        self._next = 0
        self._started = 0.0

    @property
    def current(self) -> StepRun | None:
        index = self._next - 1
        return self.run.steps[index] if 0 <= index < len(self.run.steps) else None

    def start_step(self) -> None:
        self._next += 1
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
        """Set the scenario's outcome from pytest's report of the test's call (or set-up)."""
        self.run.outcome = outcome
        self.run.duration = duration
        step = self.current
        if step is not None and step.status == NOT_RUN:
            # The step was interrupted without a step error: a skip, or an outcome pytest-bdd
            # does not report (a missing step definition).
            self.end_step(SKIPPED if outcome == SKIPPED else FAILED, error)
        elif outcome == FAILED and self.run.failed_step is None:
            self.run.error = error

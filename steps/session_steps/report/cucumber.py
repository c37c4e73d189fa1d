"""The runs as Cucumber's JSON (the legacy format CI tools read), built from the report's model.

pytest-bdd's ``--cucumberjson`` writes nothing from pytest-xdist workers; this one is
complete however the run was split.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from session_steps.report.model import FAILED, FLAKY, NOT_CHECKED, NOT_RUN, PASSED, SKIPPED, ScenarioRun, StepRun
from session_steps.report.summary import DISTINGUISHING, FeatureGroup

# Cucumber has no "not checked": a step that could not look did not run its check.
STATUSES = {PASSED: "passed", FAILED: "failed", SKIPPED: "skipped", NOT_RUN: "skipped", NOT_CHECKED: "skipped"}
NANOSECONDS = 1_000_000_000


def tags(names: list[str], line: int) -> list[dict[str, Any]]:
    return [{"name": f"@{name}", "line": max(line - 1, 1)} for name in names]


def step_element(step: StepRun, feature_file: str) -> dict[str, Any]:
    """One step: its result, its data table or doc string, and the definition that ran it."""
    result: dict[str, Any] = {"status": STATUSES[step.status], "duration": int(step.duration * NANOSECONDS)}
    if step.error:
        result["error_message"] = step.error
    elif step.status == FAILED:
        result["error_message"] = "failed without a message"  # the format requires one for a failure
    element: dict[str, Any] = {
        "keyword": f"{step.keyword} ",
        "name": step.text,
        "line": step.line,
        # A step no definition ran points at itself in the feature file, as Cucumber's own do.
        "match": {"location": step.location or f"{feature_file}:{step.line}"},
        "result": result,
    }
    if step.datatable is not None:
        element["rows"] = [{"cells": row} for row in step.datatable]
    if step.docstring is not None:
        # The doc string opens on the line after its step.
        element["doc_string"] = {"value": step.docstring, "line": step.line + 1, "content_type": ""}
    return element


def screenshot_step(run: ScenarioRun) -> StepRun | None:
    """The step a screenshot of the last page belongs to: the last that ran (a failed step is the last)."""
    ran = [step for step in run.steps if step.status in (PASSED, FAILED, NOT_CHECKED)]
    return ran[-1] if ran else None


def embeddings(run: ScenarioRun, folder: Path | None) -> list[dict[str, str]]:
    """The run's screenshot, as Cucumber embeds one: base64 PNG."""
    if folder is None or run.screenshot is None or not (folder / run.screenshot).is_file():
        return []
    data = base64.b64encode((folder / run.screenshot).read_bytes()).decode("ascii")
    return [{"data": data, "mime_type": "image/png"}]


def scenario_id(run: ScenarioRun) -> str:
    """The run's test id, with what tells it apart from runs of the same test merged beside it."""
    extra = [f";{name}={run.labels[name]}" for name in (*DISTINGUISHING, "attempt") if name in run.labels]
    return run.nodeid + "".join(extra)


def scenario_element(run: ScenarioRun, folder: Path | None = None) -> dict[str, Any]:
    """One scenario run; its screenshot, read from ``folder``, embedded in the step it belongs to."""
    steps = [step_element(step, run.feature.file) for step in run.steps]
    shot = screenshot_step(run)
    embedded = embeddings(run, folder) if shot is not None else []
    if shot is not None and embedded:
        steps[run.steps.index(shot)]["embeddings"] = embedded
    return {
        "keyword": "Scenario",
        "id": scenario_id(run),
        "name": run.name,
        "line": run.line,
        "description": run.description,
        # Cucumber's format has no flaky outcome: a tag says it, beside the passed steps of the retry.
        "tags": tags([*run.tags, *([FLAKY] if run.outcome == FLAKY else [])], run.line),
        "type": "scenario",
        "steps": steps,
    }


def cucumber_json(features: list[FeatureGroup], folder: Path | None = None) -> list[dict[str, Any]]:
    """One element per feature, its scenario runs as elements, in the order they were collected.

    The screenshots are read from the report's ``folder``; without one, none is embedded.
    """
    return [
        {
            "keyword": "Feature",
            "uri": feature.info.file,
            "name": feature.info.name,
            "id": feature.info.file.lower().replace(" ", "-"),
            "line": feature.info.line,
            "description": feature.info.description,
            "tags": tags(feature.info.tags, feature.info.line),
            "elements": [scenario_element(run, folder) for run in feature.runs],
        }
        for feature in features
    ]

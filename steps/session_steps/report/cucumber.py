"""The runs as Cucumber's JSON (the legacy format CI tools read), built from the report's model.

pytest-bdd's ``--cucumberjson`` writes nothing from pytest-xdist workers; this one is
complete however the run was split.
"""

from __future__ import annotations

from typing import Any

from session_steps.report.model import FAILED, NOT_CHECKED, NOT_RUN, PASSED, SKIPPED, ScenarioRun, StepRun
from session_steps.report.summary import FeatureGroup

# Cucumber has no "not checked": a step that could not look did not run its check.
STATUSES = {PASSED: "passed", FAILED: "failed", SKIPPED: "skipped", NOT_RUN: "skipped", NOT_CHECKED: "skipped"}
NANOSECONDS = 1_000_000_000


def tags(names: list[str], line: int) -> list[dict[str, Any]]:
    return [{"name": f"@{name}", "line": max(line - 1, 1)} for name in names]


def step_element(step: StepRun) -> dict[str, Any]:
    result: dict[str, Any] = {"status": STATUSES[step.status], "duration": int(step.duration * NANOSECONDS)}
    if step.error:
        result["error_message"] = step.error
    return {
        "keyword": f"{step.keyword} ",
        "name": step.text,
        "line": step.line,
        "match": {"location": ""},
        "result": result,
    }


def scenario_element(run: ScenarioRun) -> dict[str, Any]:
    return {
        "keyword": "Scenario",
        "id": run.nodeid,
        "name": run.name,
        "line": run.line,
        "description": run.description,
        "tags": tags(run.tags, run.line),
        "type": "scenario",
        "steps": [step_element(step) for step in run.steps],
    }


def cucumber_json(features: list[FeatureGroup]) -> list[dict[str, Any]]:
    """One element per feature, its scenario runs as elements, in the order they were collected."""
    return [
        {
            "keyword": "Feature",
            "uri": feature.info.file,
            "name": feature.info.name,
            "id": feature.info.file.lower().replace(" ", "-"),
            "line": feature.info.line,
            "description": feature.info.description,
            "tags": tags(feature.info.tags, feature.info.line),
            "elements": [scenario_element(run) for run in feature.runs],
        }
        for feature in features
    ]

"""The runs as Cucumber's legacy JSON, which CI tools read."""

from __future__ import annotations

from session_steps.report.cucumber import cucumber_json
from session_steps.report.model import FAILED, NOT_RUN, PASSED, FeatureInfo, ScenarioRun, StepRun
from session_steps.report.summary import group_features


def a_run(name: str, steps: list[StepRun], tags: list[str] | None = None) -> ScenarioRun:
    feature = FeatureInfo("Session cookie", "features/Session Cookie.feature", 2, "About the cookie.", ["cookie"])
    return ScenarioRun(f"test.py::{name}", 0, feature, None, name, 1, "Why.", tags or [], steps=steps)


def test_a_feature_holds_its_scenarios_and_their_steps_with_status_and_duration_in_nanoseconds() -> None:
    steps = [
        StepRun("Given", "a visitor", 4, status=PASSED, duration=0.25),
        StepRun("Then", "the page reads", 5, status=FAILED, duration=1.5, error="not blue"),
        StepRun("And", "the cookie is kept", 6),
    ]
    [feature] = cucumber_json(group_features([a_run("Blue", steps, ["slow"])]))
    assert {key: feature[key] for key in ("keyword", "uri", "name", "id", "line", "description", "tags")} == {
        "keyword": "Feature",
        "uri": "features/Session Cookie.feature",
        "name": "Session cookie",
        "id": "features/session-cookie.feature",
        "line": 2,
        "description": "About the cookie.",
        # A tag stands on the line above what it tags.
        "tags": [{"name": "@cookie", "line": 1}],
    }
    [scenario] = feature["elements"]
    assert (scenario["id"], scenario["type"], scenario["tags"]) == (
        "test.py::Blue",
        "scenario",
        [{"name": "@slow", "line": 1}],
    )
    assert scenario["steps"] == [
        {
            "keyword": "Given ",
            "name": "a visitor",
            "line": 4,
            "match": {"location": ""},
            "result": {"status": "passed", "duration": 250_000_000},
        },
        {
            "keyword": "Then ",
            "name": "the page reads",
            "line": 5,
            "match": {"location": ""},
            "result": {"status": "failed", "duration": 1_500_000_000, "error_message": "not blue"},
        },
        # A step that did not run is "skipped", the nearest status the format has.
        {
            "keyword": "And ",
            "name": "the cookie is kept",
            "line": 6,
            "match": {"location": ""},
            "result": {"status": "skipped", "duration": 0},
        },
    ]
    assert steps[2].status == NOT_RUN


def test_no_runs_are_no_features() -> None:
    assert cucumber_json([]) == []

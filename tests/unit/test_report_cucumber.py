"""The runs as Cucumber's legacy JSON, which CI tools read, checked against the format's published schema."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from session_steps.report.cucumber import cucumber_json
from session_steps.report.model import FAILED, NOT_RUN, PASSED, SKIPPED, FeatureInfo, RunIdentity, ScenarioRun, StepRun
from session_steps.report.summary import distinguished, group_features

# Cucumber's JSON schema, from cucumber/cucumber-json-schema (tests/data/cucumber-json-schema/SOURCE.md).
SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "cucumber-json-schema" / "schema.json").read_text())
# Its rules use draft-07's if/then, which a draft-04 validator would skip.
VALIDATOR = Draft7Validator(SCHEMA)
PNG = b"\x89PNG\r\n\x1a\n a picture of the last page"


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
            "match": {"location": "features/Session Cookie.feature:4"},
            "result": {"status": "passed", "duration": 250_000_000},
        },
        {
            "keyword": "Then ",
            "name": "the page reads",
            "line": 5,
            "match": {"location": "features/Session Cookie.feature:5"},
            "result": {"status": "failed", "duration": 1_500_000_000, "error_message": "not blue"},
        },
        # A step that did not run is "skipped", the nearest status the format has; no definition
        # ran it, so its location is its own line, as Cucumber gives an undefined step's.
        {
            "keyword": "And ",
            "name": "the cookie is kept",
            "line": 6,
            "match": {"location": "features/Session Cookie.feature:6"},
            "result": {"status": "skipped", "duration": 0},
        },
    ]
    assert steps[2].status == NOT_RUN


def test_no_runs_are_no_features() -> None:
    assert cucumber_json([]) == []


def a_full_run(folder: Path) -> ScenarioRun:
    """A failed run with a data table, a doc string, step locations and a screenshot in ``folder``."""
    (folder / "screenshots").mkdir()
    (folder / "screenshots" / "blue.png").write_bytes(PNG)
    steps = [
        StepRun(
            "Given", "these pages", 4, datatable=[["path"], ["/color/"]], status=PASSED, location="steps/nav.py:10"
        ),
        StepRun(
            "When", "the view runs", 7, docstring="request.session['color'] = 'blue'", status=PASSED, location="s.py:3"
        ),
        StepRun("Then", "the page reads", 9, status=FAILED, error="not blue", location="steps/page.py:21"),
        StepRun("And", "the cookie is kept", 10),
    ]
    run = a_run("Blue", steps, ["engine:db"])
    run.screenshot, run.outcome = "screenshots/blue.png", FAILED
    return run


def test_a_step_carries_its_data_table_doc_string_and_definition(tmp_path: Path) -> None:
    [feature] = cucumber_json(group_features([a_full_run(tmp_path)]), tmp_path)
    table, doc, failed, _ = feature["elements"][0]["steps"]
    assert table["rows"] == [{"cells": ["path"]}, {"cells": ["/color/"]}]
    assert "doc_string" not in table
    assert doc["doc_string"] == {"value": "request.session['color'] = 'blue'", "line": 8, "content_type": ""}
    assert "rows" not in doc
    assert [step["match"]["location"] for step in (table, doc, failed)] == [
        "steps/nav.py:10",
        "s.py:3",
        "steps/page.py:21",
    ]


def test_the_screenshot_is_embedded_in_the_failed_step(tmp_path: Path) -> None:
    [feature] = cucumber_json(group_features([a_full_run(tmp_path)]), tmp_path)
    steps = feature["elements"][0]["steps"]
    assert [step.get("embeddings") for step in steps] == [
        None,
        None,
        [{"data": base64.b64encode(PNG).decode(), "mime_type": "image/png"}],
        None,
    ]


def test_without_a_failure_the_screenshot_is_embedded_in_the_last_step_that_ran(tmp_path: Path) -> None:
    run = a_full_run(tmp_path)
    run.steps[2].status, run.steps[2].error, run.steps[3].status = PASSED, None, SKIPPED
    [feature] = cucumber_json(group_features([run]), tmp_path)
    assert ["embeddings" in step for step in feature["elements"][0]["steps"]] == [False, False, True, False]


def test_a_screenshot_missing_from_the_folder_is_not_embedded(tmp_path: Path) -> None:
    run = a_full_run(tmp_path)
    (tmp_path / "screenshots" / "blue.png").unlink()
    [feature] = cucumber_json(group_features([run]), tmp_path)
    assert not any("embeddings" in step for step in feature["elements"][0]["steps"])


def test_runs_of_one_test_on_two_django_versions_have_ids_of_their_own(tmp_path: Path) -> None:
    five = a_full_run(tmp_path)
    six = copy.deepcopy(five)
    five.identity, six.identity = RunIdentity(django="5.2.7"), RunIdentity(django="6.1.3")
    [feature] = cucumber_json(group_features(distinguished([five, six])), tmp_path)
    assert [element["id"] for element in feature["elements"]] == [
        "test.py::Blue;django=5.2.7",
        "test.py::Blue;django=6.1.3",
    ]


def schema_errors(document: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in VALIDATOR.iter_errors(document)]


def test_the_json_follows_every_rule_of_cucumber_s_schema(tmp_path: Path) -> None:
    document = cucumber_json(group_features([a_full_run(tmp_path)]), tmp_path)
    assert schema_errors(json.loads(json.dumps(document))) == []


def step_of(document: list[dict[str, Any]], index: int) -> dict[str, Any]:
    step: dict[str, Any] = document[0]["elements"][0]["steps"][index]
    return step


# Each rule of the schema, broken once: the check above would see it.
BROKEN = {
    "a feature without its uri": lambda d: d[0].pop("uri"),
    "a feature without its name": lambda d: d[0].pop("name"),
    "a tag not starting with @": lambda d: d[0]["elements"][0]["tags"][0].update(name="engine:db"),
    "a tag's line not an integer": lambda d: d[0]["elements"][0]["tags"][0].update(line="3"),
    "a scenario without its type": lambda d: d[0]["elements"][0].pop("type"),
    "a scenario without its line": lambda d: d[0]["elements"][0].pop("line"),
    "a scenario without its name": lambda d: d[0]["elements"][0].pop("name"),
    "a step without its keyword": lambda d: step_of(d, 0).pop("keyword"),
    "a step without its line": lambda d: step_of(d, 0).pop("line"),
    "a step without a status": lambda d: step_of(d, 0)["result"].pop("status"),
    "a status the format lacks": lambda d: step_of(d, 3)["result"].update(status="not run"),
    "a failed step without its message": lambda d: step_of(d, 2)["result"].pop("error_message"),
    "a duration that is no number": lambda d: step_of(d, 0)["result"].update(duration="1s"),
}


@pytest.mark.parametrize("breakage", BROKEN.values(), ids=BROKEN.keys())
def test_the_schema_check_sees_each_broken_rule(tmp_path: Path, breakage: Any) -> None:
    document = json.loads(json.dumps(cucumber_json(group_features([a_full_run(tmp_path)]), tmp_path)))
    breakage(document)
    assert schema_errors(document)


def test_a_step_that_failed_without_a_message_still_has_one_as_the_format_requires(tmp_path: Path) -> None:
    run = a_full_run(tmp_path)
    run.steps[2].error = None
    [feature] = cucumber_json(group_features([run]), tmp_path)
    assert step_of([feature], 2)["result"]["error_message"] == "failed without a message"
    assert schema_errors([feature]) == []

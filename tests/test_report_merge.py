"""Reports of separate runs merged from their journals alone: every page, the matrix, cucumber.json."""

from __future__ import annotations

import json
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

import django
import pytest
from jsonschema import Draft7Validator
from playwright.sync_api import Page, expect
from report_pages import WIDTH, assert_fits, base_url  # noqa: F401 (base_url: the fixture)
from spec_runner import LESSONS_EXAMPLE_FEATURE, TESTS, run_spec

from session_steps.report.journal import read_runs
from session_steps.report.matrix import build_matrix

# The same small spec, run twice on two engines: a scenario with a data table, and one
# of an engine the runs do not cover.
FEATURE = (
    LESSONS_EXAMPLE_FEATURE
    + """
  Scenario: Each page shows the one before it, as the lesson's last-page view promises for every request
    Given a new visitor
    When the visitor opens these pages in turn:
      | /pages/first/  |
      | /pages/second/ |
    Then the page reads "Last page: /pages/first/"

  @engine:signed_cookies
  Scenario: Only signed cookies are run here
    Given a new visitor
    When the visitor opens "/color/"
"""
)
SCHEMA = json.loads((TESTS / "data" / "cucumber-json-schema" / "schema.json").read_text())


def run_small_spec(pytester: pytest.Pytester, folder: str, *args: str, passed: int = 4, skipped: int = 1) -> Path:
    """Run the small spec on two engines, writing its report (and journal) into ``folder``."""
    result = pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        # In collection order, as the project runs (pytest-randomly is installed).
        "-p",
        "no:randomly",
        "--session-engine=db",
        "--session-engine=file",
        f"--session-report={folder}",
        *args,
        timeout=180,
    )
    result.assert_outcomes(passed=passed, skipped=skipped)
    return pytester.path / folder


def as_if_on_django(folder: Path, version: str, python: str) -> None:
    """Rewrite a journal's identities as a run on another Django would have written them."""
    for journal in (folder / "runs").glob("*.jsonl"):
        runs = [json.loads(line) for line in journal.read_text().splitlines()]
        for run in runs:
            run["identity"].update(django=version, python=python)
        journal.write_text("".join(json.dumps(run) + "\n" for run in runs))


def merge(out: Path, *journals: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "session_steps.report", "merge", str(out), *map(str, journals)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def two_runs(pytester: pytest.Pytester) -> tuple[Path, Path]:
    """The small spec's reports of two runs, one after the other, on this machine's Django."""
    pytester.makefile(".feature", colour=FEATURE)
    pytester.makepyfile(test_colour='from pytest_bdd import scenarios\n\nscenarios("colour.feature")\n')
    return run_small_spec(pytester, "first"), run_small_spec(pytester, "second")


def matrix_cells(page: Page) -> list[list[str]]:
    """The matrix's body rows of scenarios: each cell's outcome as a screen reader says it."""
    rows = page.get_by_role("table", name="Scenarios by cell").locator("tbody tr:not(.feature)")
    return [
        [" ".join(text.split()) for text in row.locator("td .visually-hidden").all_text_contents()]
        for row in rows.all()
    ]


def test_runs_on_two_django_versions_merge_side_by_side_from_their_journals_alone(
    page: Page, two_runs: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = two_runs
    as_if_on_django(second, "6.1.3", "3.13.0")
    out = tmp_path / "merged"
    result = merge(out, first, second)
    assert result.returncode == 0, result.stderr
    assert "10 runs from 2 folders" in result.stdout
    # The merged report stands alone: the runs' folders may go (another machine's, downloaded).
    shutil.rmtree(first)
    shutil.rmtree(second)

    report = json.loads((out / "cucumber.json").read_text())
    assert list(Draft7Validator(SCHEMA).iter_errors(report)) == []
    scenarios = [element for feature in report for element in feature["elements"]]
    assert len(scenarios) == 10
    assert len({element["id"] for element in scenarios}) == 10
    for element in scenarios:
        ran = element["steps"][0]["result"]["status"] == "passed"
        assert any(step.get("embeddings") for step in element["steps"]) == ran, element["id"]
        # Steps that never ran (a skipped scenario's) are located all the same.
        locations = [step["match"]["location"] for step in element["steps"]]
        # The plugin's steps are outside the project: named by module, as on any machine.
        assert all(location.startswith("session_steps/steps/") for location in locations), locations
    tables = [step["rows"] for element in scenarios for step in element["steps"] if "rows" in step]
    assert tables == [[{"cells": ["/pages/first/"]}, {"cells": ["/pages/second/"]}]] * 4

    page.set_viewport_size({"width": WIDTH, "height": 900})
    page.goto((out / "matrix.html").as_uri())
    headers = page.get_by_role("table", name="Scenarios by cell").locator("thead tr")
    # Engine, then Django (with its Python), then server: every cell of both runs.
    engines = headers.nth(0).locator("th:not(.dimension)")
    expect(engines).to_have_count(2)
    assert sorted(engines.all_inner_texts()) == ["db", "file"]
    here = f"{django.get_version()}Python {platform.python_version()}"
    expect(headers.nth(1).locator("th:not(.dimension)")).to_have_text([here, "6.1.3Python 3.13.0"] * 2)
    expect(headers.nth(2).locator("th:not(.dimension)")).to_have_text(["wsgi"] * 4)
    assert sorted(matrix_cells(page)) == [["not for this engine"] * 4, ["passed"] * 4, ["passed"] * 4]
    elsewhere = page.get_by_role("rowheader", name=re.compile("^Only signed cookies are run here"))
    expect(elsewhere).to_contain_text("@engine:signed_cookies")
    expect(elsewhere).to_contain_text("--session-engine=signed_cookies")
    page.screenshot(path=tmp_path / "matrix.png", full_page=True)
    assert_fits(page)
    page.goto((out / "index.html").as_uri())
    assert_fits(page)
    page.get_by_role("link", name="Favourite colour").click()
    expect(page.get_by_role("img", name="The top of the last page: Favorite color is blue").first).to_be_visible()
    assert page.get_by_role("img").first.evaluate("image => image.complete && image.naturalWidth > 0")
    expect(page.get_by_text("engine: db, server: wsgi, django: 6.1.3").first).to_be_visible()
    expect(page.locator(".colophon")).to_contain_text("from 2 runs of the spec")
    expect(page.locator(".colophon")).to_contain_text("6.1.3")


def test_a_rerun_of_the_same_identity_replaces_the_earlier_run(two_runs: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = two_runs
    result = merge(tmp_path / "merged", first, second)
    assert result.returncode == 0, result.stderr
    assert "5 runs from 2 folders" in result.stdout
    kept = [json.loads(line) for line in (tmp_path / "merged" / "runs" / "merged.jsonl").read_text().splitlines()]
    second_session = {
        json.loads(line)["test_session"] for line in (second / "runs" / "main.jsonl").read_text().splitlines()
    }
    assert {run["test_session"] for run in kept} == second_session


def test_a_folder_without_a_journal_is_refused_in_one_line(tmp_path: Path) -> None:
    result = merge(tmp_path / "out", tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"django-session-spec: {tmp_path} holds no journal (runs/*.jsonl): is it a --session-report folder?"
    )


def test_the_cells_of_each_database_are_runs_and_columns_of_their_own(tmp_path: Path) -> None:
    # One test name on two databases: two identities, two columns, neither hiding the other.
    run_spec(
        tmp_path,
        f"--session-report={tmp_path / 'report'}",
        "--session-engine=db",
        "--database=all",
        "-k",
        "lessons_example",
    )
    runs = read_runs(tmp_path / "report")
    assert sorted((run.identity.database, run.labels.get("database")) for run in runs) == [
        ("postgresql", "postgresql"),
        ("sqlite", None),
    ]
    matrix = build_matrix(runs)
    assert len(matrix.column_titles) == 2
    assert any("postgresql" in title for title in matrix.column_titles)


def scenario_results(folder: Path) -> list[tuple[object, ...]]:
    """Each run of a merged report, in its reading order: what it ran on and everything it found.

    Times, the test session and the files' names are left out: they differ from run to run.
    """
    return [
        (
            run.nodeid,
            run.identity.cell,
            run.identity.attempt,
            run.outcome,
            run.skip_reason,
            run.error,
            [(step.keyword, step.text, step.datatable, step.status, step.error) for step in run.steps],
            run.screenshot is not None,
        )
        for run in read_runs(folder)
    ]


def cucumber_results(folder: Path) -> list[tuple[object, ...]]:
    """Each scenario of a report's cucumber.json, in its order: its id, tags, and each step's outcome."""
    return [
        (
            feature["uri"],
            element["id"],
            [tag["name"] for tag in element.get("tags", [])],
            [
                (step["keyword"], step["name"], step["result"]["status"], bool(step.get("embeddings")))
                for step in element["steps"]
            ],
        )
        for feature in json.loads((folder / "cucumber.json").read_text())
        for element in feature["elements"]
    ]


def test_two_shards_merged_report_what_one_run_of_the_same_tests_reports(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    pytester.makefile(".feature", colour=FEATURE)
    pytester.makepyfile(test_colour='from pytest_bdd import scenarios\n\nscenarios("colour.feature")\n')
    serial = run_small_spec(pytester, "serial")
    # Each shard one of the two cells; the first also the scenario of an engine the run lacks.
    shards = [
        run_small_spec(pytester, "shard-1", "--shard=1/2", passed=2, skipped=1),
        run_small_spec(pytester, "shard-2", "--shard=2/2", passed=2, skipped=0),
    ]
    assert merge(tmp_path / "one-run", serial).returncode == 0
    result = merge(tmp_path / "shards", *shards)
    assert result.returncode == 0, result.stderr
    assert "5 runs from 2 folders" in result.stdout

    expected = scenario_results(tmp_path / "one-run")
    assert len(expected) == 5
    assert scenario_results(tmp_path / "shards") == expected
    assert cucumber_results(tmp_path / "shards") == cucumber_results(tmp_path / "one-run")
    # Either shard alone falls short of the run: the comparison sees a journal left out.
    assert merge(tmp_path / "one-shard", shards[0]).returncode == 0
    assert scenario_results(tmp_path / "one-shard") != expected

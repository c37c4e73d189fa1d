"""The mutation runs' stop at the first verdict that differs (scripts/first_difference.py), in runs of its own."""

from __future__ import annotations

import json

import pytest
from spec_runner import PROJECT

from session_steps.pytest_plugin.not_checked import NOT_CHECKED_STEP

# Tests that pass, and a plugin that, like the step library's, says after the report is made
# which passes had a step that could not look: registered after the stop, it runs after it.
TESTS = """
def test_a(): pass
def test_b(): pass
def test_c(): pass
"""
SAYS_NOT_CHECKED = f"""
import pytest

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item):
    report = yield
    if report.when == "call" and item.name in ("test_a", "test_b"):
        report.user_properties.append(({NOT_CHECKED_STEP!r}, ["Then a step", "no store"]))
    return report
"""


def run_expecting(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, expected: dict[str, str]) -> str:
    pytester.makepyfile(test_some=TESTS, says_not_checked=SAYS_NOT_CHECKED)
    listed = pytester.path / "expected.json"
    listed.write_text(json.dumps(expected))
    monkeypatch.setenv("SESSION_SPEC_EXPECTED_VERDICTS", str(listed))
    monkeypatch.setenv("PYTHONPATH", f"{PROJECT / 'scripts'}:{pytester.path}")
    result = pytester.runpytest_subprocess(
        "-p", "first_difference", "-p", "says_not_checked", "-p", "no:randomly", "-v", "test_some.py"
    )
    return result.stdout.str()


def test_a_pass_that_could_not_look_is_the_verdict_expected_of_it_and_the_run_goes_on(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read before the step library had said so, the first such pass would stop the run,
    # leave the others unreported, and call the mutant killed.
    expected = {"test_a": "passed, not checked", "test_b": "passed, not checked", "test_c": "passed"}
    output = run_expecting(pytester, monkeypatch, expected)
    assert "3 passed" in output, output
    assert "Interrupted" not in output, output


def test_the_run_stops_at_the_first_verdict_that_differs(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = {"test_a": "passed, not checked", "test_b": "passed", "test_c": "passed"}
    output = run_expecting(pytester, monkeypatch, expected)
    assert "test_b: passed, not checked, where passed was expected" in output, output
    assert "2 passed" in output, output

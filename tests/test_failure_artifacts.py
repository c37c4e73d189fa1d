"""Failure artifacts: a failed scenario keeps its traces and screenshots, a passed one nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

FEATURE = """\
Feature: Favourite colour
  Scenario: Two visitors
    Given Alice has opened "/color/"
    When Bob opens "/color/default-red/"
    Then Bob's page reads "Favorite color is {text}"
"""


def test_only_the_failed_scenario_keeps_artifacts(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", passes=FEATURE.format(text="red"), fails=FEATURE.format(text="green"))
    pytester.makepyfile(
        test_passes='from pytest_bdd import scenarios\nscenarios("passes.feature")\n',
        test_fails='from pytest_bdd import scenarios\nscenarios("fails.feature")\n',
    )
    output = pytester.path / "artifacts"
    result = pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "--tracing=retain-on-failure",
        "--screenshot=only-on-failure",
        f"--output={output}",
        "--expect-timeout=500",
        timeout=120,
    )
    result.assert_outcomes(passed=1, failed=1)
    kept = sorted(str(path.relative_to(output)) for path in output.rglob("*") if path.is_file())
    folder = "test-fails-py-test-two-visitors-db-wsgi"
    # One trace per visitor's context; a screenshot of each one's page.
    assert kept == [
        f"{folder}/{name}" for name in ("test-failed-1.png", "test-failed-2.png", "trace-1.zip", "trace-2.zip")
    ]


def test_tracing_on_keeps_the_trace_of_a_passed_scenario(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", passes=FEATURE.format(text="red"))
    pytester.makepyfile(test_passes='from pytest_bdd import scenarios\nscenarios("passes.feature")\n')
    output = pytester.path / "artifacts"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--tracing=on", f"--output={output}", timeout=120)
    result.assert_outcomes(passed=1)
    assert sorted(path.name for path in Path(output).rglob("*.zip")) == ["trace-1.zip", "trace-2.zip"]

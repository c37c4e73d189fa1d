"""A pytest plugin for the mutation runs: stop at the first test whose verdict differs from the expected one.

A mutant is killed by one test that changes its verdict; the tests after it cannot undo
that. ``-x`` stops at the first failure, which only helps where every test should pass:
on a near-miss site the right verdict is a failure. This stops at the first verdict
that differs either way: a failure where a pass was expected, a pass where a failure
was, a skip, or a pass that could not look where one that looked was expected.

Loaded with ``-p first_difference``; the expected verdicts are a JSON object (test name:
"passed", "passed, not checked", "failed" or "skipped") in the file
``SESSION_SPEC_EXPECTED_VERDICTS`` names. A test it does not list never stops the run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from not_checked_list import NOT_CHECKED_STEP

EXPECTED = pytest.StashKey[dict[str, str]]()
# A test's verdict so far: a later phase can only make it worse.
VERDICT_SO_FAR = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    listed = os.environ.get("SESSION_SPEC_EXPECTED_VERDICTS")
    config.stash[EXPECTED] = json.loads(Path(listed).read_text()) if listed else {}


def phase_verdict(report: pytest.TestReport) -> str | None:
    """What one phase says of the test's verdict; None where it says nothing new."""
    if report.failed:
        return "failed"
    if report.skipped:
        return "skipped"
    if report.when == "call":
        looked = not any(name == NOT_CHECKED_STEP for name, _ in report.user_properties)
        return "passed" if looked else "passed, not checked"
    return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    report: pytest.TestReport = yield
    found = phase_verdict(report)
    # A failure or skip in any phase is the verdict; a pass only counts from the call.
    if found is not None and item.stash.get(VERDICT_SO_FAR, None) not in ("failed", "skipped"):
        item.stash[VERDICT_SO_FAR] = found
    if report.when == "teardown":
        expected = item.config.stash[EXPECTED].get(item.name)
        verdict = item.stash.get(VERDICT_SO_FAR, "passed")
        if expected is not None and verdict != expected:
            item.session.shouldstop = f"{item.name}: {verdict}, where {expected} was expected"
    return report

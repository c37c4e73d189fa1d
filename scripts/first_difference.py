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

# The run's session, its expected verdicts, and each test's verdict so far by node id (a
# later phase can only make it worse): set when the run starts; a pytest process runs one.
RUN: list[pytest.Session] = []
EXPECTED: dict[str, str] = {}
VERDICTS_SO_FAR: dict[str, str] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    listed = os.environ.get("SESSION_SPEC_EXPECTED_VERDICTS")
    EXPECTED.clear()
    EXPECTED.update(json.loads(Path(listed).read_text()) if listed else {})
    VERDICTS_SO_FAR.clear()
    RUN[:] = [session]


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


# The report as it is logged, once every plugin's makereport has added to it: the step
# library's plugin says that a step could not look after the report is made, so a verdict
# read while it is made would call every pass that could not look one that looked.
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    found = phase_verdict(report)
    # A failure or skip in any phase is the verdict; a pass only counts from the call.
    if found is not None and VERDICTS_SO_FAR.get(report.nodeid) not in ("failed", "skipped"):
        VERDICTS_SO_FAR[report.nodeid] = found
    if report.when == "teardown":
        name = report.nodeid.split("::")[-1]
        expected = EXPECTED.get(name)
        verdict = VERDICTS_SO_FAR.get(report.nodeid, "passed")
        if expected is not None and verdict != expected:
            RUN[0].shouldstop = f"{name}: {verdict}, where {expected} was expected"

"""Steps that could not look (an unreadable store): recorded per test, and listed in the terminal summary.

A scenario with such steps passes on what its other steps checked; one whose every
``Then`` could not look passes too, and is listed apart as having checked nothing.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest

from session_steps.bdd_compat import Step
from session_steps.pytest_plugin.retries import FLAKY_CATEGORY
from session_steps.server.unread_store import not_checked

# The user properties a test's report carries them in (they travel from pytest-xdist workers).
NOT_CHECKED_STEP = "session-spec not checked"
CHECKED_NOTHING = "session-spec checked nothing"


def pytest_bdd_before_step(request: pytest.FixtureRequest) -> None:
    not_checked(request.node).current = None


def pytest_bdd_after_step(request: pytest.FixtureRequest, step: Step) -> None:
    record = not_checked(request.node)
    if record.current is not None:
        record.steps.append((f"{step.keyword.strip()} {step.name}", record.current))
    elif step.type == "then":
        record.checked += 1


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    record = not_checked(item)
    if report.when == "call" and record.steps:
        report.user_properties.extend((NOT_CHECKED_STEP, list(step)) for step in record.steps)
        if report.passed and not record.checked:
            report.user_properties.append((CHECKED_NOTHING, True))
    return report


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def not_checked_steps(report: pytest.TestReport) -> list[tuple[str, str]]:
    """The steps of a test that could not look, each with the reason."""
    steps = [value for name, value in report.user_properties if name == NOT_CHECKED_STEP]
    return [(str(step[0]), str(step[1])) for step in steps if isinstance(step, (list, tuple))]


def not_checked_lines(reports: list[pytest.TestReport], verbose: bool = False) -> list[str]:
    """The summary: how many steps each reason left unchecked (each one, if ``verbose``), and the
    scenarios that checked nothing."""
    by_reason: dict[str, list[str]] = {}
    for report in reports:
        for step, reason in not_checked_steps(report):
            by_reason.setdefault(reason, []).append(f"  {report.nodeid}: {step}")
    lines = []
    for reason, steps in by_reason.items():
        lines.append(f"{plural(len(steps), 'step')} not checked: {reason}")
        lines.extend(steps if verbose else [])
    nothing = sum(any(name == CHECKED_NOTHING for name, _ in report.user_properties) for report in reports)
    if nothing:
        lines.append(f"{plural(nothing, 'scenario')} passed without checking anything: every Then step was not checked")
    return lines


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    outcomes = ("passed", FLAKY_CATEGORY, "failed")
    reports = [report for outcome in outcomes for report in terminalreporter.stats.get(outcome, [])]
    calls = [report for report in reports if isinstance(report, pytest.TestReport) and report.when == "call"]
    lines = not_checked_lines(calls, verbose=terminalreporter.verbosity > 0)
    if lines:
        terminalreporter.write_sep("-", "django-session-spec: not checked")
        for line in lines:
            terminalreporter.write_line(line, yellow=True)

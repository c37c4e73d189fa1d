"""The report's pytest plugin: it observes scenarios where they run and renders where the run ends.

Registered only with ``--session-report DIR``; without it the spec pays nothing.
"""

from __future__ import annotations

import hashlib
import shutil
import time
import uuid
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

from session_steps.bdd_compat import Scenario, Step
from session_steps.browser.failure_artifacts import stop_loading
from session_steps.report.artifacts import SCREENSHOTS, TRACES, artifact_name, keep_trace, take_screenshot
from session_steps.report.journal import RUNS, append_run, read_runs
from session_steps.report.model import FAILED, NOT_CHECKED, PASSED, ScenarioRun
from session_steps.report.observe import Observer
from session_steps.report.recorder import (
    RunRecorder,
    definition_location,
    finished_now,
    planned_scenario,
    scenario_run,
)
from session_steps.report.render import PAGES, write_report
from session_steps.server.unread_store import not_checked

REPORT_PLUGIN = "session-report"
THEN = "then"
RECORDER = pytest.StashKey[RunRecorder]()
# How many user properties the test had before this attempt: a retry's item still holds the first attempt's.
PROPERTIES_BEFORE = pytest.StashKey[int]()
OBSERVER = pytest.StashKey[Observer]()
# A fixture that failed in an earlier step raises pytest's outcome exceptions again when
# asked for; observing must never turn into the scenario's error.
OBSERVATION_ERRORS = (Exception, pytest.fail.Exception, pytest.skip.Exception)
# pytest-playwright names the trace it keeps for a failed test with this user property.
PLAYWRIGHT_TRACE = "playwright_trace"
# The controller's name for its test session, given to its pytest-xdist workers.
TEST_SESSION = "session_report_test_session"


def pytest_configure(config: pytest.Config) -> None:
    folder = config.getoption("session_report")
    if folder:
        path = Path(config.invocation_params.dir, folder)
        config.pluginmanager.register(SessionReport(path, config), REPORT_PLUGIN)


def error_message(exception: BaseException) -> str:
    """An exception as the report shows it: an assertion's message, else its type and message."""
    text = str(exception).strip()
    if isinstance(exception, AssertionError) and text:
        return text
    return f"{type(exception).__name__}: {text}" if text else type(exception).__name__


def report_message(report: pytest.TestReport) -> str | None:
    """Why a test did not pass, from pytest's report of one phase."""
    if report.passed:
        return None
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2])
    return report.longreprtext


class SessionReport:
    """Observes each scenario (in every pytest-xdist worker) and writes the report (in the controller)."""

    def __init__(self, folder: Path, config: pytest.Config) -> None:
        self.folder = folder
        worker = getattr(config, "workerinput", None)
        self.process = str(worker["workerid"]) if worker else "main"
        self.is_controller = worker is None
        self.test_session = str(worker[TEST_SESSION]) if worker else uuid.uuid4().hex
        self.order: dict[str, int] = {}
        self.collection = ""
        if self.is_controller:
            # Only what this report writes: the folder may hold other files of the user's.
            for name in (RUNS, SCREENSHOTS, TRACES, PAGES):
                shutil.rmtree(folder / name, ignore_errors=True)

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """Give a pytest-xdist worker the session's name: its runs' orders are positions in one collection."""
        node.workerinput[TEST_SESSION] = self.test_session

    @pytest.hookimpl(wrapper=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> Generator[None, None, None]:
        # Positions in the collection before any test is chosen (-k, -m, --shard) or moved: each
        # worker, and each shard of one run, collects the same tests in the same order.
        collected = [item.nodeid for item in items]
        yield
        self.order = {nodeid: index for index, nodeid in enumerate(collected)}
        self.collection = hashlib.sha256("\n".join(collected).encode()).hexdigest()[:16]

    def pytest_bdd_before_scenario(self, request: pytest.FixtureRequest, scenario: Scenario) -> None:
        order = self.order.get(request.node.nodeid, len(self.order))
        request.node.stash[RECORDER] = RunRecorder(scenario_run(request.node, scenario, order), scenario.steps)
        request.node.stash[OBSERVER] = Observer()

    def pytest_bdd_before_step(self, request: pytest.FixtureRequest, step_func: Callable[..., Any]) -> None:
        recorder = request.node.stash[RECORDER]
        recorder.start_step(definition_location(step_func, request.config.rootpath))
        if recorder.current is not None:
            # Which module's step it is tells the table which row a check verifies.
            recorder.current.defined_in = getattr(step_func, "__module__", None)

    def pytest_bdd_after_step(self, request: pytest.FixtureRequest, step: Step) -> None:
        why_not = not_checked(request.node).current
        self.end_step(request, step, PASSED if why_not is None else NOT_CHECKED, why_not)

    def pytest_bdd_step_error(self, request: pytest.FixtureRequest, step: Step, exception: Exception) -> None:
        self.end_step(request, step, FAILED, error_message(exception))

    def end_step(self, request: pytest.FixtureRequest, step: Step, status: str, error: str | None = None) -> None:
        recorder = request.node.stash[RECORDER]
        recorder.end_step(status, error)
        try:
            # A Then step only reads: what it found is what the step before it left.
            only_looked = step.type == THEN
            recorder.observed(request.node.stash[OBSERVER].observe(request, only_looked))
        except OBSERVATION_ERRORS as exception:
            recorder.observed(None, error_message(exception))

    def pytest_bdd_after_scenario(self, request: pytest.FixtureRequest) -> None:
        """Photograph the page the scenario ended on, while its browser is still open."""
        run = request.node.stash[RECORDER].run
        try:
            visitor = request.node.stash[OBSERVER].acting_visitor(request)
            if visitor is None or not visitor.visits:
                return  # a blank page is not worth a picture
            browser = visitor.page.context.browser
            run.browser = f"{browser.browser_type.name} {browser.version}" if browser else None
            if run.failed_step is not None:
                stop_loading(visitor.page)  # a page that timed out would never be photographed
            started = time.perf_counter()
            run.screenshot = take_screenshot(visitor.page, self.folder, artifact_name(run))
            run.screenshot_seconds = time.perf_counter() - started
        except (*OBSERVATION_ERRORS, PlaywrightError, OSError) as exception:
            run.screenshot_error = error_message(exception)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if report.when == "setup":
            item.stash[PROPERTIES_BEFORE] = len(item.user_properties)
            # The scenario records itself in its call: a recorder here is a retried attempt's, journaled.
            if RECORDER in item.stash:
                del item.stash[RECORDER]
        recorder = item.stash.get(RECORDER, None)
        if recorder is None and report.when == "setup" and not report.passed:
            scenario = planned_scenario(item)
            if scenario is not None:
                run = scenario_run(item, scenario, self.order.get(item.nodeid, len(self.order)))
                recorder = item.stash[RECORDER] = RunRecorder(run, scenario.steps)
        if recorder is None:
            return report
        if report.when == "call" or (report.when == "setup" and not report.passed):
            recorder.conclude(report.outcome, report.duration, report_message(report))
        if report.when == "teardown":
            recorder.locate_unrun(item)
            self.finish(item, recorder.run, report)
        return report

    def finish(self, item: pytest.Item, run: ScenarioRun, teardown: pytest.TestReport) -> None:
        """Keep the failed scenario's trace (saved by now, in teardown) and journal the run."""
        this_attempt = teardown.user_properties[item.stash.get(PROPERTIES_BEFORE, 0) :]
        traces = [str(value) for name, value in this_attempt if name == PLAYWRIGHT_TRACE]
        if traces:
            run.trace = keep_trace(Path(item.config.invocation_params.dir, traces[0]), self.folder, artifact_name(run))
        run.test_session, run.collection, run.finished = self.test_session, self.collection, finished_now()
        append_run(self.folder, self.process, run)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.is_controller:
            write_report(self.folder, read_runs(self.folder))

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.is_controller:
            terminalreporter.write_sep("-", f"session report: {self.folder / 'index.html'}")

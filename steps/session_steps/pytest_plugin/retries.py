"""A failed scenario tried once more (pytest-rerunfailures), and one that then passed told as flaky, loudly.

A scenario's first attempt runs untraced (tracing every scenario costs about a seventh more);
its retry records the trace (browser/failure_artifacts.py). A scenario that failed and
then passed is not a pass: the terminal summary names it, the report shows it flaky, and
the run fails with pytest-rerunfailures' status for it, unless ``--accept-flaky``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from session_steps.bdd_compat import scenario_wrapper_template_registry

RETRIES_PLUGIN = "session-spec-retries"
# The retries a failed scenario gets where the run sets none of its own.
SCENARIO_RETRIES = 1
# pytest-rerunfailures' exit status for a run with a flaky test (its --fail-on-flaky).
FLAKY_EXIT_STATUS = 7
# A pytest-rerunfailures report of an attempt that failed and is tried again.
RERUN = "rerun"
# The terminal's word and count for a test that passed on a retry.
FLAKY_CATEGORY = "flaky"
# What pytest_report_teststatus answers: the category, the letter, the word and its colour.
TestStatus = tuple[str, str, tuple[str, dict[str, bool]]]
PLAYWRIGHT_TRACE = "playwright_trace"


def reruns_set_by_run(config: pytest.Config) -> bool:
    """Whether the run says itself how often to retry (``--reruns``, ``--force-reruns`` or the ini's ``reruns``)."""
    if config.getoption("reruns", None) is not None or config.getoption("force_reruns", None) is not None:
        return True
    return bool(config.getini("reruns"))


def is_scenario(item: pytest.Item) -> bool:
    """Whether ``item`` is a pytest-bdd scenario (the retry is theirs; a project's other tests keep their own)."""
    function = getattr(item, "function", None)
    return function is not None and scenario_wrapper_template_registry.get(function) is not None


def failure_line(report: pytest.TestReport) -> str:
    """The first line of a failure's message (``AssertionError: Locator expected ...``), else of its report."""
    crash = getattr(report.longrepr, "reprcrash", None)
    text = str(getattr(crash, "message", None) or report.longreprtext)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "no message"


@dataclass
class Flaky:
    """A test that failed and then passed on its retry: how it failed first, and the retry's trace."""

    first_failure: str
    trace: str | None = None


def kept_traces(report: pytest.TestReport) -> list[str]:
    """The traces a test's tear-down kept, as pytest-playwright lists them, its retry's last."""
    return [str(value) for name, value in report.user_properties if name == PLAYWRIGHT_TRACE]


class Retries:
    """Marks each scenario for one retry, and notes the tests that failed and then passed (in every process)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.retried: dict[str, str] = {}
        self.flaky: dict[str, Flaky] = {}
        # The tests that failed for good, with the traces they kept.
        self.failed: dict[str, list[str]] = {}

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        if reruns_set_by_run(self.config):
            return  # the run's own --reruns applies to every test, as pytest-rerunfailures does
        for item in items:
            if is_scenario(item) and item.get_closest_marker("flaky") is None:
                item.add_marker(pytest.mark.flaky(reruns=SCENARIO_RETRIES))

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_teststatus(self, report: pytest.TestReport) -> TestStatus | None:
        """A retry that passed is counted and shown as flaky (``1 flaky, 1 rerun``), never as passed."""
        if report.when == "call" and report.passed and getattr(report, "rerun", 0) > 0:
            return FLAKY_CATEGORY, "K", ("FLAKY", {"red": True})
        return None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.outcome == RERUN:
            self.retried.setdefault(report.nodeid, failure_line(report))
        elif report.nodeid in self.retried and report.when == "call" and report.passed:
            self.flaky[report.nodeid] = Flaky(self.retried[report.nodeid])
        elif report.nodeid in self.flaky and report.when == "teardown":
            traces = kept_traces(report)
            self.flaky[report.nodeid].trace = traces[-1] if traces else None
        elif report.failed and report.when in ("setup", "call"):
            self.failed[report.nodeid] = []
        elif report.nodeid in self.failed and report.when == "teardown":
            self.failed[report.nodeid] = kept_traces(report)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if hasattr(self.config, "workerinput"):
            return
        self.write_failed_traces(terminalreporter)
        self.write_flaky(terminalreporter)

    def write_failed_traces(self, terminalreporter: pytest.TerminalReporter) -> None:
        """Where each failed test's traces are, to open with ``playwright show-trace``."""
        traced = {nodeid: traces for nodeid, traces in self.failed.items() if traces}
        if not traced:
            return
        terminalreporter.write_sep("-", "django-session-spec: the traces of the failed scenarios")
        for nodeid, traces in traced.items():
            terminalreporter.write_line(f"{nodeid}:")
            for trace in traces:
                terminalreporter.write_line(f"  {trace}")

    def write_flaky(self, terminalreporter: pytest.TerminalReporter) -> None:
        """A section of its own, in red, naming each flaky test; never folded into the passes."""
        if not self.flaky:
            return
        terminalreporter.write_sep("=", f"{len(self.flaky)} flaky", red=True, bold=True)
        for nodeid, flaky in self.flaky.items():
            terminalreporter.write_line(
                f"FLAKY: {nodeid} failed then passed on retry; first it failed: {flaky.first_failure}", red=True
            )
            if flaky.trace:
                terminalreporter.write_line(f"  the retry's trace: {flaky.trace}")
        if self.config.getoption("accept_flaky"):
            terminalreporter.write_line("django-session-spec: the run passes all the same (--accept-flaky)")
        else:
            terminalreporter.write_line(
                f"django-session-spec: a flaky scenario fails the run (exit status {FLAKY_EXIT_STATUS}); "
                "find its cause, or pass --accept-flaky to let such a run pass",
                red=True,
            )

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.flaky and session.exitstatus == pytest.ExitCode.OK and not self.config.getoption("accept_flaky"):
            session.exitstatus = FLAKY_EXIT_STATUS


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("rerunfailures"):
        config.pluginmanager.register(Retries(config), RETRIES_PLUGIN)

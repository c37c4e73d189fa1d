"""Faults told in one line: the run's checks before any test, and failures a page or a timeout caused."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from session_steps.bdd_compat import GherkinParseError, Step
from session_steps.browser.debug_page import debug_page_summary
from session_steps.browser.timeouts import timeout_message
from session_steps.pytest_plugin import options, preflight

# The step of a scenario that raised, as "When the visitor opens ...".
FAILED_STEP = pytest.StashKey[str]()
# Where the step that failed is written: its feature file and line.
FAILED_STEP_WHERE = pytest.StashKey[str]()
# What the Django debug page the failed step left the visitor on says, in one line.
DEBUG_PAGE = pytest.StashKey[str]()
# A fault a pytest-xdist worker found before its first test, which only the tests can report.
WORKER_FAULT = pytest.StashKey[str]()


def checks_the_network(config: pytest.Config) -> bool:
    """Whether this process checks the base URL and the browser endpoint: once a run, not to collect only."""
    return not hasattr(config, "workerinput") and not config.getoption("collectonly")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """The browser endpoint accepts connections and the base URL answers, before any test or server."""
    config = session.config
    if not checks_the_network(config):
        return
    endpoint = config.getoption("browser_ws_endpoint")
    if endpoint:
        preflight.check_browser_endpoint(str(endpoint))
    base_url = options.given_base_url(config)
    if base_url:
        ignore_https_errors = bool(config.getoption("ignore_https_errors"))
        preflight.check_base_url(base_url, base_url, ignore_https_errors)
        secret = options.probe_secret(config)
        if secret:
            preflight.check_probe(base_url, secret, ignore_https_errors)


def pytest_collection_finish(session: pytest.Session) -> None:
    """The base URL serves the first page the scenarios open (a plain file server would answer 404).

    A pytest-xdist worker cannot end the run: it fails its first test with the line and
    takes no more (the controller collects nothing, so the workers check).
    """
    config = session.config
    base_url = options.given_base_url(config)
    if not base_url or not session.items or config.getoption("collectonly"):
        return
    page = preflight.first_page(base_url, session.items)
    try:
        if page != base_url:
            preflight.check_base_url(base_url, page, bool(config.getoption("ignore_https_errors")))
    except pytest.UsageError as fault:
        if not hasattr(config, "workerinput"):
            raise
        config.stash[WORKER_FAULT] = str(fault)


def pytest_runtest_setup(item: pytest.Item) -> None:
    fault = item.config.stash.get(WORKER_FAULT, None)
    if fault is not None:
        item.session.shouldstop = fault
        pytest.fail(fault, pytrace=False)


def pytest_exception_interact(
    node: pytest.Item | pytest.Collector, call: pytest.CallInfo[object], report: object
) -> None:
    """A feature file that does not parse is one line (its file, line and fault), not a traceback."""
    error = call.excinfo.value if call.excinfo is not None else None
    if isinstance(report, pytest.CollectReport) and isinstance(error, GherkinParseError):
        report.longrepr = preflight.feature_error_line(error, node.config.rootpath)


def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Any, step: Step) -> None:
    request.node.stash[FAILED_STEP] = f"{step.keyword.strip()} {step.name}"
    where = Path(feature.filename)
    if where.is_relative_to(request.config.rootpath):
        where = where.relative_to(request.config.rootpath)
    request.node.stash[FAILED_STEP_WHERE] = f"{where}:{step.line_number}"
    summary = debug_page_shown(request)
    if summary is not None:
        request.node.stash[DEBUG_PAGE] = summary


def debug_page_shown(request: pytest.FixtureRequest) -> str | None:
    """The summary of the Django debug page the acting visitor last opened, if it was one."""
    if "visitors" not in request.fixturenames:
        return None
    try:
        visitor = request.getfixturevalue("visitors").acting
    except Exception:  # the fixture failed: the step's own error says why
        return None
    return debug_page_summary(visitor.visits[-1].text) if visitor is not None and visitor.visits else None


# Inside the plugin's own wrapper: a server's death, which it reports, outranks these lines.
@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A step that timed out, or failed on a Django debug page, fails in one line that says so."""
    report = yield
    error = call.excinfo.value if report.failed and call.excinfo is not None else None
    step = item.stash.get(FAILED_STEP, item.name)
    if isinstance(error, PlaywrightTimeoutError):
        report.longrepr = f"django-session-spec: {timeout_message(step, error, item.config)}"
    elif error is not None and DEBUG_PAGE in item.stash:
        # Django's debug page is thousands of lines of settings and headers: its first
        # lines name the exception, and the server's log has the traceback.
        assertion = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        report.longrepr = (
            f"django-session-spec: the step '{step}' failed on Django's debug page: "
            f"{item.stash[DEBUG_PAGE]} ({assertion})"
        )
    elif error is not None and FAILED_STEP in item.stash:
        # A traceback shows the step's function, not the feature's words: say which line failed.
        report.sections.append(("the step that failed", f"{step}  ({item.stash[FAILED_STEP_WHERE]})"))
    return report

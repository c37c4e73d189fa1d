"""The pytest plugin: options, fixtures and steps for specifying Django sessions in a browser."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from playwright.sync_api import expect

from session_steps import options
from session_steps.missing_steps import missing_step_errors

# Registered from pytest_configure, after every entry-point plugin: our fixtures then
# override pytest-playwright's (base_url, browser_type_launch_args) and can extend them.
PLUGIN_MODULES = (
    "session_steps.fixtures",
    "session_steps.artifacts",
    "session_steps.steps.navigation",
    "session_steps.steps.page",
    "session_steps.steps.cookies",
    "session_steps.steps.store",
)
SERVER_LOG_OFFSET = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    options.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    for module in PLUGIN_MODULES:
        config.pluginmanager.import_plugin(module)
    expect.set_options(timeout=config.getoption("expect_timeout"))


def pytest_collection_modifyitems(session: pytest.Session, items: list[pytest.Item]) -> None:
    """A scenario with a step nobody defined is a collection error, never a skip."""
    errors = missing_step_errors(session, items)
    if errors:
        raise pytest.UsageError("steps without a definition:\n" + "\n".join(errors))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    server = item.config.stash.get(options.LIVE_SITE, None)
    if server is not None:
        item.stash[SERVER_LOG_OFFSET] = server.log_size()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Attach what the site's server logged during a failed test to its report."""
    report = yield
    server = item.config.stash.get(options.LIVE_SITE, None)
    if report.failed and server is not None:
        log = server.log_text(since=item.stash.get(SERVER_LOG_OFFSET, 0))
        if server.poll_exit_code() is not None:
            log += f"\n[the server has exited with code {server.poll_exit_code()}]"
        report.sections.append(("site server log", log or "(nothing logged)"))
    return report

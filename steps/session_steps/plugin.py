"""The pytest plugin: options, fixtures and steps for specifying Django sessions in a browser."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from pytest_bdd.exceptions import GherkinParseError
from pytest_bdd.parser import Step
from pytest_bdd.scenario import scenario_wrapper_template_registry

from session_steps import options, preflight
from session_steps.debug_page import debug_page_summary
from session_steps.live_server import SERVER_IN_USE
from session_steps.missing_steps import missing_step_errors
from session_steps.timeouts import timeout_message
from session_steps.variants import ENGINE_TAG, SiteVariant

# The step of a scenario that raised, as "When the visitor opens ...": for one-line failures.
FAILED_STEP = pytest.StashKey[str]()
# What the Django debug page the failed step left the visitor on says, in one line.
DEBUG_PAGE = pytest.StashKey[str]()

# Registered from pytest_configure, after every entry-point plugin: our fixtures then
# override pytest-playwright's (browser_context_args, browser_type_launch_args) and can
# extend them.
PLUGIN_MODULES = (
    "session_steps.fixtures",
    "session_steps.artifacts",
    "session_steps.steps.navigation",
    "session_steps.steps.page",
    "session_steps.steps.cookies",
    "session_steps.steps.store",
    "session_steps.steps.engines",
    "session_steps.steps.site_settings",
    "session_steps.steps.expiry",
    "session_steps.report.plugin",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    options.add_options(parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    for module in PLUGIN_MODULES:
        config.pluginmanager.import_plugin(module)
    expect.set_options(timeout=config.getoption("expect_timeout"))
    preflight.check_options(config)
    config.stash[options.VARIANTS] = options.site_variants(config)
    preflight.check_site_port(config, config.stash[options.VARIANTS])


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
        preflight.check_base_url(base_url, base_url, bool(config.getoption("ignore_https_errors")))


def pytest_collection_finish(session: pytest.Session) -> None:
    """The base URL serves the first page the scenarios open (a plain file server would answer 404).

    The controller of pytest-xdist collects nothing: under it the check above is the only one.
    """
    config = session.config
    base_url = options.given_base_url(config)
    if base_url and session.items and checks_the_network(config):
        page = preflight.first_page(base_url, session.items)
        if page != base_url:
            preflight.check_base_url(base_url, page, bool(config.getoption("ignore_https_errors")))


def pytest_exception_interact(
    node: pytest.Item | pytest.Collector, call: pytest.CallInfo[object], report: object
) -> None:
    """A feature file that does not parse is one line (its file, line and fault), not a traceback."""
    error = call.excinfo.value if call.excinfo is not None else None
    if isinstance(report, pytest.CollectReport) and isinstance(error, GherkinParseError):
        report.longrepr = preflight.feature_error_line(error, node.config.rootpath)


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: object) -> bool | None:
    """``@engine:NAME`` tags choose the cells a scenario runs on; they are not marks."""
    return True if tag.startswith(ENGINE_TAG) else None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every scenario on every cell of the matrix its ``@engine:`` tags allow."""
    template = scenario_wrapper_template_registry.get(metafunc.function)
    if template is None or "site_variant" not in metafunc.fixturenames:
        return
    tags = template.tags | template.feature.tags | (template.rule.tags if template.rule else set())
    variants = metafunc.config.stash[options.VARIANTS]
    if not metafunc.config.getoption("ignore_engine_tags"):
        variants = [variant for variant in variants if variant.runs(tags)]
    params = [variant_param(metafunc.config, variant) for variant in variants]
    if not params:
        engines = ", ".join(sorted(tag.removeprefix(ENGINE_TAG) for tag in tags if tag.startswith(ENGINE_TAG)))
        reason = f"specifies the {engines} engine: run with --session-engine for it"
        params = [pytest.param(None, id="other-engines", marks=pytest.mark.skip(reason=reason))]
    metafunc.parametrize("site_variant", params, indirect=True)


def variant_param(config: pytest.Config, variant: SiteVariant) -> object:
    # With pytest-xdist's --dist loadgroup, one worker runs all of a cell's scenarios,
    # so each server starts in one worker only.
    marks = [pytest.mark.xdist_group(variant.id)] if config.pluginmanager.hasplugin("xdist") else []
    return pytest.param(variant, id=variant.id, marks=marks)


def pytest_collection_modifyitems(session: pytest.Session, items: list[pytest.Item]) -> None:
    """A scenario with a step nobody defined is a collection error, never a skip."""
    errors = missing_step_errors(session, items)
    if errors:
        raise pytest.UsageError("steps without a definition:\n" + "\n".join(errors))


def pytest_bdd_step_error(request: pytest.FixtureRequest, step: Step) -> None:
    request.node.stash[FAILED_STEP] = f"{step.keyword.strip()} {step.name}"
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Attach what the site's server logged during a failed test to its report.

    A step that timed out fails in one line naming the step, the URL and the option.
    """
    report = yield
    error = call.excinfo.value if report.failed and call.excinfo is not None else None
    step = item.stash.get(FAILED_STEP, item.name)
    if isinstance(error, PlaywrightTimeoutError):
        report.longrepr = f"django-session-spec: {timeout_message(step, error, item.config)}"
    elif error is not None and DEBUG_PAGE in item.stash:
        # Django's debug page is thousands of lines of settings and headers: its first
        # lines name the exception, and the server's log below has the traceback.
        report.longrepr = (
            f"django-session-spec: the step '{step}' failed on Django's debug page: {item.stash[DEBUG_PAGE]} "
            f"({str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__})"
        )
    in_use = item.stash.get(SERVER_IN_USE, None)
    if report.failed and in_use is not None:
        server, offset = in_use
        log = server.log_text(since=offset)
        died = server.died_message()
        if died is not None:
            # Whatever the step saw (a refused connection) follows from this one cause.
            report.longrepr = f"django-session-spec: {died}"
        report.sections.append((f"site server log ({server.name})", log or "(nothing logged)"))
    return report

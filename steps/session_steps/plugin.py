"""The pytest plugin: options, fixtures and steps for specifying Django sessions in a browser."""

from __future__ import annotations

import signal
from collections.abc import Callable, Generator, Iterable

import pytest
from playwright.sync_api import expect

from session_steps.bdd_compat import scenario_wrapper_template_registry
from session_steps.lesson import LESSON_TAG, the_lesson, unknown_part_message
from session_steps.matrix.cells import ENGINE_TAG, ENGINES, STORE_TAG, Cell, chooses_cells, tagged
from session_steps.matrix.families import FAMILIES, FAMILY_SETTING
from session_steps.matrix.runnable import left_out_line
from session_steps.pytest_plugin import options, preflight
from session_steps.pytest_plugin.missing_steps import missing_step_errors
from session_steps.pytest_plugin.step_lookup import collection_is_over, remember_lookups
from session_steps.server import processes
from session_steps.server.server_process import SECOND_SERVER_IN_USE, SERVER_IN_USE
from session_steps.server.site import OWN_SETTINGS, OwnSettings

# Registered from pytest_configure, after every entry-point plugin: our fixtures then
# override pytest-playwright's (browser_context_args, browser_type_launch_args) and can
# extend them.
PLUGIN_MODULES = (
    "session_steps.pytest_plugin.fixtures",
    "session_steps.browser.failure_artifacts",
    "session_steps.steps.navigation",
    "session_steps.steps.forms",
    "session_steps.steps.page",
    "session_steps.steps.cookies",
    "session_steps.steps.store",
    "session_steps.steps.engines",
    "session_steps.steps.servers",
    "session_steps.steps.site_settings",
    "session_steps.steps.expiry",
    "session_steps.report.hooks",
    "session_steps.pytest_plugin.fault_lines",
    # Before not_checked, which imports it: a plugin imported as a plain module first escapes assertion rewriting.
    "session_steps.pytest_plugin.retries",
    "session_steps.pytest_plugin.not_checked",
    "session_steps.pytest_plugin.shard_selection",
)

# The marks the spec's own tags become; registered here, so that a project running the
# packaged spec (or tagging its own scenarios alike) can use --strict-markers.
MARKERS = (
    "server-error: the scenario expects the site to answer HTTP 500",
    "needs_site_settings: the scenario needs the site settings its steps name (it skips elsewhere)",
    "lesson(part): the scenario proves this part of the lesson (a @lesson:PART tag of features/lesson.toml's ids); "
    "-m \"lesson(part='quiz-2')\" runs the scenarios of one part",
    "matrix: a scenario of the matrix, on one of its cells (or on none, skipped, where the run has none of its "
    "engines); -m 'not matrix' runs the other tests",
)
UNDO_SIGTERM = pytest.StashKey[Callable[[], None]]()
# The sync URLconf a project's ASGI cells serve, said in the run's header.
SYNC_URLCONF_UNDER_ASGI = pytest.StashKey[str]()


def pytest_addoption(parser: pytest.Parser) -> None:
    options.add_options(parser)


# The evidence a failed scenario keeps unless the command line or addopts say otherwise.
FAILURE_EVIDENCE = ("--tracing=retain-on-failure", "--screenshot=only-on-failure")


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list[str]) -> None:
    """Keep a trace and a screenshot of each failed scenario by default, wherever the plugin is installed.

    Put before the run's own arguments (addopts included), so that any --tracing or
    --screenshot of the user's comes later and wins.
    """
    if early_config.pluginmanager.has_plugin("playwright"):
        args[:0] = FAILURE_EVIDENCE


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    for module in PLUGIN_MODULES:
        config.pluginmanager.import_plugin(module)
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    remember_lookups(config)
    expect.set_options(timeout=config.getoption("expect_timeout"))
    preflight.check_options(config)
    matrix = options.site_cells(config)
    config.stash[options.CELLS] = matrix.cells
    config.stash[options.LEFT_OUT] = matrix.left_out
    if options.is_own_site(config):
        config.stash[OWN_SETTINGS] = OwnSettings("--site-settings", config.getoption("site_settings"))
    urlconf = options.sync_urlconf_under_asgi(config, matrix.cells)
    if urlconf is not None:
        config.stash[SYNC_URLCONF_UNDER_ASGI] = urlconf
    preflight.check_site_port(config, matrix.cells)
    preflight.check_asgi_urlconf(config)
    # SIGTERM (a cancelled CI job, a supervisor) tears down like Ctrl-C, stopping the servers.
    config.stash[UNDO_SIGTERM] = processes.interrupt_on_sigterm()
    if hasattr(config, "workerinput"):
        # A pytest-xdist worker whose controller is killed learns it from its channel only
        # after seconds; told by the kernel, it tears down at once.
        processes.end_with_parent(signal.SIGTERM)


def pytest_unconfigure(config: pytest.Config) -> None:
    config.stash.get(UNDO_SIGTERM, lambda: None)()


def pytest_report_header(config: pytest.Config) -> list[str]:
    """One line where the ASGI cells serve a project's sync URLconf, for want of an async one."""
    urlconf = config.stash.get(SYNC_URLCONF_UNDER_ASGI, None)
    if urlconf is None:
        return []
    return [
        f"django-session-spec: the asgi cells serve {urlconf}, the site's ROOT_URLCONF (Django runs its sync "
        "views in a thread under ASGI): give --asgi-urlconf MODULE, or ASGI_APPLICATION in the settings, "
        "to serve your async views"
    ]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """One line, beside the run's totals, naming the cells left out and what to install for them."""
    line = left_out_line(config.stash.get(options.LEFT_OUT, {}))
    if line is not None:
        terminalreporter.write_line(line, yellow=True)


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: object) -> bool | None:
    """``@engine:NAME`` and ``@store:WHERE`` tags choose the cells a scenario runs on; they are not marks.

    A ``@lesson:PART`` tag becomes the mark ``lesson(part=PART)``, where PART is a part of
    the lesson's outline: a tag naming none fails the collection, as an unknown mark does
    under --strict-markers, so that the report's Lesson page never misses a scenario.
    """
    if chooses_cells(tag):
        return True
    if tag.startswith(LESSON_TAG):
        part = tag.removeprefix(LESSON_TAG)
        unknown = unknown_part_message(part, the_lesson())
        if unknown is not None:
            pytest.fail(unknown, pytrace=False)
        pytest.mark.lesson(part=part)(function)
        return True
    return None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every scenario on every cell of the matrix its ``@engine:`` and ``@store:`` tags allow."""
    template = scenario_wrapper_template_registry.get(metafunc.function)
    if template is None or "site_cell" not in metafunc.fixturenames:
        return
    tags = template.tags | template.feature.tags | (template.rule.tags if template.rule else set())
    cells = run_cells = metafunc.config.stash[options.CELLS]
    if not metafunc.config.getoption("ignore_engine_tags"):
        cells = [cell for cell in cells if cell.runs(tags)]
    params = [cell_param(metafunc.config, cell) for cell in cells]
    if not params:
        reason = other_engines_reason(
            tags,
            metafunc.config.stash.get(options.LEFT_OUT, {}),
            metafunc.config.stash.get(options.OTHER_ENGINE_ADVICE, None),
            run_cells,
            options.is_own_site(metafunc.config),
        )
        params = [pytest.param(None, id="other-engines", marks=[pytest.mark.matrix, pytest.mark.skip(reason=reason)])]
    metafunc.parametrize("site_cell", params, indirect=True)


def other_engines_reason(
    tags: set[str],
    left_out: dict[Cell, str],
    advice: str | None = None,
    cells: Iterable[Cell] = (),
    own_site: bool = False,
) -> str:
    """Why a scenario runs on no cell of this run: the engines it specifies, and how to run them.

    ``advice`` says how, where --session-engine is not the way (pytest-django's settings).
    An engine of ``cells`` with no family is told how to declare one; on ``own_site`` (a
    project's settings) the advice is a variant of the site beside it, never a replacement.
    """
    families = tagged(tags, ENGINE_TAG)
    # Tags name engine families ("cache") or where the store is; the option takes the engines' names ("cache-redis").
    names = " or ".join(sorted(name for name, engine in ENGINES.items() if Cell(engine, "wsgi").runs(tags)))
    what = f"the {', '.join(sorted(families))} engine"
    stores = tagged(tags, STORE_TAG)
    if stores:
        what = f"a {' or '.join(sorted(stores))} store (the {names.replace(' or ', ', ')} engines)"
    lacks = {reason: None for cell, reason in left_out.items() if cell.runs(tags)}
    if lacks:
        return f"specifies {what}, which this machine cannot run: {'; '.join(lacks)}"
    unknown = next((cell.engine for cell in cells if cell.engine.family is None), None)
    if unknown is not None:
        family = sorted(families & set(FAMILIES)) or ["NAME"]
        return (
            f"specifies {what}, and the site's {unknown.module} is made from none of Django's: "
            f"if it keeps sessions like Django's {family[0]}, declare it with --session-engine-family={family[0]} "
            f"(or {FAMILY_SETTING} = {family[0]!r} in its settings)"
        )
    if advice:
        return f"specifies {what}: {advice}"
    if own_site:
        return (
            f"specifies {what}: add --session-engine={names or 'NAME'} "
            f"(beside --session-engine=site) to run a variant of your site on it too"
        )
    return f"specifies {what}: run with --session-engine={names or 'NAME'} for it"


def cell_param(config: pytest.Config, cell: Cell) -> object:
    # With pytest-xdist's --dist loadgroup, one worker runs all of a cell's scenarios,
    # so each server starts in one worker only.
    marks = [pytest.mark.matrix]
    if config.pluginmanager.hasplugin("xdist"):
        marks.append(pytest.mark.xdist_group(cell.id))
    return pytest.param(cell, id=cell.id, marks=marks)


def pytest_collection_modifyitems(session: pytest.Session, items: list[pytest.Item]) -> None:
    """A scenario with a step nobody defined is a collection error, never a skip."""
    collection_is_over(session.config)
    errors = missing_step_errors(items)
    if errors:
        raise pytest.UsageError(
            "steps without a definition:\n"
            + "\n".join(errors)
            + "\nThe phrases the plugin defines: python -m session_steps.catalogue"
            + ' (its last section, "Writing a step of your own", shows how to add one)'
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Attach what the site's servers logged during a failed test to its report."""
    report = yield
    for key in (SERVER_IN_USE, SECOND_SERVER_IN_USE):
        in_use = item.stash.get(key, None)
        if not report.failed or in_use is None:
            continue
        server, offset = in_use
        log = server.log_text(since=offset)
        died = server.died_message()
        if died is not None:
            # Whatever the step saw (a refused connection) follows from this one cause.
            report.longrepr = f"django-session-spec: {died}"
        report.sections.append((f"site server log ({server.name})", log or "(nothing logged)"))
    return report

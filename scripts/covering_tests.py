"""A pytest plugin for the step mutants' baselines: which test executes which line of the step library.

A mutant changes one line; a test that never executes that line with the unmutated steps
runs exactly as before with the mutant, so only the tests that execute it can tell the
mutant apart (the selection mutmut and cosmic-ray make with coverage too). The baselines
run once per site with this plugin; each mutant then runs only the tests of each site that
execute its line, and skips a site none of whose tests do.

Loaded with ``-p covering_tests``. ``SESSION_SPEC_COVERAGE`` names the data file to write and
``SESSION_SPEC_COVERAGE_SOURCE`` the folder whose files are measured (the copy of
``session_steps`` the run imports). Each test's lines are recorded under its name, from its
set-up to its teardown; lines run outside any test, and in the set-up of a fixture that
outlives a test (a server, a store reader for the whole run), are recorded under no name,
and ``covering`` reads them as run by every test. Measuring starts once the plugins are
loaded, after ``session_steps`` is imported: its module-level lines are not measured, so
the runner reads only lines inside functions through this.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import coverage
import pytest

MEASURED = pytest.StashKey[coverage.Coverage]()
# The test running now, whose name its lines are recorded under.
RUNNING = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    data_file = os.environ.get("SESSION_SPEC_COVERAGE")
    if not data_file:
        return
    # Playwright's sync API runs its callbacks (a response recorded, a dialog answered) in
    # greenlets; the in-process store reader runs Django in a thread.
    measured = coverage.Coverage(
        data_file=data_file,
        source=[os.environ["SESSION_SPEC_COVERAGE_SOURCE"]],
        concurrency=["greenlet", "thread"],
        config_file=False,
    )
    measured.start()
    config.stash[MEASURED] = measured


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, object, object]:
    measured = item.config.stash.get(MEASURED, None)
    if measured is not None:
        item.config.stash[RUNNING] = item.nodeid.split("::", 1)[1]
        measured.switch_context(item.config.stash[RUNNING])
    try:
        return (yield)
    finally:
        if measured is not None:
            item.config.stash[RUNNING] = ""
            measured.switch_context("")


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef[object], request: pytest.FixtureRequest) -> Generator[None]:
    # What a fixture that outlives the test sets up, every test after it relies on.
    measured = request.config.stash.get(MEASURED, None)
    if measured is None or fixturedef.scope == "function":
        return (yield)
    measured.switch_context("")
    try:
        return (yield)
    finally:
        measured.switch_context(request.config.stash.get(RUNNING, ""))


def pytest_unconfigure(config: pytest.Config) -> None:
    measured = config.stash.get(MEASURED, None)
    if measured is not None:
        measured.stop()
        measured.save()


def covering(data_file: Path, source: Path) -> dict[str, dict[int, frozenset[str] | None]]:
    """Of each file measured, by its path relative to ``source``: each line run and the tests that ran it.

    ``None`` for a line run outside any test (at import): every test relies on it.
    """
    data = coverage.CoverageData(basename=str(data_file))
    data.read()
    found: dict[str, dict[int, frozenset[str] | None]] = {}
    for measured in data.measured_files():
        lines: dict[int, frozenset[str] | None] = {}
        for line, contexts in data.contexts_by_lineno(measured).items():
            lines[line] = None if "" in contexts else frozenset(contexts)
        found[Path(measured).relative_to(source).as_posix()] = lines
    return found

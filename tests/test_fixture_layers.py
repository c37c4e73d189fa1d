"""The fixtures a project overrides, each on its own: what the README promises of each override."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from run_census import RUN_MARKER
from spec_runner import TESTS
from third_party import make_shop, serving_shop

# Appended to a project's conftest: after each test, the number of site servers the test
# process started that are alive (gunicorn's or uvicorn's main process), found by the run's
# marker, never by name alone: other runs share the machine.
CENSUS = f"""
import os, sys
sys.path.insert(0, {str(TESTS)!r})
from run_census import RUN_MARKER, read_process


@pytest.fixture(autouse=True)
def _count_the_runs_servers():
    yield
    marker = f"{{RUN_MARKER}}={{os.environ[RUN_MARKER]}}".encode()
    found = [read_process(int(pid), marker) for pid in os.listdir("/proc") if pid.isdigit()]
    mine = [p for p in found if p and p.marked and p.parent == os.getpid()]
    servers = [p for p in mine if " -m gunicorn" in p.command or " -m uvicorn" in p.command]
    with open("census.txt", "a") as census:
        census.write(f"{{len(servers)}}\\n")
"""

BASE_URL_CONFTEST = """\
import pytest


@pytest.fixture(scope="session")
def base_url():
    return {url!r}
"""

SITE_CONFTEST = """\
import pytest
from session_steps.server.deployed_site import DeployedSite


@pytest.fixture
def site(site_cell):
    return DeployedSite({url!r}, site_cell, cookie_name="basket", store_unreadable="their store: not read here")
"""


@pytest.fixture
def their_server(pytester: pytest.Pytester) -> Iterator[str]:
    """The shop, served outside the spec run, as a project's own server would be."""
    with serving_shop(make_shop(pytester), "their-server") as url:
        yield url


def run_marked(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, *args: str) -> pytest.RunResult:
    """Run pytest on the project, its processes marked as this run's own."""
    monkeypatch.setenv(RUN_MARKER, uuid.uuid4().hex)
    return pytester.runpytest_subprocess("--site-settings=shop.settings", f"--site-path={pytester.path}", *args)


def servers_seen(pytester: pytest.Pytester) -> list[int]:
    return [int(line) for line in Path(pytester.path / "census.txt").read_text().split()]


def test_a_base_url_fixture_runs_the_spec_on_their_server_and_starts_none(
    pytester: pytest.Pytester, their_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeconftest(BASE_URL_CONFTEST.format(url=their_server) + CENSUS)
    result = run_marked(pytester, monkeypatch, "--session-cookie-name=basket", "-rs")
    # The pages and the cookie are read from their server; its store cannot be: that step
    # is not checked, saying why, and the steps after it still count.
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        ["1 step not checked: the session store of a server given by --base-url cannot be read*"]
    )
    assert servers_seen(pytester) == [0]


def test_a_site_fixture_runs_the_spec_on_their_site_and_starts_none(
    pytester: pytest.Pytester, their_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeconftest(SITE_CONFTEST.format(url=their_server) + CENSUS)
    result = run_marked(pytester, monkeypatch, "-rs")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["1 step not checked: their store: not read here"])
    assert servers_seen(pytester) == [0]


def test_without_an_override_the_plugin_serves_the_cell(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The census itself can see a server: the same run with nothing overridden starts one.
    make_shop(pytester)
    pytester.makeconftest("import pytest\n" + CENSUS)
    result = run_marked(pytester, monkeypatch)
    result.assert_outcomes(passed=1)
    assert servers_seen(pytester) == [1]


PAGE_ONLY_TEST = """\
def test_a_page_of_its_own(page):
    page.set_content("<p>no site needed</p>")
    assert page.inner_text("p") == "no site needed"
"""


def test_page_alone_starts_no_server(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    make_shop(pytester)
    pytester.makeconftest("import pytest\n" + CENSUS)
    pytester.makepyfile(test_basket=PAGE_ONLY_TEST)
    result = run_marked(pytester, monkeypatch)
    result.assert_outcomes(passed=1)
    assert servers_seen(pytester) == [0]


SESSION_SCOPED_CONTEXT = """\
import pytest


@pytest.fixture(scope="session")
def phone_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def test_a_session_context_built_on_the_plugins_arguments(phone_context_args, browser_context_args):
    assert phone_context_args["viewport"] == {"width": 390, "height": 844}
"""


def test_browser_context_args_keeps_pytest_playwrights_session_scope(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_shop(pytester)
    pytester.makepyfile(test_basket=SESSION_SCOPED_CONTEXT)
    result = run_marked(pytester, monkeypatch)
    result.assert_outcomes(passed=1)

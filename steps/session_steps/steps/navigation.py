"""Steps that move visitors around the site."""

from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, when

from session_steps.bdd_compat import Scenario
from session_steps.browser.visitors import THE_VISITOR, Visitors
from session_steps.server.overlap import GATE_OPEN, GATE_REACHED, one_at_a_time
from session_steps.steps.phrases import PATH, WHO, WHOSE, table_column


@given(parsers.re(r"a new visitor"))
def _(visitors: Visitors) -> None:
    """Someone who has never been to the site: a fresh browser context, no cookies."""
    visitors[THE_VISITOR]


@given(parsers.re(rf"{WHO} has opened {PATH}"))
@when(parsers.re(rf"{WHO} opens {PATH}(?: again)?"))
def _(visitors: Visitors, visitor: str, path: str) -> None:
    """Navigate to a path under the base URL, as typing it in the address bar."""
    visitors[visitor].open(path)


@given(parsers.re(rf"{WHO} has opened {PATH} (?P<times>\d+) times?"))
@when(parsers.re(rf"{WHO} opens {PATH} (?P<times>\d+) times?"))
def _(visitors: Visitors, visitor: str, path: str, times: str) -> None:
    """Open the same path several times in a row."""
    for _ in range(int(times)):
        visitors[visitor].open(path)


@when(parsers.re(rf"{WHO} opens these pages in turn:"))
def _(visitors: Visitors, visitor: str, datatable: list[list[str]]) -> None:
    """Open each path of a one-column table, top to bottom."""
    for path in table_column(datatable):
        visitors[visitor].open(path)


@when(parsers.re(rf"{WHOSE} cookies are cleared"))
def _(visitors: Visitors, visitor: str | None) -> None:
    """Forget every cookie, as a visitor who clears their browser's data."""
    visitors[visitor or THE_VISITOR].page.context.clear_cookies()


OVERLAP = rf'{WHO} opens {PATH} in a second tab while "(?P<slow>[^"]*)" waits in the first'
# Whether each site the run reached serves two requests at once: the reason it does not, or None.
ONE_AT_A_TIME = pytest.StashKey[dict[str, str | None]]()


@pytest.hookimpl(trylast=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, scenario: Scenario) -> None:
    """Skip, saying why, a scenario that overlaps two requests on a site that serves one at a time.

    Asked once per site, before the scenario's first step.
    """
    if not any(re.fullmatch(OVERLAP, step.name) for step in scenario.steps):
        return
    site_url: str = request.getfixturevalue("site_url")
    verdicts = request.config.stash.setdefault(ONE_AT_A_TIME, {})
    if site_url not in verdicts:
        verdicts[site_url] = one_at_a_time(site_url)
    reason = verdicts[site_url]
    if reason is not None:
        pytest.skip(reason)


@when(parsers.re(OVERLAP))
def _(visitors: Visitors, visitor: str, path: str, slow: str) -> None:
    """Overlap two requests in a forced order: the slow one loads, the other saves, the slow one saves.

    The slow page must wait at the site's gate after loading the session; the second tab
    waits until it is there, opens ``path``, then opens the gate.
    """
    first = visitors[visitor]
    second = first.new_tab()

    def in_the_second_tab() -> None:
        for step in (GATE_REACHED, path, GATE_OPEN):
            second.open(step)

    first.open_while(slow, in_the_second_tab)

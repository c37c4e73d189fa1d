"""Steps that move visitors around the site."""

from __future__ import annotations

from pytest_bdd import given, parsers, when

from session_steps.steps.phrases import PATH, WHO, WHOSE, table_column
from session_steps.visitors import THE_VISITOR, Visitors


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

"""Reading the report's pages as a reader does, in Chromium: a scenario, its execution table, the width."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect


@pytest.fixture(scope="session")
def base_url() -> None:
    """The report is read from files: tests of its pages need no site, so none is started.

    A module imports it by name, which puts it in the module's fixtures.
    """
    return None


# The execution table's columns.
SESSION, VALUE, PAGE, HTTP, COOKIE = "Session state", "Value retrieved", "Page shows", "HTTP", "Session cookie"


def open_feature(page: Page, report: Path, feature: str) -> None:
    page.goto(report.joinpath("index.html").as_uri())
    page.get_by_role("link", name=feature, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Feature: {feature}")


def scenario(page: Page, name: str) -> Locator:
    return page.get_by_role("region", name=name, exact=True)


def execution_table(section: Locator) -> list[dict[str, str]]:
    """A scenario's execution table, one dict per row, keyed by the column headers.

    "Action" is the row's action alone; "Checked by", the steps that checked the row.
    """
    table = section.get_by_role("table", name=re.compile(r"^Execution table"))
    expect(table).to_be_visible()

    def texts(cells: Locator) -> list[str]:
        return [" ".join(text.split()) for text in cells.all_text_contents()]

    headers = texts(table.get_by_role("columnheader"))
    found = []
    for row in table.get_by_role("row").filter(has=section.page.get_by_role("rowheader")).all():
        cells = dict(zip(headers, texts(row.get_by_role("cell").or_(row.get_by_role("rowheader"))), strict=False))
        action = row.get_by_role("rowheader")
        cells["Action"] = " ".join(str(action.evaluate("th => th.firstChild.textContent")).split())
        cells["Checked by"] = " | ".join(texts(action.get_by_role("listitem")))
        found.append(cells)
    return found


WIDTH = 1280

# Every box whose content is wider than it (a scroll bar, or content spilling out), and every
# element reaching past the window. One that clips on purpose (overflow: hidden, as text for
# screen readers) is neither.
WIDER_THAN_THEIR_BOX = """() => [...document.querySelectorAll('body *')]
    .filter(element => {
        const style = getComputedStyle(element);
        const spills = style.overflowX !== 'hidden' && element.scrollWidth > element.clientWidth + 1;
        const wide = element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5;
        return (element.clientWidth > 0 && spills) || wide;
    })
    .map(element => element.tagName + '.' + element.className)"""


def assert_fits(page: Page) -> None:
    """Nothing scrolls sideways at 1280 px: not the page, not a box inside it, no element past its box."""
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url
    wider = page.evaluate(WIDER_THAN_THEIR_BOX)
    assert wider == [], f"{page.url}: {wider}"

"""Steps that read what the site sent back: the page's text and the HTTP status."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import parsers, then

from session_steps.browser.visitors import Visitors, site_paths
from session_steps.steps.phrases import TEXT, THE_OR_WHOSE, WHO, table_column


@then(parsers.re(rf"{THE_OR_WHOSE} page reads {TEXT}"))
def _(visitors: Visitors, visitor: str | None, text: str) -> None:
    """The page's whole visible text is exactly this (waiting for it, as a person would)."""
    visitor_ = visitors[visitor]
    expect(visitor_.page.locator("body")).to_have_text(site_paths(text, visitor_.base_url))


@then(parsers.re(r"the pages read, in turn:"))
def _(visitors: Visitors, datatable: list[list[str]]) -> None:
    """The last pages opened read these texts, oldest first (one-column table)."""
    current = visitors.current
    expected = [site_paths(text, current.base_url) for text in table_column(datatable)]
    shown = [visit.text for visit in current.visits[-len(expected) :]]
    assert shown == expected, f"the last {len(expected)} pages read {shown}, not {expected}"


@then(parsers.re(rf"{WHO} gets a server error"))
def _(visitors: Visitors, visitor: str) -> None:
    """The last response was HTTP 500, Django's answer to an exception in a view."""
    visit = visitors[visitor].last_visit
    assert visit.status == 500, f"{visit.path} answered {visit.status}, not 500: {visit.text!r}"


@then(parsers.re(r"the response status is (?P<status>\d{3})"))
def _(visitors: Visitors, status: str) -> None:
    """The last response had exactly this HTTP status."""
    visit = visitors.current.last_visit
    assert visit.status == int(status), f"{visit.path} answered {visit.status}: {visit.text!r}"


@then(parsers.re(rf"the first tab reads {TEXT}"))
def _(visitors: Visitors, text: str) -> None:
    """The page of the first tab, the one the last visitor opened before a second, reads this."""
    expect(visitors.current.page.locator("body")).to_have_text(text)


@then(parsers.re(r'the page has no "(?P<tag>\w+)" element'))
def _(visitors: Visitors, tag: str) -> None:
    """No element of this tag is on the page: the text was not taken as HTML."""
    expect(visitors.current.page.locator(tag)).to_have_count(0)


@then(parsers.re(r"the page shows a note of (?P<length>\d+) characters"))
def _(visitors: Visitors, length: str) -> None:
    """The note page shows a note of exactly this many letters and digits."""
    expect(visitors.current.page.locator("body")).to_have_text(re.compile(rf"Your note: \w{{{int(length)}}}"))

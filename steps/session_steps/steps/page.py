"""Steps that read what the site sent back: the page's text, its elements, its address, the HTTP status and redirects.

A page's text is what a person sees (``innerText``) in every step and in the report.
"""

from __future__ import annotations

import re
import urllib.parse

from playwright.sync_api import expect
from pytest_bdd import parsers, then

from session_steps.browser.visitors import Visitors, join_url, site_paths
from session_steps.steps.phrases import PATH, TEXT, THE_OR_WHOSE, WHO, table_column


def one_line(text: str) -> str:
    """``text`` as the page steps compare it, as Playwright's ``to_have_text`` does: whitespace runs as one space."""
    return " ".join(text.split())


@then(parsers.re(rf"{THE_OR_WHOSE} page reads {TEXT}"))
def _(visitors: Visitors, visitor: str | None, text: str) -> None:
    """The page's whole visible text is exactly this, each line break or run of spaces one space (waiting for it)."""
    visitor_ = visitors.seen(visitor)
    expect(visitor_.page.locator("body")).to_have_text(site_paths(text, visitor_.base_url), use_inner_text=True)


@then(parsers.re(r"the pages read, in turn:"))
def _(visitors: Visitors, datatable: list[list[str]]) -> None:
    """The last pages opened read these texts, oldest first (one-column table), whitespace as in "page reads"."""
    current = visitors.seen(None)
    expected = [one_line(site_paths(text, current.base_url)) for text in table_column(datatable)]
    shown = [one_line(visit.text) for visit in current.visits[-len(expected) :]]
    assert shown == expected, f"the last {len(expected)} pages read {shown}, not {expected}"


@then(parsers.re(rf"{WHO} gets a server error"))
def _(visitors: Visitors, visitor: str) -> None:
    """The last response was HTTP 500, Django's answer to an exception in a view."""
    visit = visitors.seen(visitor).last_visit
    assert visit.status == 500, f"{visit.path} answered {visit.status}, not 500: {visit.text!r}"


@then(parsers.re(r"the response status is (?P<status>\d{3})"))
def _(visitors: Visitors, status: str) -> None:
    """The last response had exactly this HTTP status."""
    visit = visitors.seen(None).last_visit
    assert visit.status == int(status), f"{visit.path} answered {visit.status}: {visit.text!r}"


@then(parsers.re(rf"the first tab reads {TEXT}"))
def _(visitors: Visitors, text: str) -> None:
    """The page of the first tab, the one the last visitor opened before a second, reads this."""
    expect(visitors.seen(None).page.locator("body")).to_have_text(text, use_inner_text=True)


@then(parsers.re(r'the page has no "(?P<tag>\w+)" element'))
def _(visitors: Visitors, tag: str) -> None:
    """No element of this tag is on the page: the text was not taken as HTML."""
    expect(visitors.seen(None).page.locator(tag)).to_have_count(0)


@then(parsers.re(r"the page shows a note of (?P<length>\d+) characters"))
def _(visitors: Visitors, length: str) -> None:
    """The note page shows a note of exactly this many letters and digits."""
    expect(visitors.seen(None).page.locator("body")).to_have_text(
        # Anchored: a longer note holds a run of this many letters too.
        re.compile(rf"^\s*Your note: \w{{{int(length)}}}\s*$"),
        use_inner_text=True,
    )


@then(parsers.re(rf"{THE_OR_WHOSE} page (?P<negation>does not show|shows) {TEXT}"))
def _(visitors: Visitors, visitor: str | None, negation: str, text: str) -> None:
    """The page's visible text contains this text somewhere (or nowhere), waiting for it as a person would."""
    seen = visitors.seen(visitor)
    body = expect(seen.page.locator("body"))
    expected = site_paths(text, seen.base_url)
    if negation == "shows":
        body.to_contain_text(expected, use_inner_text=True)
    else:
        body.not_to_contain_text(expected, use_inner_text=True)


@then(parsers.re(rf'the (?P<role>[a-z]+) "(?P<name>[^"]*)" reads {TEXT}'))
def _(visitors: Visitors, role: str, name: str, text: str) -> None:
    """The element with this ARIA role and name ('the region "Basket"') has exactly this text, as "page reads"."""
    seen = visitors.seen(None)
    # An ARIA role the page could have, as Playwright spells them ("region", "status", "heading", ...).
    element = seen.page.get_by_role(role, name=name, exact=True)  # type: ignore[arg-type]
    expect(element).to_have_text(site_paths(text, seen.base_url), use_inner_text=True)


@then(parsers.re(rf'the element with test id "(?P<test_id>[^"]*)" reads {TEXT}'))
def _(visitors: Visitors, test_id: str, text: str) -> None:
    """The element whose ``data-testid`` is this has exactly this visible text."""
    seen = visitors.seen(None)
    expect(seen.page.get_by_test_id(test_id)).to_have_text(site_paths(text, seen.base_url), use_inner_text=True)


@then(parsers.re(r'the field "(?P<label>[^"]*)" holds "(?P<value>[^"]*)"'))
def _(visitors: Visitors, label: str, value: str) -> None:
    """The form field with this label holds this value (what a person would see typed in it)."""
    expect(visitors.seen(None).page.get_by_label(label, exact=True)).to_have_value(value)


def address_of(base_url: str, path: str) -> re.Pattern[str]:
    """The addresses a page at ``path`` has: any query or fragment, unless ``path`` names a query."""
    tail = "(#.*)?" if urllib.parse.urlsplit(path).query else r"(\?.*)?(#.*)?"
    return re.compile(re.escape(join_url(base_url, path)) + tail + "$")


@then(parsers.re(rf"{WHO} is on {PATH}"))
def _(visitors: Visitors, visitor: str, path: str) -> None:
    """The visitor's page is at this path (under the base URL; its query counts only where the path names one)."""
    seen = visitors.seen(visitor)
    expect(seen.page).to_have_url(address_of(seen.base_url, path))


def same_path(exchange_path: str, path: str, base_url: str) -> bool:
    """Whether a response answered ``path`` (its query compared only where ``path`` names one)."""
    wanted = urllib.parse.urlsplit(join_url(base_url, path))
    got = urllib.parse.urlsplit(exchange_path)
    return got.path == wanted.path and (not wanted.query or got.query == wanted.query)


@then(parsers.re(rf"{WHO} was redirected(?: from {PATH})?"))
def _(visitors: Visitors, visitor: str, path: str | None) -> None:
    """The visitor's last action went through a redirect (from this path) before its page."""
    seen = visitors.seen(visitor)
    visit = seen.last_visit
    sources = [exchange.path for exchange in visit.redirects]
    assert sources, f"{visit.path} was not redirected: it answered {visit.status} at once"
    if path is not None:
        assert any(same_path(source, path, seen.base_url) for source in sources), (
            f"{visit.path} was redirected from {sources}, not from {path}"
        )


@then(parsers.re(rf"{WHO} was not redirected"))
def _(visitors: Visitors, visitor: str) -> None:
    """The visitor's last action got its page at once, through no redirect."""
    visit = visitors.seen(visitor).last_visit
    sources = [f"{exchange.path} ({exchange.status})" for exchange in visit.redirects]
    assert not sources, f"{visit.path} was redirected from {', '.join(sources)}"

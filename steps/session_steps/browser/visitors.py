"""Visitors of the site: each one a browser context with its own cookie jar and history."""

from __future__ import annotations

import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Cookie, Page, Response

from session_steps.server.django_store import StoreCount

THE_VISITOR = "the visitor"
# The body's text as HTMLElement.innerText renders it ("" for a document with no body).
READ_BODY_TEXT = "() => document.body ? document.body.innerText : ''"


def join_url(base_url: str, path: str) -> str:
    """``base_url`` followed by ``path``, keeping any prefix of the base (``/prefix`` + ``/a/``)."""
    return base_url.rstrip("/") + "/" + path.lstrip("/")


def site_paths(text: str, base_url: str) -> str:
    """``text`` with each path in it ("/pages/a/") under the base URL's own path, if any.

    A spec checked against a site mounted at ``/prefix/`` then expects the paths the
    site really shows, ``/prefix/pages/a/``, while the feature keeps writing ``/pages/a/``.
    """
    prefix = urllib.parse.urlsplit(base_url).path.rstrip("/")
    if not prefix:
        return text
    return re.sub(r"(?:(?<=\s)|^)/(?=[\w-])", prefix + "/", text)


@dataclass(frozen=True)
class Visit:
    """One navigation: what was asked for, what came back, and when."""

    path: str
    status: int
    text: str
    set_cookie_headers: tuple[str, ...]
    cookies: dict[str, str]  # the browser's cookie jar after the page, by name
    at: float
    # The sessions the server stored just before the request and just after it; None
    # where the scenario does not count them, or they cannot be counted.
    stored_before: StoreCount | None = None
    stored_after: StoreCount | None = None


def not_counted() -> StoreCount | None:
    """The count of a scenario that does not count the server's sessions: none."""
    return None


@dataclass
class Visitor:
    """One person on the site: a page in a browser context of their own."""

    name: str
    page: Page
    base_url: str
    visits: list[Visit] = field(default_factory=list)
    count_sessions: Callable[[], StoreCount | None] = not_counted

    def open(self, path: str) -> Visit:
        """Navigate to ``path`` under the base URL and record what came back."""
        before = self.count_sessions()
        return self._record(path, self.page.goto(join_url(self.base_url, path)), before)

    def open_while(self, path: str, meanwhile: Callable[[], object]) -> Visit:
        """Start opening ``path``, run ``meanwhile`` while it loads, then record what came back."""
        url = join_url(self.base_url, path)
        before = self.count_sessions()
        with self.page.expect_navigation(url=url) as navigation:
            # Assigning location returns at once, where goto() would wait for the page.
            self.page.evaluate("url => { window.location.href = url }", url)
            meanwhile()
        return self._record(path, navigation.value, before)

    def _record(self, path: str, response: Response | None, stored_before: StoreCount | None) -> Visit:
        """Note what opening ``path`` gave: the response, the page's text, the cookie jar, the store's count."""
        if response is None:
            raise AssertionError(f"opening {path} gave no response")
        visit = record_visit(path, response, self.text(), self.cookies(), (stored_before, self.count_sessions()))
        self.visits.append(visit)
        return visit

    def text(self) -> str:
        """The page's visible text, as ``page.inner_text("body")`` gives it.

        Read with a plain evaluation: a selector (``inner_text``, a locator) makes
        Playwright inject its selector engine into every new document, which costs more
        than the navigation itself on the site's small pages.
        """
        return str(self.page.evaluate(READ_BODY_TEXT))

    def new_tab(self) -> Visitor:
        """The same person in another tab: a new page sharing this one's cookie jar."""
        return Visitor(
            f"{self.name} (second tab)", self.page.context.new_page(), self.base_url, count_sessions=self.count_sessions
        )

    @property
    def last_visit(self) -> Visit:
        if not self.visits:
            raise AssertionError(f"{self.name} has not opened any page yet")
        return self.visits[-1]

    def cookies(self) -> list[Cookie]:
        """Every cookie in the visitor's jar: a context only ever visits the one site.

        Not only those sent to the base URL, so a cookie with a narrower Path is found
        (and its Path then checked) rather than missed.
        """
        return self.page.context.cookies()

    def cookie(self, name: str) -> Cookie | None:
        return next((cookie for cookie in self.cookies() if cookie.get("name") == name), None)

    def plant_cookie(self, name: str, value: str) -> None:
        """Put a cookie for the whole site in the jar, as if the site had set it (Path=/)."""
        site = urllib.parse.urlsplit(self.base_url)
        self.page.context.add_cookies([{"name": name, "value": value, "url": f"{site.scheme}://{site.netloc}/"}])

    def put_cookie(self, like: Cookie, value: str) -> None:
        """Put a cookie with ``like``'s name, domain and path and this value in the jar, as a person would."""
        self.page.context.add_cookies(
            [{"name": like["name"], "value": value, "domain": like["domain"], "path": like["path"]}]
        )


def record_visit(
    path: str,
    response: Response,
    text: str,
    cookies: list[Cookie],
    stored: tuple[StoreCount | None, StoreCount | None] = (None, None),
) -> Visit:
    set_cookies = tuple(
        header["value"] for header in response.headers_array() if header["name"].lower() == "set-cookie"
    )
    jar = {cookie.get("name", ""): cookie.get("value", "") for cookie in cookies}
    return Visit(path, response.status, text, set_cookies, jar, time.time(), *stored)


class Visitors:
    """The visitors of one scenario, by name; the first one uses pytest-playwright's ``page``.

    Steps that name nobody ("the page", "the browser") mean whoever acted last.
    """

    def __init__(self, first_page: Callable[[], Page], new_page: Callable[[], Page], base_url: str) -> None:
        self._first_page = first_page
        self._new_page = new_page
        self._base_url = base_url
        self._by_name: dict[str, Visitor] = {}
        self._current: Visitor | None = None
        # Set before the scenario's first step, by a scenario that counts the server's sessions.
        self.count_sessions: Callable[[], StoreCount | None] = not_counted

    def __getitem__(self, name: str | None) -> Visitor:
        if name is None:
            return self.current
        if name not in self._by_name:
            page = self._first_page() if not self._by_name else self._new_page()
            self._by_name[name] = Visitor(name, page, self._base_url, count_sessions=lambda: self.count_sessions())
        visitor = self._by_name[name]
        self._current = visitor
        return visitor

    def all(self) -> list[Visitor]:
        """Every visitor of the scenario so far, in the order they were first named."""
        return list(self._by_name.values())

    @property
    def acting(self) -> Visitor | None:
        """The visitor who acted last, or None before anyone has; never opens a page."""
        return self._current

    @property
    def current(self) -> Visitor:
        """The visitor who acted last, or the default visitor before anyone has."""
        return self._current or self[THE_VISITOR]

"""Visitors of the site: each one a browser context with its own cookie jar and history."""

from __future__ import annotations

import re
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from playwright.sync_api import Cookie, Page, Request, Response

from session_steps.server.django_store import StoreCount
from session_steps.server.trace_protocol import TRACE_HEADER

THE_VISITOR = "the visitor"
# The body's text as HTMLElement.innerText renders it ("" for a document with no body).
READ_BODY_TEXT = "() => document.body ? document.body.innerText : ''"
# The responses an action's record keeps: pages (and the redirects to them) and scripts' requests.
RECORDED_TYPES = frozenset({"document", "fetch", "xhr"})
# A script's requests: an action that starts one (a button whose script saves something with
# fetch) is over once the site has answered it, not when the click returns.
SCRIPT_TYPES = frozenset({"fetch", "xhr"})
# How often an action looks again for the answers to its scripts' requests.
SCRIPT_POLL_MS = 10
# Playwright's own default for an action, where no --navigation-timeout says otherwise.
DEFAULT_TIMEOUT_MS = 30_000.0
# Marks the page shown before an action, so that the page the action opens can be told from it
# even where both have the same address (a form posted to its own page).
MARK_DOCUMENT = "() => { window.__sessionSpecBefore = true }"
NEW_DOCUMENT_LOADED = "() => !window.__sessionSpecBefore && document.readyState === 'complete'"


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
class Exchange:
    """One response of the site to the browser: a page, a redirect on the way to one, or a script's request."""

    url: str
    status: int
    set_cookie_headers: tuple[str, ...]
    kind: str = "document"  # Playwright's resource type: "document", "fetch" or "xhr"
    # What the request did to its session, as the run's own server traced it (JSON), while
    # the report is on; None from any other server.
    trace: str | None = None

    @property
    def path(self) -> str:
        """The path and query the response answered, without the site's address."""
        parts = urllib.parse.urlsplit(self.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    @property
    def redirected(self) -> bool:
        return 300 <= self.status < 400


@dataclass(frozen=True)
class Visit:
    """One action on the site (opening a page, pressing a button): what it was, what came back, and when.

    ``status`` is the last page's (after any redirects); ``set_cookie_headers`` are those of
    every response the action got, redirects included, in the order they came.
    """

    path: str  # what was done: the path opened, or the action ('pressing "Add"')
    status: int
    text: str  # the page's visible text after it (HTMLElement.innerText)
    set_cookie_headers: tuple[str, ...]
    cookies: dict[str, str]  # the browser's cookie jar after the page, by name
    at: float
    # The sessions the server stored just before the request and just after it; None
    # where the scenario does not count them, or they cannot be counted.
    stored_before: StoreCount | None = None
    stored_after: StoreCount | None = None
    # Every response of the site to the action, oldest first: a redirect chain ends with its page.
    responses: tuple[Exchange, ...] = ()
    cookies_before: dict[str, str] = field(default_factory=dict)  # the jar as the action began

    @property
    def redirects(self) -> tuple[Exchange, ...]:
        """The redirects the action went through on its way to the last page."""
        return tuple(exchange for exchange in self.responses if exchange.redirected)


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
    # How long an action waits for the site to answer the requests its scripts started.
    timeout_ms: float = DEFAULT_TIMEOUT_MS

    def open(self, path: str, server_url: str | None = None) -> Visit:
        """Navigate to ``path`` under the base URL, as typing it in the address bar, and record what came back.

        ``server_url`` opens it on another server of the same site instead (another port of
        its host, whose cookies the browser shares).
        """
        base_url = server_url or self.base_url
        url = join_url(base_url, path)
        return self._answered(path, self._act(path, lambda: self.page.goto(url), settle=False, base_url=base_url))

    def open_while(self, path: str, meanwhile: Callable[[], object]) -> Visit:
        """Start opening ``path``, run ``meanwhile`` while it loads, then record what came back."""
        url = join_url(self.base_url, path)

        def navigate() -> None:
            with self.page.expect_navigation(url=url):
                # Assigning location returns at once, where goto() would wait for the page.
                self.page.evaluate("url => { window.location.href = url }", url)
                meanwhile()

        return self._answered(path, self._act(path, navigate, settle=False))

    def act(self, what: str, action: Callable[[], object]) -> Visit | None:
        """Do ``action`` on the visitor's page (a click, a form, a script) and record every response the site gave it.

        This is how a step of your own makes a request that the catalogue's steps and the
        report see: the record keeps each response (redirects included) with its status
        and Set-Cookie headers, the page's visible text after it, the cookie jar, and,
        where the scenario counts them, the sessions the server stored before and after.
        ``what`` names the action in failures ('pressing "Add to basket"'). A page the
        action opens is waited for until it has loaded, where the action waits for it to
        start as Playwright's click and key presses do (a navigation a script starts goes in
        ``page.expect_navigation()``); a request a script of the page sent to the site
        during the action (``fetch``, ``XMLHttpRequest``), until the site has answered it or
        it failed, within the visitor's ``timeout_ms``.

        Returns the new record, or None when the site sent nothing back (the action only
        changed the page in the browser): the visitor's last record is then unchanged.
        """
        return self._act(what, action, settle=True)

    def _act(
        self, what: str, action: Callable[[], object], *, settle: bool, base_url: str | None = None
    ) -> Visit | None:
        """``act``; ``settle`` waits for a page the action opened without waiting for it itself.

        ``base_url`` is the server whose responses are recorded, where it is not the visitor's.
        """
        origin = site_origin(base_url or self.base_url)
        answered: list[Response] = []
        navigated: list[Request] = []
        scripts_sent: list[Request] = []
        scripts_done: list[Request] = []

        def on_response(response: Response) -> None:
            if response.request.resource_type in RECORDED_TYPES and site_origin(response.url) == origin:
                answered.append(response)

        def on_request(request: Request) -> None:
            if request.is_navigation_request() and request.frame == self.page.main_frame:
                navigated.append(request)
            elif request.resource_type in SCRIPT_TYPES and site_origin(request.url) == origin:
                scripts_sent.append(request)

        def on_request_done(request: Request) -> None:
            scripts_done.append(request)

        before = self.count_sessions()
        jar_before = self.cookies()
        if settle:
            self.page.evaluate(MARK_DOCUMENT)
        self.page.on("response", on_response)
        self.page.on("request", on_request)
        if settle:
            # Only an action that settles waits for its scripts: opening a page needs no more listeners.
            self.page.on("requestfinished", on_request_done)
            self.page.on("requestfailed", on_request_done)
        try:
            action()
            if settle and navigated:
                # A click returns once its navigation has started; the page it opens may still be loading.
                self.page.wait_for_function(NEW_DOCUMENT_LOADED)
            if settle:
                self._wait_for_scripts(what, scripts_sent, scripts_done)
        finally:
            self.page.remove_listener("response", on_response)
            self.page.remove_listener("request", on_request)
            if settle:
                self.page.remove_listener("requestfinished", on_request_done)
                self.page.remove_listener("requestfailed", on_request_done)
        if not answered:
            return None
        visit = record_visit(what, answered, self.text(), self.cookies(), (before, self.count_sessions()), jar_before)
        self.visits.append(visit)
        return visit

    def _wait_for_scripts(self, what: str, sent: list[Request], done: list[Request]) -> None:
        """Wait until each request in ``sent`` is in ``done`` (answered or failed), as the page's events come in."""
        deadline = time.monotonic() + self.timeout_ms / 1000
        while waiting := [request for request in sent if request not in done]:
            if time.monotonic() > deadline:
                urls = ", ".join(request.url for request in waiting)
                raise AssertionError(
                    f"{what}: the site did not answer the page's script ({urls}) within {self.timeout_ms:g} ms"
                )
            # Waiting in the browser lets Playwright deliver the events that end the wait.
            self.page.wait_for_timeout(SCRIPT_POLL_MS)

    @staticmethod
    def _answered(path: str, visit: Visit | None) -> Visit:
        if visit is None:
            raise AssertionError(f"opening {path} gave no response")
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
            f"{self.name} (second tab)",
            self.page.context.new_page(),
            self.base_url,
            count_sessions=self.count_sessions,
            timeout_ms=self.timeout_ms,
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


def site_origin(url: str) -> tuple[str, str]:
    """The scheme and host:port of ``url``: what tells the site's responses from any other's."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.netloc


def exchange(response: Response) -> Exchange:
    """What the steps keep of one response: its URL, status, Set-Cookie headers and session trace."""
    headers = response.headers_array()
    set_cookies = tuple(header["value"] for header in headers if header["name"].lower() == "set-cookie")
    trace = next((header["value"] for header in headers if header["name"].lower() == TRACE_HEADER.lower()), None)
    return Exchange(response.url, response.status, set_cookies, response.request.resource_type, trace)


def record_visit(
    what: str,
    responses: list[Response],
    text: str,
    cookies: list[Cookie],
    stored: tuple[StoreCount | None, StoreCount | None] = (None, None),
    cookies_before: Sequence[Cookie] = (),
) -> Visit:
    """The record of one action from the site's responses to it, oldest first, and what followed."""
    exchanges = tuple(exchange(response) for response in responses)
    # The status a person sees: the last page's, else (a script's request alone) the last response's.
    pages = [one for one in exchanges if one.kind == "document" and not one.redirected] or list(exchanges)
    set_cookies = tuple(header for one in exchanges for header in one.set_cookie_headers)
    return Visit(
        what,
        pages[-1].status,
        text,
        set_cookies,
        jar_of(cookies),
        time.time(),
        *stored,
        responses=exchanges,
        cookies_before=jar_of(cookies_before),
    )


def jar_of(cookies: Sequence[Cookie]) -> dict[str, str]:
    """A cookie jar as the values of its cookies, by name."""
    return {cookie.get("name", ""): cookie.get("value", "") for cookie in cookies}


class Visitors:
    """The visitors of one scenario, by name; the first one uses pytest-playwright's ``page``.

    Steps that name nobody ("the page", "the browser") mean whoever acted last.
    """

    def __init__(
        self,
        first_page: Callable[[], Page],
        new_page: Callable[[], Page],
        base_url: str,
        timeout_ms: float = DEFAULT_TIMEOUT_MS,
    ) -> None:
        self._first_page = first_page
        self._new_page = new_page
        self._base_url = base_url
        self._timeout_ms = timeout_ms
        self._by_name: dict[str, Visitor] = {}
        self._current: Visitor | None = None
        # Set before the scenario's first step, by a scenario that counts the server's sessions.
        self.count_sessions: Callable[[], StoreCount | None] = not_counted

    def __getitem__(self, name: str | None) -> Visitor:
        if name is None:
            return self.current
        if name not in self._by_name:
            page = self._first_page() if not self._by_name else self._new_page()
            self._by_name[name] = Visitor(
                name, page, self._base_url, count_sessions=lambda: self.count_sessions(), timeout_ms=self._timeout_ms
            )
        visitor = self._by_name[name]
        self._current = visitor
        return visitor

    def seen(self, name: str | None) -> Visitor:
        """A visitor already in the scenario, by name, or (None) whoever acted last: what a Then step reads.

        Unlike ``visitors[name]`` it never makes a visitor: a step that only looks must not
        pass by looking at a fresh browser ("Carol's browser holds no session cookie").
        """
        if name is None:
            if self._current is None:
                raise AssertionError("no visitor has opened a page in this scenario")
            return self._current
        if name == THE_VISITOR and name not in self._by_name:
            raise AssertionError("the visitor has not opened a page in this scenario")
        if name not in self._by_name:
            raise AssertionError(f"no visitor named {name} has opened a page in this scenario")
        self._current = self._by_name[name]
        return self._current

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

"""B: the benchmark's scenarios as a hand-written Playwright script, no pytest.

It serves the site the way the suite does (gunicorn, a migrated SQLite file), then runs
each scenario in a fresh browser context and times it from context to close. A trace (DOM
snapshots, no screencast) is recorded for every context and, like a screenshot, kept only
when the scenario fails; with ``--tracing=off`` nothing is traced, and a failed scenario
keeps its screenshot only. Writes the timings as JSON.

Each function is named as pytest-bdd names the scenario's test, without ``test_``.

Usage: python plain_script.py OUT.json [--tracing=off] [--parts PARTS.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from playwright_clock import CLOCK

from session_steps.browser.visitors import READ_BODY_TEXT
from session_steps.matrix.cells import ENGINES, Cell
from session_steps.pytest_plugin.options import DEFAULT_SITE_SETTINGS
from session_steps.server import django_store
from session_steps.server.served_sites import SitePool
from session_steps.server.store_readers import configure_django

# Django refuses ORM calls while Playwright's sync API runs an event loop; a script opts out.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


class Run:
    """One scenario: its visitors' contexts, and the text of every page each one opened."""

    def __init__(self, browser: Browser, url: str, tracing: bool) -> None:
        self.browser, self.url, self.tracing = browser, url, tracing
        self.contexts: list[BrowserContext] = []
        self.texts: dict[Page, list[str]] = {}

    def visitor(self) -> Page:
        context = self.browser.new_context()
        if self.tracing:
            context.tracing.start(snapshots=True, sources=True)
        self.contexts.append(context)
        page = context.new_page()
        self.texts[page] = []
        return page

    def open(self, page: Page, path: str) -> int:
        response = page.goto(self.url + path)
        assert response is not None
        self.texts[page].append(page.evaluate(READ_BODY_TEXT))
        return response.status

    def close(self, failed: bool, folder: Path) -> None:
        for index, context in enumerate(self.contexts):
            if failed:
                for page in context.pages:
                    page.screenshot(path=folder / f"failed-{index}.png")
            if self.tracing:
                context.tracing.stop(path=folder / f"trace-{index}.zip" if failed else None)
            context.close()


def session(page: Page) -> dict[str, Any]:
    """The server's stored data for the page's session cookie."""
    from django.conf import settings

    cookie = next((c for c in page.context.cookies() if c.get("name") == settings.SESSION_COOKIE_NAME), None)
    if cookie is None:
        return {}
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    return dict(store.load())


def reads(page: Page, text: str) -> None:
    expect(page.locator("body")).to_have_text(text)


def the_first_visit(run: Run) -> None:
    page = run.visitor()
    run.open(page, "/visits/")
    reads(page, "Visit count: 1")
    assert session(page) == {"visits": 1}


def visits_in_a_row(run: Run) -> None:
    page = run.visitor()
    for _ in range(3):
        run.open(page, "/visits/")
    assert run.texts[page] == ["Visit count: 1", "Visit count: 2", "Visit count: 3"]
    assert session(page) == {"visits": 3}


def a_second_visitor_starts_at_1_while_the_first_goes_on_counting(run: Run) -> None:
    alice = run.visitor()
    for _ in range(2):
        run.open(alice, "/visits/")
    bob = run.visitor()
    run.open(bob, "/visits/")
    run.open(alice, "/visits/")
    reads(bob, "Visit count: 1")
    reads(alice, "Visit count: 3")


def a_visitor_who_clears_their_cookies_starts_again_at_1(run: Run) -> None:
    page = run.visitor()
    for _ in range(2):
        run.open(page, "/visits/")
    page.context.clear_cookies()
    run.open(page, "/visits/")
    reads(page, "Visit count: 1")


def the_first_page_has_no_predecessor(run: Run) -> None:
    page = run.visitor()
    run.open(page, "/pages/first/")
    reads(page, "Last page: None")
    assert session(page) == {"last_page": "/pages/first/"}


def each_page_shows_the_one_before_it(run: Run) -> None:
    page = run.visitor()
    for path in ("/pages/first/", "/pages/second/", "/pages/third/"):
        run.open(page, path)
    assert run.texts[page] == ["Last page: None", "Last page: /pages/first/", "Last page: /pages/second/"]


def setting_before_getting_shows_the_current_page_not_the_previous_one(run: Run) -> None:
    page = run.visitor()
    run.open(page, "/set-first/first/")
    run.open(page, "/set-first/second/")
    reads(page, "Last page: /set-first/second/")


def reading_with_brackets_first_fails_on_a_first_visit(run: Run) -> None:
    page = run.visitor()
    before = django_store.count()
    assert run.open(page, "/brackets-first/first/") == 500
    assert django_store.count() == before


def reading_with_brackets_first_works_once_a_last_page_is_stored(run: Run) -> None:
    page = run.visitor()
    for path in ("/pages/first/", "/brackets-first/second/", "/brackets-first/third/"):
        run.open(page, path)
    assert run.texts[page][1:] == ["Last page: /pages/first/", "Last page: /brackets-first/second/"]


SCENARIOS: tuple[Callable[[Run], None], ...] = (
    the_first_visit,
    visits_in_a_row,
    a_second_visitor_starts_at_1_while_the_first_goes_on_counting,
    a_visitor_who_clears_their_cookies_starts_again_at_1,
    the_first_page_has_no_predecessor,
    each_page_shows_the_one_before_it,
    setting_before_getting_shows_the_current_page_not_the_previous_one,
    reading_with_brackets_first_fails_on_a_first_visit,
    reading_with_brackets_first_works_once_a_last_page_is_stored,
)


def main(out: Path, tracing: bool, parts_out: Path | None = None) -> int:
    if parts_out is not None:
        CLOCK.install()
    parts: dict[str, dict[str, Any]] = {}
    folder = Path(tempfile.mkdtemp(prefix="plain-script-"))
    pool = SitePool(folder, DEFAULT_SITE_SETTINGS, [Cell(ENGINES["db"], "wsgi", overrides_engine=False)])
    server = pool.server(pool.cells[0])
    configure_django(server.instance)
    timings: dict[str, float] = {}
    failures = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=os.environ["BENCH_CHROMIUM"])
            for scenario in SCENARIOS:
                started, playwright = time.perf_counter(), CLOCK.seconds
                calls, call_seconds = Counter(CLOCK.calls), Counter(CLOCK.seconds_by_call)
                run = Run(browser, server.url, tracing)
                failed = True
                try:
                    scenario(run)
                    failed = False
                finally:
                    run.close(failed, folder)
                    timings[scenario.__name__] = time.perf_counter() - started
                    in_playwright = CLOCK.seconds - playwright
                    parts[scenario.__name__] = {
                        "parts": {"script": timings[scenario.__name__] - in_playwright, "playwright": in_playwright},
                        "calls": CLOCK.since(calls, call_seconds),
                    }
                failures += failed
            browser.close()
    finally:
        pool.close()
    out.write_text(json.dumps(timings))
    if parts_out is not None:
        parts_out.write_text(json.dumps(parts))
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write each scenario's seconds, as JSON")
    parser.add_argument("--tracing", choices=("on", "off"), default="on", help="trace every context (default: on)")
    parser.add_argument("--parts", type=Path, help="also write each scenario's Playwright time and the rest, as JSON")
    arguments = parser.parse_args()
    sys.exit(main(arguments.out, tracing=arguments.tracing == "on", parts_out=arguments.parts))

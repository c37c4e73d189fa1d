"""Failure artifacts written only when a test fails, instead of written and deleted on every pass.

pytest-playwright saves each context's trace and a screenshot of each page before it knows
the outcome, then deletes them when the test passed: most of a scenario's overhead over a
plain script. With the default artifact options (a trace or screenshot only on failure,
no video) this module's ``new_context`` decides at teardown, when the outcome is known.
Any other option leaves pytest-playwright's own factory in charge.

A scenario's first attempt runs untraced, unless ``--trace-every-scenario`` asks for the trace
from the start: a failed scenario is tried again (pytest-rerunfailures) and its retry records
the trace, kept whatever the retry's outcome, in the retry's own folder (``...-retry1``).

Its traces keep a DOM snapshot of every action and the test's source, but no screencast
unless ``--trace-screenshots`` asks for one: on the site's small pages the snapshots show
everything, and encoding a frame for every paint is the costliest part of tracing.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from session_steps.browser.masking import make_private, mask_trace

CALL_FAILED = pytest.StashKey[bool]()
LAZY_TRACING = ("off", "retain-on-failure")
LAZY_SCREENSHOT = ("off", "only-on-failure")
SCREENSHOT_TIMEOUT_MS = 5000


def is_lazy(config: pytest.Config) -> bool:
    """True when every artifact option keeps something only for a failed test."""
    return (
        config.getoption("tracing") in LAZY_TRACING
        and config.getoption("screenshot") in LAZY_SCREENSHOT
        and config.getoption("video") == "off"
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call" or (report.when == "setup" and report.failed):
        item.stash[CALL_FAILED] = report.failed
    return report


def attempt_number(item: pytest.Item) -> int:
    """Which try of the test this is: 1, or 2 for pytest-rerunfailures' retry of a failure."""
    return int(getattr(item, "execution_count", 1))


class FailureArtifacts:
    """The contexts of one test; on failure (or on a retry), their traces and screenshots go to ``folder``."""

    def __init__(self, config: pytest.Config, folder: Path, item: pytest.Item) -> None:
        self.item = item
        # A retry exists to show what failed: it keeps its trace even where it passes.
        self.is_retry = attempt_number(item) > 1
        self.tracing = config.getoption("tracing") == "retain-on-failure" and (
            self.is_retry or bool(config.getoption("trace_every_scenario"))
        )
        self.trace_screenshots = bool(config.getoption("trace_screenshots"))
        self.screenshot = config.getoption("screenshot") == "only-on-failure"
        self.full_page = bool(config.getoption("full_page_screenshot"))
        self.folder = folder
        self.contexts: list[BrowserContext] = []

    def opened(self, context: BrowserContext, title: str) -> None:
        if self.tracing:
            context.tracing.start(title=title, screenshots=self.trace_screenshots, snapshots=True, sources=True)
        self.contexts.append(context)
        # A context a test closed itself has nothing left to save.
        context.on("close", lambda closed: self.contexts.remove(closed))

    def close_all(self, failed: bool) -> None:
        """Close every context still open, keeping its artifacts if the test failed.

        Whatever timed out in the test, each context still gets its screenshots, its trace
        and its close: one that fails is noted in the test's properties, never raised.
        """
        contexts = list(self.contexts)
        screenshots = 0
        for index, context in enumerate(contexts):
            try:
                if failed and self.screenshot:
                    for page in context.pages:
                        screenshots += 1
                        self.keep_screenshot(page, self.folder / f"test-failed-{screenshots}.png")
                if self.tracing:
                    name = "trace.zip" if len(contexts) == 1 else f"trace-{index + 1}.zip"
                    self.keep_trace(context, self.folder / name if failed or self.is_retry else None)
            finally:
                attempt(context.close)

    def keep_screenshot(self, page: Page, path: Path) -> None:
        """A screenshot of the page as it is, a navigation still pending or not."""
        stop_loading(page)
        if attempt(lambda: page.screenshot(timeout=SCREENSHOT_TIMEOUT_MS, path=path, full_page=self.full_page)):
            self.keep_private(path)
            self.item.user_properties.append(("playwright_screenshot", str(path)))

    def keep_trace(self, context: BrowserContext, path: Path | None) -> None:
        """Stop the context's trace, saving it to ``path`` (None: discard it)."""
        if attempt(lambda: context.tracing.stop(path=path)) and path is not None:
            mask_trace(path)
            self.keep_private(path)
            # Listed as pytest-playwright lists them, for reports that link them.
            self.item.user_properties.append(("playwright_trace", str(path)))

    def keep_private(self, path: Path) -> None:
        """The file, its test's folder and the output folder, readable by their owner only.

        A trace holds every page the test saw and every request's headers.
        """
        for kept in (path, self.folder, self.folder.parent):
            make_private(kept)


def stop_loading(page: Page) -> None:
    """Stop a page's pending navigation, as the browser's stop button does (Chromium only).

    A screenshot waits for a pending navigation, which a page that timed out may never
    finish: a failed test's pages are stopped where they are before they are photographed.
    """
    attempt(lambda: page.context.new_cdp_session(page).send("Page.stopLoading"))


def attempt(action: Callable[[], object]) -> bool:
    """Run a browser action of the tear-down; False, not an error, if the browser refused it.

    A tear-down error would hide the test's own failure and leave the other contexts open.
    """
    try:
        action()
    except PlaywrightError:
        return False
    return True


def with_timeouts(context: BrowserContext, timeout_ms: float) -> BrowserContext:
    """``context``, its navigations and actions bounded by ``--navigation-timeout``."""
    context.set_default_navigation_timeout(timeout_ms)
    context.set_default_timeout(timeout_ms)
    return context


@pytest.fixture
def new_context(
    new_context: Callable[..., BrowserContext],
    browser: Browser,
    browser_context_args: dict[str, Any],
    output_path: str,
    request: pytest.FixtureRequest,
) -> Iterator[Callable[..., BrowserContext]]:
    """pytest-playwright's factory of browser contexts, closed at the end of the test.

    With the default artifact options, a failed test keeps a screenshot of each page under
    ``--output`` as pytest-playwright would, and its retry a trace too; a passed one writes nothing.
    """
    timeout = float(request.config.getoption("navigation_timeout"))
    if not is_lazy(request.config):

        def create_with_timeouts(**kwargs: Any) -> BrowserContext:
            return with_timeouts(new_context(**kwargs), timeout)

        yield create_with_timeouts
        return
    marker = request.node.get_closest_marker("browser_context_args")
    arguments = {**browser_context_args, **(marker.kwargs if marker else {})}
    artifacts = FailureArtifacts(request.config, Path(output_path), request.node)
    title = Path(output_path).name

    def create(**kwargs: Any) -> BrowserContext:
        context = with_timeouts(browser.new_context(**{**arguments, **kwargs}), timeout)
        artifacts.opened(context, title)
        return context

    yield create
    # No call report means the set-up failed or the run was interrupted: keep them.
    artifacts.close_all(failed=request.node.stash.get(CALL_FAILED, True))

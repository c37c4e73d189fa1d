"""Files the report keeps beside its pages: screenshots of the last page, Playwright traces."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

from playwright.sync_api import Page

from session_steps.browser.failure_artifacts import SCREENSHOT_TIMEOUT_MS
from session_steps.browser.masking import make_private
from session_steps.report.model import ScenarioRun

SCREENSHOTS = "screenshots"
TRACES = "traces"


def slug(nodeid: str, distinction: str = "") -> str:
    """A file name for a test: readable, and unique even where two ids (or distinctions) read alike."""
    readable = re.sub(r"[^A-Za-z0-9]+", "-", nodeid.split("::")[-1]).strip("-")[:80]
    return f"{readable}-{hashlib.sha1((nodeid + distinction).encode()).hexdigest()[:8]}"


def artifact_name(run: ScenarioRun) -> str:
    """The name of a run's files: runs of one test with other identities, merged later, keep theirs."""
    return slug(run.nodeid, repr(run.identity))


def take_screenshot(page: Page, folder: Path, name: str) -> str:
    """A full-page screenshot in ``folder``; its path relative to it.

    One capture only: the report shows its top left as the thumbnail, at full size,
    because the spec's pages are a line of text that a scaled-down picture would make
    unreadable.
    """
    (folder / SCREENSHOTS).mkdir(parents=True, exist_ok=True)
    path = f"{SCREENSHOTS}/{name}.png"
    (folder / path).write_bytes(full_page_png(page))
    return path


def full_page_png(page: Page) -> bytes:
    """The whole page as PNG, captured as it is now.

    In Chromium, one DevTools capture encoded for speed. Playwright's full-page screenshot
    first hides the caret in every frame, waits for the page's fonts and measures the page
    (each a trip to the page in a script world of its own), and restores the page after:
    that made the picture most of what the report costs a scenario (see the README's
    "Speed"). A page that no longer answers times out first, as Playwright's would.
    """
    browser = page.context.browser
    if browser is None or browser.browser_type.name != "chromium":
        return page.screenshot(full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
    # The DevTools calls have no timeout of their own: a hung page is caught here.
    page.wait_for_function("() => true", polling=100, timeout=SCREENSHOT_TIMEOUT_MS)
    devtools = page.context.new_cdp_session(page)
    try:
        size = devtools.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": max(size["width"], 1), "height": max(size["height"], 1), "scale": 1}
        shot = devtools.send(
            "Page.captureScreenshot",
            {"format": "png", "optimizeForSpeed": True, "captureBeyondViewport": True, "clip": clip},
        )
    finally:
        devtools.detach()
    return base64.b64decode(shot["data"])


def keep_trace(trace: Path, folder: Path, name: str) -> str:
    """Copy a Playwright trace into ``folder``, where the next run's --output cannot wipe it."""
    (folder / TRACES).mkdir(parents=True, exist_ok=True)
    kept = f"{TRACES}/{name}.zip"
    shutil.copyfile(trace, folder / kept)
    # As private as the original: a trace holds every page and request of the scenario.
    make_private(folder / TRACES)
    make_private(folder / kept)
    return kept

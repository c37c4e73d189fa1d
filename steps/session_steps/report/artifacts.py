"""Files the report keeps beside its pages: screenshots of the last page, Playwright traces."""

from __future__ import annotations

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


# The page's full size as Playwright's own full-page capture measures it (less the client sizes,
# which never exceed the window).
FITS_IN_WINDOW = """() => {
    const page = document.documentElement, body = document.body;
    if (!body) return true;
    const width = Math.max(body.scrollWidth, page.scrollWidth, body.offsetWidth, page.offsetWidth);
    const height = Math.max(body.scrollHeight, page.scrollHeight, body.offsetHeight, page.offsetHeight);
    return width <= innerWidth && height <= innerHeight;
}"""


def full_page_png(page: Page) -> bytes:
    """The whole page as PNG; a page that no longer answers fails it within SCREENSHOT_TIMEOUT_MS.

    A page that fits in its window is the window's picture, the same one a full-page capture
    gives, without the measurement Playwright's full-page capture makes first, a polled
    evaluation that took about as long as the capture itself (side by side, one run): most of
    the report's cost is this picture. The window is captured first, so a page that stopped
    answering fails there, within the capture's timeout, before the plain (unbounded)
    measurement asks it anything; only a longer page is captured again, in full. (A capture
    straight through the DevTools protocol was faster still, but its calls have no timeout.)
    """
    window = page.screenshot(timeout=SCREENSHOT_TIMEOUT_MS)
    if page.evaluate(FITS_IN_WINDOW):
        return window
    return page.screenshot(full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)


def keep_trace(trace: Path, folder: Path, name: str) -> str:
    """Copy a Playwright trace into ``folder``, where the next run's --output cannot wipe it."""
    (folder / TRACES).mkdir(parents=True, exist_ok=True)
    kept = f"{TRACES}/{name}.zip"
    shutil.copyfile(trace, folder / kept)
    # As private as the original: a trace holds every page and request of the scenario.
    make_private(folder / TRACES)
    make_private(folder / kept)
    return kept

"""Files the report keeps beside its pages: screenshots of the last page, Playwright traces."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from playwright.sync_api import FloatRect, Page

SCREENSHOTS = "screenshots"
TRACES = "traces"
# The thumbnail is the page's top left at full size: the spec's pages are a line of text,
# which a scaled-down picture would make unreadable.
THUMBNAIL_CLIP: FloatRect = {"x": 0, "y": 0, "width": 360, "height": 90}


def slug(nodeid: str) -> str:
    """A file name for a test: readable, and unique even where two ids read alike."""
    readable = re.sub(r"[^A-Za-z0-9]+", "-", nodeid.split("::")[-1]).strip("-")[:80]
    return f"{readable}-{hashlib.sha1(nodeid.encode()).hexdigest()[:8]}"


def take_screenshots(page: Page, folder: Path, name: str) -> tuple[str, str]:
    """A full-page screenshot and its thumbnail in ``folder``; their paths relative to it."""
    (folder / SCREENSHOTS).mkdir(parents=True, exist_ok=True)
    full = f"{SCREENSHOTS}/{name}.png"
    small = f"{SCREENSHOTS}/{name}-small.png"
    page.screenshot(path=folder / full, full_page=True)
    page.screenshot(path=folder / small, clip=THUMBNAIL_CLIP)
    return full, small


def keep_trace(trace: Path, folder: Path, name: str) -> str:
    """Copy a Playwright trace into ``folder``, where the next run's --output cannot wipe it."""
    (folder / TRACES).mkdir(parents=True, exist_ok=True)
    kept = f"{TRACES}/{name}.zip"
    shutil.copyfile(trace, folder / kept)
    return kept

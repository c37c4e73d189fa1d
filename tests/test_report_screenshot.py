"""The report's picture of a scenario's last page: the whole page, and never a hang."""

from __future__ import annotations

import struct
import time

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from session_steps.browser.failure_artifacts import SCREENSHOT_TIMEOUT_MS
from session_steps.report.artifacts import full_page_png

LONG_PAGE = "<p>Visit count: 3</p>" + "<p>another line</p>" * 100


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header chunk."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n"), png[:8]
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_the_picture_is_the_whole_page_not_the_window(page: Page) -> None:
    page.set_content(LONG_PAGE)
    size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert png_size(full_page_png(page)) == tuple(size)
    assert size[1] > (page.viewport_size or {"height": 0})["height"]


def test_a_page_that_fits_in_its_window_is_the_picture_a_full_page_capture_gives(page: Page) -> None:
    page.set_content("<p>Visit count: 3</p>")
    assert full_page_png(page) == page.screenshot(full_page=True)


def test_a_page_wider_than_its_window_is_captured_in_full(page: Page) -> None:
    page.set_content("<p style='width: 3000px'>Visit count: 3</p>")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width > (page.viewport_size or {"width": 0})["width"]
    assert png_size(full_page_png(page))[0] == width


def test_the_picture_shows_the_page_as_it_is_now(page: Page) -> None:
    page.set_content("<p>short</p>")
    before = png_size(full_page_png(page))
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p>more</p>'.repeat(200))")
    assert png_size(full_page_png(page))[1] > before[1]


# Without its own guard the capture would wait for the page for ever: the test's own limit ends it.
@pytest.mark.timeout(60)
def test_a_page_that_no_longer_answers_gives_up_in_seconds(page: Page) -> None:
    page.set_content(LONG_PAGE)
    page.evaluate("setTimeout(() => { for (;;) {} }, 0)")
    started = time.monotonic()
    with pytest.raises(PlaywrightTimeoutError):
        full_page_png(page)
    assert time.monotonic() - started < SCREENSHOT_TIMEOUT_MS / 1000 + 5

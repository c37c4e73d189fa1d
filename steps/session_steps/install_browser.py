"""Obtain a Chromium for the spec: Playwright's installer if it can download, else Debian's.

Run as ``python -m session_steps.install_browser``; it does nothing when one is found.
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

from session_steps.browser.chromium import INSTALL_HINT, has_playwright_chromium, system_chromium
from session_steps.matrix.installers import apt_install, can_apt_install, run


def found_browser() -> str | None:
    """A description of the Chromium the spec would use, or None."""
    with sync_playwright() as playwright:
        executable = playwright.chromium.executable_path
    if has_playwright_chromium(executable):
        return "Playwright's own headless shell"
    return system_chromium()


def main() -> int:
    found = found_browser()
    if found:
        print(f"Chromium for the spec: {found}")
        return 0
    playwright_cli = [sys.executable, "-m", "playwright", "install", "--only-shell", "chromium"]
    if run(playwright_cli) and found_browser():
        return 0
    print("Playwright's installer could not download a browser; trying the system's packages.")
    if can_apt_install() and apt_install(["chromium-headless-shell"]):
        print(f"Chromium for the spec: {system_chromium()}")
        return 0
    print(f"No Chromium could be installed: {INSTALL_HINT} (as root).", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

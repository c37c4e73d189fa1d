"""A: the benchmark's features through this project's plugin, configured as a user runs it."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Browser
from pytest_bdd import scenarios

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from features import FEATURE_FILES  # noqa: E402


# pytest counts the run's set-up in the first test and its tear-down in the last; these
# two take them, so each scenario's time is its own, as the plain script measures it.
def test_warm_up(base_url: str, browser: Browser) -> None:
    """Start the site and the browser before the first scenario."""


scenarios(*map(str, FEATURE_FILES))


def test_cool_down(base_url: str, browser: Browser) -> None:
    """The last test: stopping the site and the browser is counted here."""

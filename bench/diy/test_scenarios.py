"""C: the benchmark's features, bound the same way, served by pytest-django's live_server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser
from pytest_bdd import scenarios

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from features import FEATURE_FILES  # noqa: E402


# As in A: these two take the run's set-up and tear-down, which pytest counts in the
# first and the last test.
def test_warm_up(live_server: Any, browser: Browser) -> None:
    """Create the test database, start the live server and the browser."""


scenarios(*map(str, FEATURE_FILES))


def test_cool_down(live_server: Any, browser: Browser) -> None:
    """The last test: the tear-down of the database, server and browser is counted here."""

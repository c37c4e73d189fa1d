"""C: the benchmark's features, bound the same way, served by pytest-django's live_server."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytest_bdd import scenarios

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from features import FEATURE_FILES

# pytest counts the run's set-up in the first test and its tear-down in the last; these
# two take them, so each scenario's time is its own, as the plain script measures it.
# Fixtures are asked for by name: a parameter would let pytest-playwright's browser
# parametrisation move both tests ahead of the scenarios.
RUN_FIXTURES = ("live_server", "browser", "session_store", "session_cookie_name")


def test_warm_up(request: pytest.FixtureRequest) -> None:
    """Set up what the whole run shares before the first scenario."""
    for name in RUN_FIXTURES:
        request.getfixturevalue(name)


scenarios(*map(str, FEATURE_FILES))


def test_cool_down(request: pytest.FixtureRequest) -> None:
    """The last test: tearing down what the run shares is counted here."""
    for name in RUN_FIXTURES:
        request.getfixturevalue(name)

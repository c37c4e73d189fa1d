"""The features every side of the benchmark runs: the same Gherkin files for A and C."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
FEATURE_FILES = tuple(PROJECT / "features" / name for name in ("visit_counts.feature", "last_page.feature"))


def run_boundary(doc: str, *fixtures: str) -> Callable[[pytest.FixtureRequest], None]:
    """A test that only asks for what the whole run shares.

    pytest counts the run's set-up in the first test and its tear-down in the last; a
    boundary test before and after the scenarios takes them, so each scenario's time is
    its own, as the plain script measures it. Fixtures are asked for by name: a parameter
    would let pytest-playwright's browser parametrisation move the test ahead.
    """

    def boundary(request: pytest.FixtureRequest) -> None:
        for name in fixtures:
            request.getfixturevalue(name)

    boundary.__doc__ = doc
    return boundary

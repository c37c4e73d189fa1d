"""Each scenario of this folder runs once per copy of the spec."""

from __future__ import annotations

import pytest

COPIES = ("first", "second", "third")


@pytest.fixture(autouse=True)
def copy(request: pytest.FixtureRequest) -> str:
    """Which copy of the spec the test belongs to; the same site and browser serve all three."""
    return str(request.param)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "copy" in metafunc.fixturenames:
        metafunc.parametrize("copy", COPIES, indirect=True)

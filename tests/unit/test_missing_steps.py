"""Finding undefined steps at collection, among tests that are no scenarios."""

from __future__ import annotations

import pytest


def test_a_doctest_beside_the_plugin_is_collected(pytester: pytest.Pytester) -> None:
    # A doctest's item has no function: looking its scenario up must not end the collection.
    pytester.makepyfile(arithmetic='def double(n):\n    """\n    >>> double(2)\n    4\n    """\n    return 2 * n\n')
    result = pytester.runpytest_inprocess("--doctest-modules", "--collect-only", "-q", "arithmetic.py")
    assert "INTERNALERROR" not in result.stdout.str()
    result.assert_outcomes()
    assert result.stdout.lines[0] == "arithmetic.py::arithmetic.double"

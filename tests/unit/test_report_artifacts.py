"""The file names of a test's screenshot and trace."""

from __future__ import annotations

import re

from session_steps.report.artifacts import slug


def test_a_test_s_file_name_is_its_name_in_plain_characters_and_a_short_hash() -> None:
    name = slug("tests/test_features.py::test_the_first_visit[db-wsgi]")
    assert re.fullmatch(r"test-the-first-visit-db-wsgi-[0-9a-f]{8}", name)


def test_ids_that_read_alike_get_names_of_their_own() -> None:
    first, second = slug("t.py::test_a[x y]"), slug("t.py::test_a[x-y]")
    assert first.rsplit("-", 1)[0] == second.rsplit("-", 1)[0] == "test-a-x-y"
    assert first != second


def test_a_long_name_is_cut_before_its_hash() -> None:
    name = slug("t.py::test_" + "long_" * 40 + "[cache-redis-asgi]")
    assert len(name) == 80 + 1 + 8
    assert slug("t.py::test_" + "long_" * 40) == slug("t.py::test_" + "long_" * 40)

"""Dealing a run's cells to shards by their measured seconds, and reading ``--shard I/N``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from session_steps.errors import SpecSetupError
from session_steps.matrix.shards import Shard, cell_seconds, deal_cells, parse_shard, read_durations


def test_a_shard_is_written_i_of_n() -> None:
    assert parse_shard("2/4") == Shard(2, 4)
    assert str(Shard(2, 4)) == "2/4"


@pytest.mark.parametrize("text", ["5/4", "0/4", "2", "2/0", "two/four", "-1/4"])
def test_a_shard_outside_its_count_or_not_i_of_n_is_refused_naming_the_form(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="2/4"):
        parse_shard(text)


def test_a_cell_takes_the_seconds_of_its_tests_and_an_unmeasured_test_the_mean() -> None:
    tests = [
        ("a[db-wsgi]", "db-wsgi"),
        ("b[db-wsgi]", "db-wsgi"),
        ("a[file-asgi]", "file-asgi"),
        ("new[file-asgi]", "file-asgi"),
    ]
    durations = {"a[db-wsgi]": 1.0, "b[db-wsgi]": 3.0, "a[file-asgi]": 2.0, "gone[db-wsgi]": 100.0}
    assert cell_seconds(tests, durations) == {"db-wsgi": 4.0, "file-asgi": 4.0}


def test_without_durations_each_test_counts_alike() -> None:
    assert cell_seconds([("a", "x"), ("b", "x"), ("c", "y")], {}) == {"x": 2.0, "y": 1.0}


def test_the_longest_cell_goes_first_to_the_lightest_shard() -> None:
    seconds = {"a": 5.0, "b": 4.0, "c": 3.0, "d": 3.0, "e": 2.0, "f": 1.0}
    dealt = deal_cells(seconds, 3)
    loads = [sum(seconds[cell] for cell, shard in dealt.items() if shard == index) for index in (1, 2, 3)]
    assert dealt == {"a": 1, "b": 2, "c": 3, "d": 3, "e": 2, "f": 1}
    assert loads == [6.0, 6.0, 6.0]


def test_every_cell_is_dealt_once_whatever_order_the_tests_came_in() -> None:
    seconds = {f"cell-{n}": float(n % 4 + 1) for n in range(18)}
    shuffled = dict(sorted(seconds.items(), reverse=True))
    assert deal_cells(seconds, 4) == deal_cells(shuffled, 4)
    assert set(deal_cells(seconds, 4).values()) == {1, 2, 3, 4}


def test_the_durations_file_is_pytest_splits(tmp_path: Path) -> None:
    path = tmp_path / "durations.json"
    path.write_text(json.dumps({"tests/test_features.py::test_a[db-wsgi]": 0.5}))
    assert read_durations(path) == {"tests/test_features.py::test_a[db-wsgi]": 0.5}


@pytest.mark.parametrize(
    ("text", "said"), [(None, "no such file"), ("{", "not JSON"), ("[1, 2]", "expected an object")]
)
def test_a_missing_or_unreadable_durations_file_is_one_line(tmp_path: Path, text: str | None, said: str) -> None:
    path = tmp_path / "durations.json"
    if text is not None:
        path.write_text(text)
    with pytest.raises(SpecSetupError, match=said) as raised:
        read_durations(path)
    assert "\n" not in str(raised.value)


def test_a_cell_moves_from_the_longest_shard_where_dealing_in_turn_left_it_long() -> None:
    # Dealt longest first: a, c, e on one shard (7 s), b, d on the other (5 s).
    seconds = {"a": 3.0, "b": 3.0, "c": 2.0, "d": 2.0, "e": 2.0}
    dealt = deal_cells(seconds, 2)
    assert sorted(sum(seconds[cell] for cell, shard in dealt.items() if shard == index) for index in (1, 2)) == [
        6.0,
        6.0,
    ]

"""Which tests run which line: the step mutants run only those, and judge again before calling a survivor one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from spec_runner import PROJECT

sys.path.insert(0, str(PROJECT / "scripts"))

import step_mutants
from covering_tests import covering
from mutation import Mutant

LIBRARY = """
LIMIT = 3


def under(value):
    return value < LIMIT


def made_once():
    return "made"
"""

TESTS = """
import pytest
from library import made_once, under


@pytest.fixture(scope="session")
def shared():
    return made_once()


def test_small(shared):
    assert under(1)


def test_none():
    assert True
"""


def test_each_tests_lines_are_recorded_under_its_name_and_what_outlives_a_test_under_none(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "library.py").write_text(LIBRARY)
    (tmp_path / "test_library.py").write_text(TESTS)
    data = tmp_path / "coverage"
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(source), str(PROJECT / "scripts")]),
        "SESSION_SPEC_COVERAGE": str(data),
        "SESSION_SPEC_COVERAGE_SOURCE": str(source),
    }
    command = [sys.executable, "-m", "pytest", "-p", "covering_tests", "-p", "no:randomly", "-q", "test_library.py"]
    finished = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stdout + finished.stderr

    lines = covering(data, source)["library.py"]
    # under() runs in one test; the session fixture's made_once() for every test after it.
    assert lines[6] == frozenset({"test_small"})
    assert lines[10] is None
    # Imported while collecting: its module-level lines ran outside any test.
    assert lines[2] is None


def mutant_of(module: str, unit: str, change: str) -> Mutant:
    found = [each for each in step_mutants.mutants_of(module) if each.function == unit and change in each.change]
    assert len(found) == 1, [mutant.id for mutant in found]
    return found[0]


def line_reading(module: str, text: str) -> int:
    lines = (step_mutants.PACKAGE / module).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_a_mutant_needs_the_lines_of_its_statement_or_those_reading_the_name_it_changes() -> None:
    visitors = "browser/visitors.py"
    # A module-level name read in one function only: the line that reads it.
    fetch = mutant_of(visitors, "RECORDED_TYPES", "'fetch' ->")
    assert step_mutants.lines_of(fetch) == [line_reading(visitors, "in RECORDED_TYPES")]
    # A name other modules import is read at their import: every test.
    assert step_mutants.lines_of(mutant_of(visitors, "THE_VISITOR", "statement removed")) is None


def test_only_the_tests_that_run_a_mutants_lines_are_chosen_and_none_without_a_measure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = step_mutants.SITES[0]
    mutant = mutant_of("browser/visitors.py", "RECORDED_TYPES", "'fetch' ->")
    monkeypatch.setattr(step_mutants, "COVERING", {site.name: {mutant.module: {5: frozenset({"a"}), 6: None}}})
    assert [test for test in "abc" if step_mutants.runs_mutated_line(site, mutant, [4, 5])(test)] == ["a"]
    # A line run at import (or by what outlives a test) is run for every test.
    assert all(step_mutants.runs_mutated_line(site, mutant, [5, 6])(test) for test in "abc")
    assert all(step_mutants.runs_mutated_line(site, mutant, None)(test) for test in "abc")
    assert not any(step_mutants.runs_mutated_line(site, mutant, [7])(test) for test in "abc")
    # A site whose baseline measured nothing: every test may tell the mutant apart.
    other = step_mutants.SITES[1]
    assert all(step_mutants.runs_mutated_line(other, mutant, [7])(test) for test in "abc")


def test_a_mutant_the_tests_that_run_its_line_miss_is_judged_on_the_others_before_it_survives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = step_mutants.SITES[0]
    mutant = mutant_of("browser/visitors.py", "RECORDED_TYPES", "'fetch' ->")
    monkeypatch.setattr(step_mutants, "SITES", (site,))
    monkeypatch.setattr(step_mutants, "lines_of", lambda mutant: [1])
    monkeypatch.setattr(step_mutants, "COVERING", {site.name: {mutant.module: {1: frozenset({"test_a[db-wsgi]"})}}})
    tried: list[list[str]] = []

    def judge_on(mutant, scenarios, baseline, killers, chosen_test):  # type: ignore[no-untyped-def]
        tried.append([test for test in baseline[site] if chosen_test(site, test)])
        return False

    monkeypatch.setattr(step_mutants, "judge_on", judge_on)
    baseline = {site: {"test_a[db-wsgi]": "passed", "test_b[db-wsgi]": "passed"}}
    assert not step_mutants.judge(mutant, [], baseline, step_mutants.Killers())
    assert tried == [["test_a[db-wsgi]"], ["test_b[db-wsgi]"]]

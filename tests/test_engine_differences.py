"""Every scenario tagged @engine:NAME or @store:WHERE passes on its engines and fails on every other one."""

from __future__ import annotations

import re

import pytest
from spec_runner import PROJECT, SpecRun, cells_of, engine_scenarios, every_engine_here, on_cell, spec_run

from session_steps.matrix.cells import ENGINE_TAG, ENGINES, STORE_TAG, STORES, Cell, tagged
from session_steps.matrix.runnable import left_out_line

ENGINE_SCENARIOS = engine_scenarios()
# --session-engine=all leaves out the engines this machine cannot run (redis-server missing).
HERE = every_engine_here()
ENGINES_HERE = [cell.engine.name for cell in HERE.cells]


@pytest.fixture(scope="module")
def everywhere(tmp_path_factory: pytest.TempPathFactory) -> SpecRun:
    """The engine-tagged scenarios, run on every engine this machine runs, regardless of their tags."""
    selection = " or ".join(ENGINE_SCENARIOS)
    return spec_run(
        tmp_path_factory.mktemp("engines"),
        "--ignore-engine-tags",
        "--session-engine=all",
        "--expect-timeout=500",
        "-k",
        selection,
    )


def test_there_are_engine_differences_to_check() -> None:
    # Counted in the text, apart from the parser: a tag line, then its scenario.
    written = sum(
        len(re.findall(r"^ *@(?:engine|store):.*\n *Scenario", path.read_text(), re.MULTILINE))
        for path in (PROJECT / "features").glob("*.feature")
    )
    assert len(ENGINE_SCENARIOS) == written, f"{len(ENGINE_SCENARIOS)} tagged scenarios parsed, {written} written"
    tags = set().union(*ENGINE_SCENARIOS.values())
    assert tagged(tags, ENGINE_TAG) == {engine.family for engine in ENGINES.values()}
    assert tagged(tags, STORE_TAG) == set(STORES)


def test_the_run_covers_every_engine_this_machine_runs_and_names_the_rest(everywhere: SpecRun) -> None:
    # Only an engine that needs something from the machine may be left out, so db never is.
    assert {cell.engine.name for cell in HERE.left_out} <= {name for name, engine in ENGINES.items() if engine.needs}
    assert cells_of(everywhere.outcomes) == {cell.id for cell in HERE.cells}
    expected_line = left_out_line(HERE.left_out)
    lines = [line for line in everywhere.output.splitlines() if "django-session-spec: left out" in line]
    assert lines == ([expected_line] if expected_line else []), everywhere.output[-2000:]


@pytest.mark.parametrize("engine", ENGINES_HERE)
def test_engine_scenarios_pass_on_their_engine_only(everywhere: SpecRun, engine: str) -> None:
    # An outline's examples each have a verdict of their own: all must be the scenario's.
    outcomes: dict[str, set[str]] = {}
    for test, outcome in on_cell(everywhere.outcomes, f"{engine}-wsgi").items():
        outcomes.setdefault(test.split("[", 1)[0], set()).add(outcome)
    cell = Cell(ENGINES[engine], "wsgi")
    expected = {name: {"passed" if cell.runs(tags) else "failed"} for name, tags in ENGINE_SCENARIOS.items()}
    assert outcomes == expected

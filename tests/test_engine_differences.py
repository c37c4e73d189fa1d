"""Every scenario tagged @engine:NAME passes on its engines and fails on every other one."""

from __future__ import annotations

import pytest
from pytest_bdd.feature import get_features
from pytest_bdd.scenario import make_python_name
from spec_runner import PROJECT, SpecRun, cells_of, every_engine_here, on_variant, spec_run

from session_steps.matrix import left_out_line
from session_steps.variants import ENGINE_TAG, ENGINES


def engine_scenarios() -> dict[str, set[str]]:
    """Each engine-tagged scenario's test name, with the engine families its tags name."""
    tagged = {}
    for feature in get_features([str(PROJECT / "features")]):
        for scenario in feature.scenarios.values():
            families = {tag.removeprefix(ENGINE_TAG) for tag in scenario.tags if tag.startswith(ENGINE_TAG)}
            if families:
                tagged["test_" + make_python_name(scenario.name)] = families
    return tagged


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
    assert len(ENGINE_SCENARIOS) >= 7
    assert set().union(*ENGINE_SCENARIOS.values()) == {engine.family for engine in ENGINES.values()}


def test_the_run_covers_every_engine_this_machine_runs_and_names_the_rest(everywhere: SpecRun) -> None:
    # Only an engine that needs something from the machine may be left out, so db never is.
    assert {cell.engine.name for cell in HERE.left_out} <= {name for name, engine in ENGINES.items() if engine.needs}
    assert cells_of(everywhere.outcomes) == {cell.id for cell in HERE.cells}
    expected_line = left_out_line(HERE.left_out)
    lines = [line for line in everywhere.output.splitlines() if "django-session-spec: left out" in line]
    assert lines == ([expected_line] if expected_line else []), everywhere.output[-2000:]


@pytest.mark.parametrize("engine", ENGINES_HERE)
def test_engine_scenarios_pass_on_their_engine_only(everywhere: SpecRun, engine: str) -> None:
    outcomes = on_variant(everywhere.outcomes, f"{engine}-wsgi")
    expected = {
        name: "passed" if ENGINES[engine].family in families else "failed"
        for name, families in ENGINE_SCENARIOS.items()
    }
    assert outcomes == expected

"""Every scenario tagged @engine:NAME passes on its engines and fails on every other one."""

from __future__ import annotations

import pytest
from pytest_bdd.feature import get_features
from pytest_bdd.scenario import make_python_name
from spec_runner import PROJECT, on_variant, run_spec

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


@pytest.fixture(scope="module")
def everywhere(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The engine-tagged scenarios, run on every engine regardless of their tags."""
    selection = " or ".join(ENGINE_SCENARIOS)
    return run_spec(
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


@pytest.mark.parametrize("engine", list(ENGINES))
def test_engine_scenarios_pass_on_their_engine_only(everywhere: dict[str, str], engine: str) -> None:
    outcomes = on_variant(everywhere, f"{engine}-wsgi")
    expected = {
        name: "passed" if ENGINES[engine].family in families else "failed"
        for name, families in ENGINE_SCENARIOS.items()
    }
    assert outcomes == expected

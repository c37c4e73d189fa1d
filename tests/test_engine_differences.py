"""Every scenario tagged @engine:NAME passes on its engines and fails on every other one."""

from __future__ import annotations

import re

import pytest
from spec_runner import PROJECT, engine_scenarios, on_variant, run_spec

from session_steps.variants import ENGINES

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
    # Counted in the text, apart from the parser: a tag line, then its scenario.
    tagged = sum(
        len(re.findall(r"^ *@engine:.*\n *Scenario", path.read_text(), re.MULTILINE))
        for path in (PROJECT / "features").glob("*.feature")
    )
    assert len(ENGINE_SCENARIOS) == tagged, f"{len(ENGINE_SCENARIOS)} engine-tagged scenarios parsed, {tagged} written"
    assert set().union(*ENGINE_SCENARIOS.values()) == {engine.family for engine in ENGINES.values()}


@pytest.mark.parametrize("engine", list(ENGINES))
def test_engine_scenarios_pass_on_their_engine_only(everywhere: dict[str, str], engine: str) -> None:
    outcomes = on_variant(everywhere, f"{engine}-wsgi")
    expected = {
        name: "passed" if ENGINES[engine].family in families else "failed"
        for name, families in ENGINE_SCENARIOS.items()
    }
    assert outcomes == expected

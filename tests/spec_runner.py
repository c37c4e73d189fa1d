"""Running the spec in a pytest of its own, reading back each scenario's outcome, and what the features hold."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from session_steps.bdd_compat import get_features, make_python_name
from session_steps.matrix.cells import ENGINES, REMOTE_ENGINE, Cell, Engine, chooses_cells
from session_steps.matrix.runnable import Matrix, runnable_matrix

PROJECT = Path(__file__).resolve().parents[1]
TESTS = PROJECT / "tests"

# The lesson's example as a feature file of its own, for tests that run a small spec.
LESSONS_EXAMPLE_FEATURE = """\
Feature: Favourite colour
  Scenario: The lesson's example
    Given a new visitor
    When the visitor opens "/color/"
    Then the page reads "Favorite color is blue"
"""


@dataclass(frozen=True)
class SpecRun:
    """What a run of the feature suite gave: each scenario's outcome, and what it printed."""

    outcomes: dict[str, str]
    output: str


def run_spec(tmp_path: Path, *args: str, timeout: float = 600) -> dict[str, str]:
    """Run the feature suite with ``args``; map each scenario's test name to its outcome."""
    return spec_run(tmp_path, *args, timeout=timeout).outcomes


def spec_run(tmp_path: Path, *args: str, timeout: float = 600, env: dict[str, str] | None = None) -> SpecRun:
    """Run the feature suite with ``args`` (in ``env``, else this process's environment)."""
    report = tmp_path / "junit.xml"
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(TESTS / "test_features.py"),
        f"--junitxml={report}",
        f"--output={tmp_path / 'artifacts'}",
        "--tracing=off",
        "--screenshot=off",
        # The runs expect failures: a retry would only run each of them twice.
        "--reruns=0",
        "-p",
        "no:cacheprovider",
        "-q",
        *args,
    ]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=timeout, env=env)
    if not report.exists():
        raise AssertionError(f"the spec run produced no report:\n{result.stdout}\n{result.stderr}")
    return SpecRun(outcomes(report), result.stdout + result.stderr)


def outcomes(junit_xml: Path) -> dict[str, str]:
    """Each test case of a JUnit XML report: "passed", "failed", "error" or "skipped"."""
    results = {}
    for case in ElementTree.parse(junit_xml).getroot().iter("testcase"):
        tags = {child.tag for child in case}
        outcome = next((tag for tag in ("failure", "error", "skipped") if tag in tags), "passed")
        results[case.attrib["name"]] = {"failure": "failed"}.get(outcome, outcome)
    return results


def reasons(junit_xml: Path) -> dict[str, str]:
    """Each failed, erroneous or skipped test case of a JUnit XML report, with the message that says why."""
    return {
        case.attrib["name"]: child.attrib.get("message", "")
        for case in ElementTree.parse(junit_xml).getroot().iter("testcase")
        for child in case
        if child.tag in ("failure", "error", "skipped")
    }


# A project's own engine is named by its dotted path: [broken_site.strict_sessions-wsgi].
CELL_ID = re.compile(r"\[(?P<cell>[a-z_][a-z_.]*(?:-[a-z]+)*?-(?:wsgi|asgi)|other-engines)(?:-|(?=\]))")


def on_cell(outcomes: dict[str, str], cell: str) -> dict[str, str]:
    """The outcomes of one cell of the matrix ("db-wsgi"), named without the cell."""
    found = {}
    for name, outcome in outcomes.items():
        match = CELL_ID.search(name)
        if match and match.group("cell") == cell:
            found[CELL_ID.sub("[", name, count=1).replace("[]", "")] = outcome
    return found


def scenarios_named(tests: Iterable[str]) -> str:
    """A ``-k`` expression that selects these tests' scenarios (an outline's examples by its name)."""
    return " or ".join(sorted({test.split("[", 1)[0] for test in tests}))


def cells_of(test_names: Iterable[str]) -> set[str]:
    """The cells of the matrix ("db-wsgi") that tests ran on, from their names or ids."""
    return {match.group("cell") for name in test_names if (match := CELL_ID.search(name))}


def every_engine_here(servers: tuple[str, ...] = ("wsgi",)) -> Matrix:
    """What ``--session-engine=all`` covers on this machine behind ``servers``, and what it leaves out."""
    cells = [Cell(engine, server) for server in servers for engine in ENGINES.values()]
    return runnable_matrix(cells, every_engine=True, every_server=False)


@dataclass(frozen=True)
class SpecScenario:
    """One scenario of the features, as the spec's test module binds it."""

    test_name: str
    tags: frozenset[str]  # its own, its rule's and its feature's
    runs: int  # one per row of its examples, or one

    @property
    def limited(self) -> bool:
        """Whether its tags limit the cells it runs on (``@engine:``, ``@store:``)."""
        return any(chooses_cells(tag) for tag in self.tags)

    def runs_on(self, engine: Engine) -> bool:
        return Cell(engine, "wsgi").runs(self.tags)


def spec_scenarios() -> list[SpecScenario]:
    """Every scenario of the features."""
    found = []
    for feature in get_features([str(PROJECT / "features")]):
        for scenario in feature.scenarios.values():
            tags = scenario.tags | feature.tags | (scenario.rule.tags if scenario.rule else set())
            rows = sum(len(examples.examples) for examples in scenario.examples)
            found.append(SpecScenario("test_" + make_python_name(scenario.name), frozenset(tags), max(rows, 1)))
    return found


def engine_scenarios() -> dict[str, frozenset[str]]:
    """Each scenario whose tags limit the cells it runs on, by test name, with its tags."""
    return {scenario.test_name: scenario.tags for scenario in spec_scenarios() if scenario.limited}


def engine_named(engine: Engine | str) -> Engine:
    """An engine of the matrix by name ("db"), or a deployment's ("remote"); an ``Engine`` as it is."""
    if isinstance(engine, Engine):
        return engine
    return REMOTE_ENGINE if engine == REMOTE_ENGINE.name else ENGINES[engine]


def scenarios_not_for(engine: Engine | str) -> set[str]:
    """The engine-tagged scenarios that state a fact of other engines than ``engine``."""
    return {scenario.test_name for scenario in spec_scenarios() if not scenario.runs_on(engine_named(engine))}


def runs_on(engine: Engine | str, *, leaving_out: str | None = None) -> int:
    """How many scenario runs a cell of this engine makes, without those tagged ``leaving_out``."""
    return sum(
        scenario.runs
        for scenario in spec_scenarios()
        if scenario.runs_on(engine_named(engine)) and leaving_out not in scenario.tags
    )


def skipped_on_a_deployment() -> int:
    """How many scenario runs of the packaged spec a deployment skips, however it is read.

    Those of other engines (once each, unless --session-engine names its own), and those that
    need settings of their own (a short session age, a secure cookie, HTTPS), as a
    deployment's settings cannot be read.
    """
    return len(engine_scenarios()) + runs_on("remote") - runs_on("remote", leaving_out="needs_site_settings")

"""Where a scenario's time goes: Playwright's calls, and the Python around them, part by part.

``playwright_clock`` counts the time spent inside Playwright's sync API (every call waits
there for the browser and its driver: the work a plain script does too). The pytest plugin
of this module (``-p parts``, with ``bench/`` on the path and ``BENCH_PARTS`` naming the
JSON file to write) splits each test of the suite into:

- ``fixtures``: set-up and tear-down, less their Playwright calls (new context, close);
- ``dispatch``: pytest-bdd's call less the step functions (finding steps, converting
  arguments, its hooks and this project's report hooks when the report is on);
- ``steps``: the step functions less their Playwright calls (this project's steps);
- ``playwright``: every Playwright call of the test, in any phase.

The plain script (``plain_script.py --parts FILE``) writes ``playwright`` and ``script``,
the rest of its scenario. Both write each scenario's Playwright calls by method (count and
seconds), so that a difference inside Playwright shows which calls make it. The clock's
own cost is a few microseconds a call: sides with it are timed apart from those the
ratios compare.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Generator
from pathlib import Path

import pytest
from playwright_clock import CLOCK

PARTS_FILE = "BENCH_PARTS"


class SuiteParts:
    """Each test's parts, by test name without ``test_``, written at the end of the run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self._step_started: tuple[float, float] | None = None
        self.calls: dict[str, dict[str, list[float]]] = {}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, None, object]:
        calls, seconds = Counter(CLOCK.calls), Counter(CLOCK.seconds_by_call)
        outcome = yield
        self.calls[item.name.removeprefix("test_")] = CLOCK.since(calls, seconds)
        return outcome

    def _timed_phase(self, item: pytest.Item, phase: str) -> Generator[None, None, None]:
        started, playwright = time.perf_counter(), CLOCK.seconds
        yield
        parts = self.parts[item.name.removeprefix("test_")]
        parts[phase] += time.perf_counter() - started
        parts[f"playwright_{phase}"] += CLOCK.seconds - playwright

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, None, None]:
        yield from self._timed_phase(item, "setup")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        yield from self._timed_phase(item, "call")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, None, None]:
        yield from self._timed_phase(item, "teardown")

    # The step function alone: pytest-bdd calls these hooks right before and after it.
    def pytest_bdd_before_step_call(self) -> None:
        self._step_started = (time.perf_counter(), CLOCK.seconds)

    def _step_ended(self, request: pytest.FixtureRequest) -> None:
        if self._step_started is None:
            return
        started, playwright = self._step_started
        parts = self.parts[request.node.name.removeprefix("test_")]
        parts["steps"] += time.perf_counter() - started
        parts["playwright_steps"] += CLOCK.seconds - playwright
        self._step_started = None

    def pytest_bdd_after_step(self, request: pytest.FixtureRequest) -> None:
        self._step_ended(request)

    def pytest_bdd_step_error(self, request: pytest.FixtureRequest) -> None:
        self._step_ended(request)

    def pytest_sessionfinish(self) -> None:
        self.path.write_text(
            json.dumps(
                {
                    name: {"parts": suite_parts(raw), "calls": self.calls.get(name, {})}
                    for name, raw in self.parts.items()
                }
            )
        )


def suite_parts(raw: dict[str, float]) -> dict[str, float]:
    """The parts of one test of the suite, from its phases' times and their Playwright time; they sum to its time."""
    playwright_outside_steps = raw["playwright_call"] - raw["playwright_steps"]
    return {
        "fixtures": raw["setup"] + raw["teardown"] - raw["playwright_setup"] - raw["playwright_teardown"],
        # A Playwright call made around the steps (the report's screenshot) counts as Playwright's.
        "dispatch": raw["call"] - raw["steps"] - playwright_outside_steps,
        "steps": raw["steps"] - raw["playwright_steps"],
        "playwright": raw["playwright_setup"] + raw["playwright_call"] + raw["playwright_teardown"],
    }


def pytest_configure(config: pytest.Config) -> None:
    path = os.environ.get(PARTS_FILE)
    if path:
        CLOCK.install()
        config.pluginmanager.register(SuiteParts(Path(path)), "bench-suite-parts")

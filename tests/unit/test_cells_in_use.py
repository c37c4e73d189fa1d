"""Which cells' stores a run starts: those its scenarios run on, or all where another test may ask."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from session_steps.matrix.cells import DATABASES, ENGINES, Cell
from session_steps.pytest_plugin.fixtures import cells_in_use

DB = Cell(ENGINES["db"], "wsgi")
REDIS = Cell(ENGINES["cache-redis"], "asgi")
MEMCACHED = Cell(ENGINES["cache-memcached"], "wsgi")
ON_POSTGRESQL = Cell(ENGINES["db"], "wsgi", database=DATABASES["postgresql"])
CELLS = [DB, REDIS, MEMCACHED, ON_POSTGRESQL]


def scenario_on(cell: Any) -> Any:
    return SimpleNamespace(callspec=SimpleNamespace(params={"site_cell": cell}))


def test_scenarios_on_one_engine_start_no_other_engines_store() -> None:
    assert cells_in_use([scenario_on(DB), scenario_on(DB)], CELLS) == [DB]
    needs = cells_in_use([scenario_on(DB)], CELLS)
    assert not any(cell.engine.needs_redis or cell.engine.needs_memcached for cell in needs)


def test_the_cells_keep_the_runs_order() -> None:
    assert cells_in_use([scenario_on(ON_POSTGRESQL), scenario_on(REDIS)], CELLS) == [REDIS, ON_POSTGRESQL]


def test_a_test_outside_the_matrix_may_ask_for_any_cell() -> None:
    plain_test = SimpleNamespace()
    assert cells_in_use([scenario_on(DB), plain_test], CELLS) == CELLS
    other_parameters = SimpleNamespace(callspec=SimpleNamespace(params={"number": 1}))
    assert cells_in_use([other_parameters], CELLS) == CELLS


def test_a_scenario_that_runs_on_no_cell_of_the_run_asks_for_all() -> None:
    # Its skip needs no store, but nothing here tells it from a test of the project's own.
    assert cells_in_use([scenario_on("no cell of this run")], CELLS) == CELLS

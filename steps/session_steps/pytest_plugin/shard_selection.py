"""``--shard I/N``: this machine's share of the matrix, whole cells dealt out by their measured seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from session_steps.errors import SpecSetupError
from session_steps.matrix.cells import Cell
from session_steps.matrix.shards import Shard, cell_seconds, deal_cells, read_durations
from session_steps.pytest_plugin.preflight import usage_error

DURATIONS = pytest.StashKey[dict[str, float]]()
# What this shard runs, said once the tests are collected.
DEALT_LINE = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """Read the durations file at once, so that a wrong path stops the run in its first seconds."""
    path = config.getoption("shard_durations")
    if config.getoption("shard") is None or not path:
        config.stash[DURATIONS] = {}
        return
    try:
        config.stash[DURATIONS] = read_durations(Path(path))
    except SpecSetupError as error:
        raise usage_error(str(error)) from None


# A scenario that runs on no cell of the run only skips: shard 1 takes it, at no cost.
NO_CELL = "no cell of this run"


def matrix_cell(item: pytest.Item) -> str | None:
    """The id of the cell a scenario of the matrix runs on, NO_CELL where it runs on none, None for another test."""
    callspec = getattr(item, "callspec", None)
    if callspec is None or "site_cell" not in callspec.params:
        return None
    cell = callspec.params["site_cell"]
    return cell.id if isinstance(cell, Cell) else NO_CELL


# Last, so that -k, -m and every other choice of tests is made before the cells are dealt:
# each shard deals the same tests, so the shards together run each of them once.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the scenarios of this shard's cells; the tests outside the matrix are left to a run of -m 'not matrix'."""
    shard: Shard | None = config.getoption("shard")
    if shard is None:
        return
    cells = {id(item): cell for item in items if (cell := matrix_cell(item)) is not None}
    durations = config.stash[DURATIONS]
    tests = ((item.nodeid, cells[id(item)]) for item in items if cells.get(id(item), NO_CELL) != NO_CELL)
    seconds = cell_seconds(tests, durations)
    dealt = deal_cells(seconds, shard.count)
    mine = sorted(cell for cell, index in dealt.items() if index == shard.index)
    if not mine:
        raise usage_error(
            f"--shard={shard}: this run's tests are on {cells_said(len(dealt))}, too few to fill {shard.count} shards:"
            " shard them no further than one cell a shard, or leave --shard out"
        )
    measured = sum(seconds[cell] for cell in mine)
    config.stash[DEALT_LINE] = (
        f"django-session-spec: shard {shard} runs the scenarios of {cells_said(len(mine))} of {len(dealt)}"
        f" (about {measured:.0f} s measured): {', '.join(mine)}"
    )
    if shard.index == 1:
        mine.append(NO_CELL)
    kept = [item for item in items if cells.get(id(item)) in mine]
    config.hook.pytest_deselected(items=[item for item in items if cells.get(id(item)) not in mine])
    items[:] = kept


def cells_said(count: int) -> str:
    return "1 cell" if count == 1 else f"{count} cells"


def pytest_report_collectionfinish(config: pytest.Config) -> list[str]:
    line = config.stash.get(DEALT_LINE, None)
    return [line] if line else []

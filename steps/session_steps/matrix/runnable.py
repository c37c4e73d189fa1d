"""The cells a run covers: those asked for, less those this machine cannot run."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from session_steps.matrix.cells import SERVER_NEEDS, Cell
from session_steps.matrix.machine import missing


@dataclass(frozen=True)
class Matrix:
    """The cells a run covers, and those it leaves out with what this machine lacks for each."""

    cells: list[Cell]
    left_out: dict[Cell, str] = field(default_factory=dict)


def runnable_matrix(cells: list[Cell], every_engine: bool, every_server: bool, every_database: bool = False) -> Matrix:
    """Leave out the cells this machine cannot run, where they came from an ``all``.

    A cell named on its own (``--session-engine=cache-redis``, ``--database=postgresql``, or
    the engine the site's settings configure) that cannot run stops the run at once, saying
    what to install: running the rest would pass without the cell that was asked for.
    """
    runnable: list[Cell] = []
    left_out: dict[Cell, str] = {}
    for cell in cells:
        engine_lacks = missing(cell.engine.needs)
        server_lacks = missing(SERVER_NEEDS.get(cell.server, ()))
        database_lacks = missing(cell.database.needs)
        if engine_lacks and not every_engine:
            raise pytest.UsageError(cannot_run(engine_named(cell), engine_lacks))
        if server_lacks and not every_server:
            raise pytest.UsageError(cannot_run(f"--server={cell.server}", server_lacks))
        if database_lacks and not every_database:
            raise pytest.UsageError(cannot_run(f"--database={cell.database.name}", database_lacks))
        lacks = [lacking for lacking in (engine_lacks, server_lacks, database_lacks) if lacking]
        if lacks:
            left_out[cell] = " and ".join(lacks)
        else:
            runnable.append(cell)
    if not runnable:
        raise pytest.UsageError(f"django-session-spec: every cell asked for is left out: {left_out_cells(left_out)}")
    return Matrix(runnable, left_out)


def engine_named(cell: Cell) -> str:
    """How the run asked for the cell's engine, as its user wrote it."""
    if cell.overrides_engine:
        return f"--session-engine={cell.engine.name}"
    return f"the session engine of the site's settings ({cell.engine.module})"


def cannot_run(what: str, lacks: str) -> str:
    """The usage error's one line: what was asked for, and what to install for it."""
    return f"django-session-spec: {what} cannot run on this machine: {lacks}"


def left_out_cells(left_out: dict[Cell, str]) -> str:
    """The cells grouped by what they lack: ``a-wsgi, a-asgi, which this machine cannot run: ...``."""
    groups: dict[str, list[str]] = {}
    for cell, lacks in left_out.items():
        groups.setdefault(lacks, []).append(cell.id)
    return "; ".join(f"{', '.join(ids)}, which this machine cannot run: {lacks}" for lacks, ids in groups.items())


def left_out_line(left_out: dict[Cell, str]) -> str | None:
    """The one line a run shows about the cells it left out, or None when it left out none."""
    return f"django-session-spec: left out {left_out_cells(left_out)}" if left_out else None

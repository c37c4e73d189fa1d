"""Reading a cell's store on its own database, in the test process where the run's SQLite file is the default."""

from __future__ import annotations

from typing import Any

from session_steps.matrix.cells import SQLITE, Cell


class OneDatabase:
    """A database router that sends every model to one database alias."""

    def __init__(self, alias: str) -> None:
        self.alias = alias

    def db_for_read(self, model: type, **hints: Any) -> str:
        return self.alias

    def db_for_write(self, model: type, **hints: Any) -> str:
        return self.alias


def database_overrides(cell: Cell) -> dict[str, object]:
    """The settings that make the test process read a cell's sessions where its server keeps them.

    The server of a cell on PostgreSQL has it as its only database; the test process has
    every database of the run, and Django cannot swap its default while it runs, so it routes
    the cell's models to the cell's database instead.
    """
    if cell.database == SQLITE:
        return {}
    return {"DATABASE_ROUTERS": [OneDatabase(cell.database.alias)]}

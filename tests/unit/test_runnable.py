"""The line a run shows about the cells of the matrix it cannot run.

``tests/test_missing_servers.py`` tests the rest of ``matrix.py`` directly, beside whole runs
on a machine without redis-server.
"""

from __future__ import annotations

from session_steps.matrix.cells import ENGINES, Cell
from session_steps.matrix.runnable import left_out_cells

NO_REDIS = "redis-server is not installed (apt-get install redis-server)"
NO_UVICORN = "the Python package uvicorn is not installed (pip install uvicorn)"


def test_cells_lacking_the_same_thing_are_named_together_wherever_they_were_found() -> None:
    left_out = {
        Cell(ENGINES["cache-redis"], "wsgi"): NO_REDIS,
        Cell(ENGINES["db"], "asgi"): NO_UVICORN,
        Cell(ENGINES["cache-redis"], "asgi"): NO_REDIS,
    }
    assert left_out_cells(left_out) == (
        f"cache-redis-wsgi, cache-redis-asgi, which this machine cannot run: {NO_REDIS}; "
        f"db-asgi, which this machine cannot run: {NO_UVICORN}"
    )

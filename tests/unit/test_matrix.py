"""The lines a run shows about the cells of the matrix it cannot run."""

from __future__ import annotations

from session_steps.matrix import cannot_run, engine_named, left_out_cells, left_out_line
from session_steps.variants import ENGINES, SiteVariant, configured_engine

NO_REDIS = "redis-server is not installed (apt-get install redis-server)"
NO_UVICORN = "the Python package uvicorn is not installed (pip install uvicorn)"


def test_cells_lacking_the_same_thing_are_named_together_in_the_order_found() -> None:
    left_out = {
        SiteVariant(ENGINES["cache-redis"], "wsgi"): NO_REDIS,
        SiteVariant(ENGINES["db"], "asgi"): NO_UVICORN,
        SiteVariant(ENGINES["cache-redis"], "asgi"): NO_REDIS,
    }
    assert left_out_cells(left_out) == (
        f"cache-redis-wsgi, cache-redis-asgi, which this machine cannot run: {NO_REDIS}; "
        f"db-asgi, which this machine cannot run: {NO_UVICORN}"
    )
    assert left_out_line(left_out) == f"django-session-spec: left out {left_out_cells(left_out)}"


def test_a_run_that_left_nothing_out_has_no_line() -> None:
    assert left_out_line({}) is None


def test_an_engine_is_named_as_the_run_asked_for_it() -> None:
    assert engine_named(SiteVariant(ENGINES["cache-redis"], "wsgi")) == "--session-engine=cache-redis"
    configured = configured_engine("django.contrib.sessions.backends.cache")
    assert engine_named(SiteVariant(configured, "wsgi", overrides_engine=False)) == (
        "the session engine of the site's settings (django.contrib.sessions.backends.cache)"
    )


def test_what_cannot_run_is_one_line_with_what_to_install() -> None:
    assert cannot_run("--server=asgi", NO_UVICORN) == (
        f"django-session-spec: --server=asgi cannot run on this machine: {NO_UVICORN}"
    )

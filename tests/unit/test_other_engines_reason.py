"""Why a scenario runs on no cell of a run, and how to run it: never by replacing the site's engine."""

from __future__ import annotations

from session_steps.matrix.cells import REMOTE_ENGINE, Cell, configured_engine
from session_steps.plugin import other_engines_reason

THEIRS = Cell(configured_engine("user_sessions.backends.db", family="db"), "wsgi", overrides_engine=False)
NO_FAMILY = Cell(configured_engine("redis_sessions.session"), "wsgi", overrides_engine=False)


def test_on_their_site_the_engine_is_added_beside_theirs() -> None:
    assert other_engines_reason({"engine:file"}, {}, cells=[THEIRS], own_site=True) == (
        "specifies the file engine: add --session-engine=file (beside --session-engine=site) "
        "to run a variant of your site on it too"
    )


def test_an_engine_of_no_family_is_told_how_to_declare_one() -> None:
    assert other_engines_reason({"engine:cache"}, {}, cells=[NO_FAMILY], own_site=True) == (
        "specifies the cache engine, and the site's redis_sessions.session is made from none of Django's: "
        "if it keeps sessions like Django's cache, declare it with --session-engine-family=cache "
        "(or SESSION_SPEC_ENGINE_FAMILY = 'cache' in its settings)"
    )


def test_a_deployment_s_cell_has_no_family_to_declare() -> None:
    remote = Cell(REMOTE_ENGINE, "wsgi", overrides_engine=False)
    assert other_engines_reason({"engine:file"}, {}, cells=[remote]) == (
        "specifies the file engine: run with --session-engine=file for it"
    )


def test_a_store_tag_names_the_engines_whose_sessions_are_kept_so() -> None:
    remote = Cell(REMOTE_ENGINE, "wsgi", overrides_engine=False)
    assert other_engines_reason({"store:per-server"}, {}, cells=[remote]) == (
        "specifies a per-server store (the cache-locmem, file engines): "
        "run with --session-engine=cache-locmem or file for it"
    )

"""A site served by two servers: what each engine's sessions do there, on settings beside the bundled site's."""

from __future__ import annotations

import shutil
from pathlib import Path

from spec_runner import TESTS, on_cell, run_spec

# The scenarios of features/several_servers.feature.
SEVERAL_SERVERS = "alternate_between_the_servers or on_each_server or each_server_counts_on_its_own"
SHARED = {
    "test_requests_that_alternate_between_the_servers_count_every_visit",
    "test_a_visitor_who_stays_a_while_on_each_server_keeps_one_count",
}
PER_SERVER = {
    "test_requests_that_alternate_between_the_servers_never_count_past_1",
    "test_a_visitor_who_stays_a_while_on_each_server_starts_over_at_every_switch",
}
CACHED_PER_SERVER = {
    "test_requests_that_alternate_between_the_servers_lose_a_visit_to_a_stale_cache",
    "test_once_each_servers_cache_holds_the_session_each_server_counts_on_its_own",
}


def run_on(tmp_path: Path, settings: str, *args: str) -> dict[str, str]:
    return run_spec(
        tmp_path,
        f"--site-settings={settings}",
        f"--site-path={TESTS}",
        "--expect-timeout=500",
        "-k",
        SEVERAL_SERVERS,
        *args,
    )


def test_cached_db_over_each_servers_local_memory_cache_serves_the_count_that_server_saw_last(
    tmp_path: Path,
) -> None:
    # Django's default cache, in each server process's memory, in front of the database both share.
    outcomes = run_on(tmp_path, "broken_site.cached_db_locmem_settings")
    assert on_cell(outcomes, "cached_db-wsgi") == dict.fromkeys(CACHED_PER_SERVER, "passed")


def test_servers_with_secret_keys_of_their_own_fail_the_shared_stores_that_sign(tmp_path: Path) -> None:
    engines = ["db", "signed_cookies", "cache-locmem", *(["cache-redis"] if shutil.which("redis-server") else [])]
    outcomes = run_on(
        tmp_path, "broken_site.own_secret_settings", *(f"--session-engine={engine}" for engine in engines)
    )
    # What the database and the cookie hold is signed with the key of the server that wrote it.
    assert on_cell(outcomes, "db-wsgi") == dict.fromkeys(SHARED, "failed")
    assert on_cell(outcomes, "signed_cookies-wsgi") == dict.fromkeys(SHARED, "failed")
    # A cache keeps the data unsigned: every server reads it, whatever its key.
    if "cache-redis" in engines:
        assert on_cell(outcomes, "cache-redis-wsgi") == dict.fromkeys(SHARED, "passed")
    assert on_cell(outcomes, "cache-locmem-wsgi") == dict.fromkeys(PER_SERVER, "passed")

"""The site's CACHES as the run's base overlay keeps them apart for the run."""

from __future__ import annotations

from session_steps.server.run_caches import FILE_CACHE_BACKEND, glob_escape, new_run_prefix, on_own_disk, run_caches

REDIS = "django.core.cache.backends.redis.RedisCache"


def test_the_runs_prefix_follows_the_sites_own() -> None:
    caches = {"default": {"BACKEND": REDIS, "LOCATION": "redis://db", "KEY_PREFIX": "shop"}, "other": {}}
    kept = run_caches(caches, "session-spec-1", "/run")
    assert kept["default"] == {"BACKEND": REDIS, "LOCATION": "redis://db", "KEY_PREFIX": "shop:session-spec-1"}
    assert kept["other"] == {"KEY_PREFIX": "session-spec-1"}
    assert caches["default"]["KEY_PREFIX"] == "shop", "the site's own settings are left as they were"


def test_a_file_cache_outside_the_runs_folder_moves_into_it() -> None:
    caches = {
        "files": {"BACKEND": FILE_CACHE_BACKEND, "LOCATION": "/var/cache/shop"},
        "runs": {"BACKEND": FILE_CACHE_BACKEND, "LOCATION": "/run/cache"},
    }
    kept = run_caches(caches, "session-spec-1", "/run")
    assert kept["files"]["LOCATION"] == "/run/caches/files"
    assert kept["runs"]["LOCATION"] == "/run/cache"


def test_a_second_server_keeps_its_file_caches_on_its_own_disk_and_shares_the_rest() -> None:
    caches = {
        "files": {"BACKEND": FILE_CACHE_BACKEND, "LOCATION": "/run/caches/files", "KEY_PREFIX": "run"},
        "redis": {"BACKEND": REDIS, "LOCATION": "redis://db", "KEY_PREFIX": "run"},
    }
    own = on_own_disk(caches, "/run/second")
    assert own["files"] == {"BACKEND": FILE_CACHE_BACKEND, "LOCATION": "/run/second/caches/files", "KEY_PREFIX": "run"}
    assert own["redis"] == caches["redis"]
    assert caches["files"]["LOCATION"] == "/run/caches/files", "the first server's settings are left as they were"


def test_each_run_has_a_prefix_of_its_own() -> None:
    assert new_run_prefix() != new_run_prefix()


def test_a_prefix_is_matched_literally_by_a_redis_pattern() -> None:
    assert glob_escape("shop[1]*?\\") == "shop\\[1\\]\\*\\?\\\\"

"""A cache server the site shares with others: each run keeps to its own keys, and clears and counts only those."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from third_party import LIVE_SERVER_TEST_MODULE, make_shop

from session_steps.server.overlays import SiteInstance, write_base_overlay
from session_steps.server.redis_server import RedisServer

# The shop's sessions in a Redis it runs itself, under a key prefix of its own.
SHARED_REDIS_SETTINGS = """\
from shop.settings import *  # noqa: F403

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {{
    "default": {{
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": {url!r},
        "KEY_PREFIX": "shop",
    }},
}}
"""

FEATURE = """\
Feature: The basket, in a Redis shared with others
  Scenario: Clearing the cache ends the visitor's basket
    Given the visitor has opened "/basket/add/" 2 times
    And the server's cache holds the visitor's session
    When the server's cache is cleared
    And the visitor opens "/basket/add/"
    Then the page reads "1 items in the basket"

  Scenario: A page that only reads stores nothing
    Given a new visitor
    When the visitor opens "/session-spec/color/default-red/"
    Then the page reads "Favorite color is red"
    And the server stores no new session
"""

# Keys someone else keeps in the same Redis: another program's, and a session of the shop's own
# under its own prefix, as a deployment (or an earlier run) leaves it.
OTHERS_KEYS = {"someone-else:1:cart": b"3 items", "shop:1:django.contrib.sessions.cache" + "k" * 32: b"theirs"}

# One process of a run, using the run's store as a step would.
STORE_SCRIPT = """\
import json, sys
import django
django.setup()
from session_steps.server import django_store
action, *key = sys.argv[1:]
if action == "save":
    session = django_store.engine().SessionStore()
    session["items"] = 1
    session.save()
    print(json.dumps(session.session_key))
elif action == "clear":
    django_store.clear_cache()
    print(json.dumps(None))
else:
    print(json.dumps({"count": django_store.count().sessions, "loaded": django_store.load(key[0])}))
"""


@pytest.fixture
def shared_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server the shop runs itself, used by others too."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server")
    server = RedisServer(tmp_path / "shared-redis")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def shop_on_redis(pytester: pytest.Pytester, url: str) -> pytest.Pytester:
    shop = make_shop(pytester)
    (shop.path / "shop" / "redis_settings.py").write_text(SHARED_REDIS_SETTINGS.format(url=url))
    return shop


def test_a_run_leaves_others_keys_in_the_redis_it_shares(pytester: pytest.Pytester, shared_redis: RedisServer) -> None:
    shop = shop_on_redis(pytester, shared_redis.url)
    shop.makefile(".feature", basket=FEATURE)
    client = redis.Redis.from_url(shared_redis.url)
    client.mset(OTHERS_KEYS)
    result = shop.runpytest_subprocess("--site-settings=shop.redis_settings", f"--site-path={shop.path}")
    result.assert_outcomes(passed=2)
    assert {key: client.get(key) for key in OTHERS_KEYS} == OTHERS_KEYS
    # The run's own keys are under the shop's prefix, then the run's.
    runs = {key.decode() for key in client.scan_iter()} - set(OTHERS_KEYS)
    assert runs, "the run left no session in the shop's Redis"
    assert all(key.startswith("shop:session-spec-") for key in runs), runs


def in_run(run: SiteInstance, *args: str) -> object:
    """What one process of ``run`` answers, using its session store."""
    command = [sys.executable, "-c", STORE_SCRIPT, *args]
    result = subprocess.run(command, env=run.environ(), capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_two_runs_on_one_redis_do_not_see_each_others_sessions(
    pytester: pytest.Pytester, shared_redis: RedisServer
) -> None:
    shop = shop_on_redis(pytester, shared_redis.url)
    first, second = (
        write_base_overlay("shop.redis_settings", shop.path / name, (str(shop.path),)) for name in ("first", "second")
    )
    key = str(in_run(first, "save"))
    assert in_run(second, "read", key) == {"count": 0, "loaded": {}}
    in_run(second, "clear")
    assert in_run(first, "read", key) == {"count": 1, "loaded": {"items": 1}}


def test_pytest_djangos_run_leaves_a_shared_redis_as_it_is(
    pytester: pytest.Pytester, shared_redis: RedisServer
) -> None:
    # Its caches are the settings' own, with no prefix of the run's: the run cannot tell its keys from others'.
    shop = shop_on_redis(pytester, shared_redis.url)
    shop.makefile(".feature", basket=FEATURE)
    shop.makeconftest('pytest_plugins = ["session_steps.pytest_django"]\n')
    shop.makepyfile(test_basket=LIVE_SERVER_TEST_MODULE)
    client = redis.Redis.from_url(shared_redis.url)
    client.mset(OTHERS_KEYS)
    result = shop.runpytest_subprocess("--ds=shop.redis_settings", "-p", "pytest_django", "-k", "clearing", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED*not checked: the 'default' cache (RedisCache) may hold others' keys*"])
    assert {key: client.get(key) for key in OTHERS_KEYS} == OTHERS_KEYS


# A cache of the shop's own making: files in a folder others use too, which the spec cannot
# tell apart by key, nor move into the run's folder as it does Django's own file cache.
SHARED_FILE_CACHE = """\
from django.core.cache.backends.filebased import FileBasedCache


class SharedFileCache(FileBasedCache):
    pass
"""

SHARED_FILE_SETTINGS = """\
from shop.settings import *  # noqa: F403

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {{"default": {{"BACKEND": "shop.caches.SharedFileCache", "LOCATION": {folder!r}}}}}
"""


def test_a_shared_cache_the_spec_cannot_list_is_not_emptied(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    shared = shop.path / "shared-cache"
    shared.mkdir()
    (shared / "someone-elses.djcache").write_text("theirs")
    (shop.path / "shop" / "caches.py").write_text(SHARED_FILE_CACHE)
    (shop.path / "shop" / "shared_settings.py").write_text(SHARED_FILE_SETTINGS.format(folder=str(shared)))
    shop.makefile(".feature", basket=FEATURE)
    result = shop.runpytest_subprocess(
        "--site-settings=shop.shared_settings", f"--site-path={shop.path}", "-k", "clearing", "-rs"
    )
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(
        ["SKIPPED*not checked: the 'default' cache (SharedFileCache) may hold others' keys*it was left as it is"]
    )
    assert (shared / "someone-elses.djcache").read_text() == "theirs"

"""A project's sessions in Django's local-memory cache, however its settings name it, are read in the server."""

from __future__ import annotations

import pytest
from spec_runner import TESTS
from third_party import make_shop

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
FILES = "django.core.cache.backends.filebased.FileBasedCache"

# A cache class of the project's own, made from Django's local-memory one.
OWN_CACHE = """\
from django.core.cache.backends.locmem import LocMemCache


class ShopCache(LocMemCache):
    pass
"""

# Like django-qsessions' cached_db: Django's, with a cache key of its own.
OWN_CACHED_DB = """\
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore


class SessionStore(CachedDBStore):
    cache_key_prefix = "shop.cached_db"
"""

# A test of the project's own: one request, then the plugin's reader of the store.
READS_THE_BASKET = """\
import http.cookies
import urllib.request

def test_the_basket_is_read_where_it_is_kept(site_url, session_store):
    with urllib.request.urlopen(site_url + "/basket/add/") as response:
        key = http.cookies.SimpleCookie(response.headers["Set-Cookie"])["basket"].value
    # The cache first: loading a cached_db session fills the cache of whoever loads it.
    assert session_store.cache_holds(key)
    assert session_store.load(key) == {"items": 1}
"""

# pytest-django must set up the test database and its live server before the test starts.
LIVE_SERVER_MARKS = """\
import pytest

pytestmark = pytest.mark.usefixtures("transactional_db", "live_server")
"""

CASES = {
    "alias-not-default": (
        "django.contrib.sessions.backends.cache",
        {"default": {"BACKEND": FILES, "LOCATION": "cache"}, "sessions": {"BACKEND": LOCMEM}},
        "sessions",
    ),
    "locmem-subclass": (
        "django.contrib.sessions.backends.cache",
        {"default": {"BACKEND": "shop.caches.ShopCache"}},
        None,
    ),
    "cached_db-over-locmem": ("django.contrib.sessions.backends.cached_db", {"default": {"BACKEND": LOCMEM}}, None),
    "own-cached_db-over-locmem": ("shop.cached_db", {"default": {"BACKEND": LOCMEM}}, None),
}


def locmem_shop(pytester: pytest.Pytester, case: str) -> pytest.Pytester:
    engine, caches, alias = CASES[case]
    shop = make_shop(pytester)
    (shop.path / "shop" / "caches.py").write_text(OWN_CACHE)
    (shop.path / "shop" / "cached_db.py").write_text(OWN_CACHED_DB)
    settings = shop.path / "shop" / "settings.py"
    lines = [settings.read_text(), f"SESSION_ENGINE = {engine!r}", f"CACHES = {caches!r}"]
    if alias:
        lines.append(f"SESSION_CACHE_ALIAS = {alias!r}")
    settings.write_text("\n".join([*lines, ""]))
    shop.makepyfile(test_basket=READS_THE_BASKET)
    return shop


@pytest.mark.parametrize("case", list(CASES))
def test_their_local_memory_cache_is_read_in_the_server(pytester: pytest.Pytester, case: str) -> None:
    shop = locmem_shop(pytester, case)
    result = shop.runpytest_subprocess("--site-settings=shop.settings", f"--site-path={shop.path}")
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize("engine", ["site", "cache-locmem", "cached_db"])
def test_each_engine_asked_for_on_their_settings_is_read_where_its_store_is(
    pytester: pytest.Pytester, engine: str
) -> None:
    # Their default cache is a local-memory one; the spec's engines keep sessions in caches of their own.
    shop = locmem_shop(pytester, "own-cached_db-over-locmem")
    result = shop.runpytest_subprocess(
        "--site-settings=shop.settings", f"--site-path={shop.path}", f"--session-engine={engine}"
    )
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize("case", ["locmem-subclass", "own-cached_db-over-locmem"])
def test_pytest_djangos_live_server_reads_their_local_memory_cache_in_its_own_process(
    pytester: pytest.Pytester, case: str
) -> None:
    # The live server is a thread of the test process: its local-memory cache is this process's.
    shop = locmem_shop(pytester, case)
    shop.makeconftest('pytest_plugins = ["session_steps.pytest_django"]\n')
    module = shop.path / "test_basket.py"
    module.write_text(LIVE_SERVER_MARKS + module.read_text())
    result = shop.runpytest_subprocess("--ds=shop.settings", "-p", "pytest_django", f"--rootdir={shop.path}")
    result.assert_outcomes(passed=1)


# A test of the project's own that only loads: an engine of no family keeps no cache key the spec knows.
LOADS_THE_BASKET = """\
import http.cookies
import urllib.request

def test_the_basket_is_read_where_it_is_kept(site_url, session_store):
    with urllib.request.urlopen(site_url + "/basket/add/") as response:
        key = http.cookies.SimpleCookie(response.headers["Set-Cookie"])["basket"].value
    assert session_store.load(key) == {"items": 1}
"""


def test_an_engine_of_no_family_is_read_in_the_server(pytester: pytest.Pytester) -> None:
    # Its sessions are in a local-memory cache, as the engine itself chose: the spec cannot
    # know where an engine made from none of Django's keeps them, so it asks the server.
    shop = make_shop(pytester)
    settings = shop.path / "shop" / "settings.py"
    lines = [
        settings.read_text(),
        'SESSION_ENGINE = "broken_site.opaque_sessions"',
        f"CACHES = {{'default': {{'BACKEND': {LOCMEM!r}}}}}",
    ]
    settings.write_text("\n".join([*lines, ""]))
    shop.makepyfile(test_basket=LOADS_THE_BASKET)
    result = shop.runpytest_subprocess(
        "--site-settings=shop.settings", f"--site-path={shop.path}", f"--site-path={TESTS}"
    )
    result.assert_outcomes(passed=1)

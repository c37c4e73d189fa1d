"""A project's own session engine: named by its dotted path, its family found or declared, advised kindly."""

from __future__ import annotations

import pytest
from third_party import LIVE_SERVER_TEST_MODULE, make_shop

# Like django-user-sessions: Django's db store, with a column of its own.
MADE_FROM_DB = """\
from django.contrib.sessions.backends.db import SessionStore as DBStore


class SessionStore(DBStore):
    pass
"""

# Like django-redis-sessions: a store made from none of Django's.
MADE_FROM_NONE = """\
from django.contrib.sessions.backends.base import SessionBase


class SessionStore(SessionBase):
    pass
"""

TAGGED_FEATURE = """\
Feature: The basket, on each engine
  @engine:db
  Scenario: A basket in the sessions table
    Given a new visitor
    When the visitor opens "/basket/add/"
    Then the page reads "1 items in the basket"

  @engine:cache
  Scenario: A basket in the cache
    Given a new visitor
    When the visitor opens "/basket/add/"
    Then the page reads "1 items in the basket"
"""


def shop_with_engine(pytester: pytest.Pytester, module: str, source: str | None, *settings: str) -> pytest.Pytester:
    """The shop, its sessions kept by ``shop.<module>`` (written from ``source``), its features tagged by engine."""
    shop = make_shop(pytester)
    if source is not None:
        (shop.path / "shop" / f"{module}.py").write_text(source)
    path = shop.path / "shop" / "settings.py"
    path.write_text("\n".join([path.read_text(), f"SESSION_ENGINE = {'shop.' + module!r}", *settings, ""]))
    shop.makefile(".feature", basket=TAGGED_FEATURE)
    return shop


def collected(shop: pytest.Pytester, *args: str) -> pytest.RunResult:
    return shop.runpytest_subprocess("--site-settings=shop.settings", f"--site-path={shop.path}", "-rs", *args)


def test_their_engine_is_named_by_its_dotted_path_and_runs_its_family_s_scenarios(pytester: pytest.Pytester) -> None:
    shop = shop_with_engine(pytester, "user_sessions", MADE_FROM_DB)
    result = collected(shop, "--collect-only", "-q")
    result.stdout.fnmatch_lines(["*test_a_basket_in_the_sessions_table[[]shop.user_sessions-wsgi[]]"])
    result.stdout.fnmatch_lines(["*test_a_basket_in_the_cache[[]other-engines[]]"])


def test_an_engine_of_no_known_family_says_in_one_line_how_to_declare_it(pytester: pytest.Pytester) -> None:
    shop = shop_with_engine(pytester, "own_store", MADE_FROM_NONE)
    result = collected(shop, "-k", "sessions_table")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(
        [
            "SKIPPED*specifies the db engine, and the site's shop.own_store is made from none of Django's: "
            "if it keeps sessions like Django's db, declare it with --session-engine-family=db "
            "(or SESSION_SPEC_ENGINE_FAMILY = 'db' in its settings)"
        ]
    )


@pytest.mark.parametrize(
    ("option", "setting"),
    [(("--session-engine-family=db",), ()), ((), ('SESSION_SPEC_ENGINE_FAMILY = "db"',))],
    ids=["option", "setting"],
)
def test_a_declared_family_chooses_the_scenarios_its_engine_runs(
    pytester: pytest.Pytester, option: tuple[str, ...], setting: tuple[str, ...]
) -> None:
    shop = shop_with_engine(pytester, "own_store", MADE_FROM_NONE, *setting)
    result = collected(shop, *option, "--collect-only", "-q")
    result.stdout.fnmatch_lines(["*test_a_basket_in_the_sessions_table[[]shop.own_store-wsgi[]]"])


def test_a_declared_family_that_is_none_stops_the_run_in_one_line(pytester: pytest.Pytester) -> None:
    shop = shop_with_engine(pytester, "own_store", MADE_FROM_NONE, 'SESSION_SPEC_ENGINE_FAMILY = "redis"')
    result = collected(shop, "--collect-only")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: django-session-spec: SESSION_SPEC_ENGINE_FAMILY in shop.settings = 'redis' is no engine family: *"]
    )


def test_an_engine_that_cannot_be_imported_stops_the_run_in_one_line(pytester: pytest.Pytester) -> None:
    shop = shop_with_engine(pytester, "not_installed", None)
    result = collected(shop, "--collect-only")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.lines[0] == (
        "ERROR: django-session-spec: the site's SESSION_ENGINE 'shop.not_installed' could not be imported: "
        "ModuleNotFoundError: No module named 'shop.not_installed' (install its package, or add its folder with "
        "--site-path)"
    )


def test_site_names_their_engine_beside_the_others_and_their_skips_say_so(pytester: pytest.Pytester) -> None:
    shop = shop_with_engine(pytester, "user_sessions", MADE_FROM_DB)
    both = collected(shop, "--session-engine=site", "--session-engine=cache-locmem", "--collect-only", "-q")
    # Collected in any order (pytest-randomly), so each line on its own.
    both.stdout.fnmatch_lines(["*in_the_cache[[]cache-locmem-wsgi[]]"])
    both.stdout.fnmatch_lines(["*sessions_table[[]shop.user_sessions-wsgi[]]"])
    # On their engine alone, the cache's scenario says how to add a variant, not to swap engines.
    alone = collected(shop, "-k", "in_the_cache")
    alone.stdout.fnmatch_lines(
        [
            "SKIPPED*specifies the cache engine: add --session-engine=cache-locmem or cache-memcached or cache-redis "
            "(beside --session-engine=site) to run a variant of your site on it too"
        ]
    )


def test_an_engine_named_beside_site_that_is_the_site_s_own_runs_once(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    result = collected(shop, "--session-engine=site", "--session-engine=db", "--collect-only", "-q")
    result.stdout.fnmatch_lines(
        ["*test_each_visit_adds_an_item_to_the_visitors_basket[[]db-wsgi[]]", "1 test collected*"]
    )


SECURE_FEATURE = """\
Feature: The basket's cookie
  @needs_site_settings
  Scenario: The basket's cookie goes over HTTPS only
    Given the site sets SESSION_COOKIE_SECURE = True
    And a new visitor
    When the visitor opens "/basket/add/"
    Then the page reads "1 items in the basket"
"""


def test_a_scenario_for_other_settings_says_how_to_make_a_variant_of_theirs(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    shop.makefile(".feature", basket=SECURE_FEATURE)
    result = collected(shop)
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(
        [
            "SKIPPED*needs SESSION_COOKIE_SECURE = True (the site has False): run with --site-settings pointing at "
            "a module that does `from shop.settings import *` and sets SESSION_COOKIE_SECURE = True"
        ]
    )


def test_their_engine_names_pytest_djangos_cell_too(pytester: pytest.Pytester) -> None:
    shop = shop_with_engine(pytester, "user_sessions", MADE_FROM_DB)
    shop.makeconftest('pytest_plugins = ["session_steps.pytest_django"]\n')
    result = shop.runpytest_subprocess("--ds=shop.settings", "-p", "pytest_django", "--collect-only", "-q")
    result.stdout.fnmatch_lines(["*test_a_basket_in_the_sessions_table[[]shop.user_sessions-wsgi[]]"])


def test_pytest_djangos_scenario_for_other_settings_says_how_to_make_a_variant_for_ds(
    pytester: pytest.Pytester,
) -> None:
    shop = make_shop(pytester)
    shop.makefile(".feature", basket=SECURE_FEATURE)
    shop.makeconftest('pytest_plugins = ["session_steps.pytest_django"]\n')
    shop.makepyfile(test_basket=LIVE_SERVER_TEST_MODULE)
    result = shop.runpytest_subprocess("--ds=shop.settings", "-p", "pytest_django", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(
        ["SKIPPED*: run with --ds pointing at a module that does `from shop.settings import *` and sets *"]
    )


def test_pytest_djangos_cell_takes_a_declared_family_too(pytester: pytest.Pytester) -> None:
    shop = shop_with_engine(pytester, "own_store", MADE_FROM_NONE)
    shop.makeconftest('pytest_plugins = ["session_steps.pytest_django"]\n')
    result = shop.runpytest_subprocess(
        "--ds=shop.settings", "-p", "pytest_django", "--session-engine-family=db", "--collect-only", "-q"
    )
    result.stdout.fnmatch_lines(["*test_a_basket_in_the_sessions_table[[]shop.own_store-wsgi[]]"])

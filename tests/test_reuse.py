"""Three ways another project reuses the plugin, each run through the installed entry point."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spec_runner import runs_on, scenarios_not_for, skipped_on_a_deployment
from third_party import LIVE_SERVER_TEST_MODULE, make_shop, serving_shop, with_probe_secret


def test_their_features_on_their_site_served_by_the_plugin(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    result = shop.runpytest_subprocess(
        "--site-settings=shop.settings",
        f"--site-path={shop.path}",
        "--session-engine=db",
        "--session-engine=signed_cookies",
        "--server=all",
        "-v",
    )
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["*[[]signed_cookies-asgi[]] PASSED*"])


def test_their_servers_import_the_settings_from_where_pytest_found_them(pytester: pytest.Pytester) -> None:
    # A src layout that pytest's own pythonpath setting finds (as pytest-django's folder of
    # manage.py would): the site's servers find it too, with no --site-path.
    shop = make_shop(pytester)
    (shop.path / "src").mkdir()
    (shop.path / "shop").rename(shop.path / "src" / "shop")
    shop.makeini("[pytest]\npythonpath = src\n")
    result = shop.runpytest_subprocess("--site-settings=shop.settings", "--session-engine=db")
    result.assert_outcomes(passed=1)


def test_their_features_on_pytest_djangos_live_server(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    shop.makeconftest('pytest_plugins = ["session_steps.pytest_django"]\n')
    shop.makepyfile(test_basket=LIVE_SERVER_TEST_MODULE)
    result = shop.runpytest_subprocess("--ds=shop.settings", "-p", "pytest_django")
    result.assert_outcomes(passed=1)


FILE_SESSIONS_FEATURE = """\
Feature: The basket, kept in files
  Scenario: A visitor's basket is one file of the run's own
    Given a new visitor
    When the visitor opens "/basket/add/"
    Then SESSION_FILE_PATH holds one file per visitor, named after their session key
"""


def test_their_file_sessions_stay_in_a_folder_of_the_run(pytester: pytest.Pytester) -> None:
    # Their settings choose the file engine and no folder: Django's default would be the
    # machine's temporary folder, shared with everything else.
    shop = make_shop(pytester)
    settings = shop.path / "shop" / "settings.py"
    settings.write_text(settings.read_text() + 'SESSION_ENGINE = "django.contrib.sessions.backends.file"\n')
    shop.makefile(".feature", basket=FILE_SESSIONS_FEATURE)
    result = shop.runpytest_subprocess("--site-settings=shop.settings", f"--site-path={shop.path}")
    result.assert_outcomes(passed=1)


SKIPPED_ON_A_DEPLOYMENT = skipped_on_a_deployment()


def test_their_file_sessions_stay_in_a_folder_of_the_run_whatever_folder_they_name(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    # Their settings name a folder of their own: a run that kept sessions there would leave
    # them behind, and count the files of every earlier run.
    theirs = tmp_path / "their-sessions"
    theirs.mkdir()
    shop = make_shop(pytester)
    settings = shop.path / "shop" / "settings.py"
    settings.write_text(
        settings.read_text()
        + 'SESSION_ENGINE = "django.contrib.sessions.backends.file"\n'
        + f"SESSION_FILE_PATH = {str(theirs)!r}\n"
    )
    shop.makefile(".feature", basket=FILE_SESSIONS_FEATURE)
    result = shop.runpytest_subprocess("--site-settings=shop.settings", f"--site-path={shop.path}")
    result.assert_outcomes(passed=1)
    assert list(theirs.iterdir()) == []


@pytest.fixture
def deployed_shop(pytester: pytest.Pytester) -> Iterator[str]:
    """The shop, with the spec's probe views mounted at /session-spec/, running as deployed."""
    with serving_shop(make_shop(pytester), "deployment") as url:
        yield url


def run_packaged_spec(pytester: pytest.Pytester, shop_url: str, *args: str) -> pytest.RunResult:
    """The spec as packaged, run against the shop's mounted probe views."""
    return pytester.runpytest_subprocess(
        "--pyargs",
        "session_steps",
        f"--base-url={shop_url}/session-spec/",
        "--session-cookie-name=basket",
        # Some scenarios fail on the shop by design: each is told once, not retried.
        "--reruns=0",
        *args,
    )


def test_the_packaged_spec_checks_a_deployment(pytester: pytest.Pytester, deployed_shop: str) -> None:
    # The spec's tags are marks the plugin registers: a project's strict run collects it.
    result = run_packaged_spec(pytester, deployed_shop, "--strict-markers", "-rfs")
    outcomes = result.parseoutcomes()
    # The one thing this deployment does differently: its session cookie is not "sessionid".
    assert outcomes["failed"] == 1
    # Every other scenario passes, or is skipped saying why; the scenarios of other engines, once each.
    assert outcomes["passed"] == runs_on("db") + len(scenarios_not_for("db")) - outcomes["skipped"] - 1
    result.stdout.fnmatch_lines(["FAILED *test_the_site_sets_one_cookie_named_sessionid*"])
    # A step that reads the store is not checked, saying why; it skips no scenario: what
    # is skipped needs other settings or engines, which a deployment has or has not.
    result.stdout.fnmatch_lines(["* steps not checked: the session store of a server given by --base-url cannot*"])
    skips = [line for line in result.stdout.lines if line.startswith("SKIPPED")]
    assert skips and not [line for line in skips if "session store" in line]
    assert outcomes["skipped"] == SKIPPED_ON_A_DEPLOYMENT


def test_a_deployment_that_consents_has_its_store_checked(pytester: pytest.Pytester) -> None:
    with serving_shop(with_probe_secret(make_shop(pytester), "their-secret"), "deployment") as url:
        result = run_packaged_spec(pytester, url, "--probe-secret=their-secret", "-rfs")
    outcomes = result.parseoutcomes()
    assert outcomes["failed"] == 1
    assert outcomes["skipped"] == SKIPPED_ON_A_DEPLOYMENT
    # Every step that reads the store read it, through the probe the deployment mounts.
    assert "not checked" not in result.stdout.str()


def test_a_wrong_probe_secret_stops_the_run_in_one_line(pytester: pytest.Pytester, deployed_shop: str) -> None:
    result = run_packaged_spec(pytester, deployed_shop, "--probe-secret=a-guess")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            f"*--probe-secret: the store probe at {deployed_shop}/session-spec/__session-spec__/store answered "
            "HTTP 404: mount session_site.urls under --base-url, and set SESSION_SPEC_PROBE_SECRET*"
        ]
    )


CACHE_ENGINE_FEATURE = """\
Feature: The basket, kept in the cache
  @engine:cache
  Scenario: A visitor's basket is in the cache
    Given a new visitor
    When the visitor opens "/basket/add/"
    Then the visitor's session is {'items': 1}

  @engine:db
  Scenario: A visitor's basket is a row of the sessions table
    Given a new visitor
    When the visitor opens "/basket/add/"
    Then the visitor's session is {'items': 1}
"""


def test_pytest_djangos_cell_is_the_engine_its_settings_configure(pytester: pytest.Pytester) -> None:
    # The engine of --ds names the cell, and @engine: tags choose by it: not the bundled site's db.
    shop = make_shop(pytester)
    (shop.path / "shop" / "cache_settings.py").write_text(
        'from shop.settings import *  # noqa: F403\nSESSION_ENGINE = "django.contrib.sessions.backends.cache"\n'
    )
    shop.makeconftest('pytest_plugins = ["session_steps.pytest_django"]\n')
    shop.makefile(".feature", basket=CACHE_ENGINE_FEATURE)
    shop.makepyfile(test_basket=LIVE_SERVER_TEST_MODULE)
    result = shop.runpytest_subprocess(
        "--ds=shop.cache_settings", "-p", "pytest_django", "-v", "-rs", "-W", "error::pytest.PytestRemovedIn10Warning"
    )
    result.assert_outcomes(passed=1, skipped=1)
    # The skip says how to run it here: --session-engine is refused in this mode.
    result.stdout.fnmatch_lines(["SKIPPED*specifies the db engine: give --ds a settings module whose SESSION_ENGINE*"])
    result.stdout.fnmatch_lines(["*test_a_visitors_basket_is_in_the_cache[[]cache-wsgi[]] PASSED*"])
    result.stdout.fnmatch_lines(["*test_a_visitors_basket_is_a_row_of_the_sessions_table[[]other-engines[]] SKIPPED*"])


def test_pytest_djangos_live_server_takes_no_engine_server_or_database_option(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    shop.makeconftest('pytest_plugins = ["session_steps.pytest_django"]\n')
    result = shop.runpytest_subprocess("--ds=shop.settings", "-p", "pytest_django", "--session-engine=file")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*pytest-django's live server serves the settings --ds names, behind WSGI*"])
    result = shop.runpytest_subprocess("--ds=shop.settings", "-p", "pytest_django", "--database=postgresql")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*live server keeps sessions in the test database of the DATABASES that --ds names*"])

"""The spec fails exactly where the site is broken: each broken view fails its scenarios."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from spec_runner import TESTS, on_cell, run_spec, runs_on, scenarios_named, scenarios_not_for

from session_steps.matrix.cells import LOCMEM_BACKEND, configured_engine

# Each broken view of tests/broken_site, and the scenarios that must catch it.
# The engine of a site whose own settings keep sessions in Django's local-memory cache.
THEIR_LOCAL_MEMORY_CACHE = configured_engine("django.contrib.sessions.backends.cache", LOCMEM_BACKEND)

FAILS_ON_BROKEN_VIEWS = {
    # view reads 'colour' instead of 'color'
    "test_the_lessons_example_step_by_step",
    # get('color', 'red') where the lesson says 'green'; get('user_id', 0) where it says None
    "test_reading_a_missing_key_with_getcode['color', 'green'-/color/default-green/-Favorite color is green]",
    "test_reading_a_missing_key_with_getcode['user_id', None-/user-id/-User id is None]",
    # get() where the lesson shows brackets fail
    "test_reading_a_missing_key_with_brackets_fails_and_stores_nothing",
    "test_a_default_inside_the_brackets_is_part_of_the_key_not_a_default",
    "test_reading_with_brackets_first_fails_on_a_first_visit",
    # the visit counter starts from 1 instead of 0
    "test_the_first_visit",
    "test_visits_in_a_row",
    "test_a_second_visitor_starts_at_1_while_the_first_goes_on_counting",
    "test_a_visitor_who_clears_their_cookies_starts_again_at_1",
    # (on two servers too, where every server reads the same store)
    "test_requests_that_alternate_between_the_servers_count_every_visit",
    "test_a_visitor_who_stays_a_while_on_each_server_keeps_one_count",
    "test_the_cookies_value_stays_the_same_across_requests",
    "test_a_session_cookie_that_was_damage_loads_as_an_empty_session[truncated]",
    "test_a_session_cookie_that_was_damage_loads_as_an_empty_session[changed in its last character]",
    'test_a_session_cookie_that_was_damage_loads_as_an_empty_session[replaced by "garbage"]',
    'test_a_session_cookie_that_was_damage_loads_as_an_empty_session[replaced by "../../../../etc/hosts"]',
    "test_a_madeup_session_key_loads_an_empty_session_and_the_response_gives_a_new_key",
    # the last page is set before it is read; the wrong order is read before it is set
    "test_the_first_page_has_no_predecessor",
    "test_each_page_shows_the_one_before_it",
    "test_setting_before_getting_shows_the_current_page_not_the_previous_one",
    # a page that should only read stores its default with setdefault()
    "test_a_page_that_only_reads_sends_no_session_cookie",
    "test_a_first_visit_to_a_page_that_only_reads_stores_nothing",
    "test_another_visitor_has_a_session_of_their_own",
    # the view that should fail after storing succeeds, so the value is saved
    "test_a_value_stored_before_the_view_fails_is_lost",
    "test_the_error_page_is_djangos_plain_one_not_a_traceback",
    # the non-existent methods replaced by working code
    "test_code_does_not_exist[request.session.set('favorite_color', 'blue')-/mistakes/session-set/]",
    "test_code_does_not_exist[request.set_session('favorite_color', 'blue')-/mistakes/set-session/]",
    "test_code_does_not_exist[request.session.fetch('user_id', None)-/mistakes/session-fetch/]",
    # a note kept for everyone, not per session, and shown unescaped
    "test_two_visitors_keep_notes_of_their_own",
    "test_two_visitors_who_send_the_same_madeup_key_share_nothing",
    "test_a_visitor_who_wrote_nothing_reads_nothing_of_anyone_elses",
    "test_html_in_a_value_is_shown_escaped_as_text",
    "test_a_serverside_engine_keeps_a_large_value",
    # login without cycle_key(): the key stays, so a planted key logs its planter in
    "test_the_key_changes_at_login_the_data_stays",
    "test_a_session_key_planted_before_login_is_worth_nothing_after_it",
    # logout that forgets the user but keeps the session and its cookie
    "test_after_logout_the_data_is_gone_and_the_cookie_deleted",
    "test_a_serverside_session_is_deleted_from_the_store_at_logout",
    # no set_expiry(0): the cookie lasts two weeks
    "test_set_expiry0_gives_a_cookie_that_ends_with_the_browser",
    # the slow view reloads the session after waiting, as if sessions were transactional
    "test_the_slower_request_saves_the_session_it_loaded_undoing_the_faster_one",
}

# The scenarios that state the session cookie's name and attributes.
COOKIE_ATTRIBUTE_SCENARIOS = {
    "test_the_site_sets_one_cookie_named_sessionid",
    "test_the_cookie_is_set_with_attribute[HttpOnly]",
    "test_the_cookie_is_set_with_attribute[SameSite=Lax]",
    "test_the_cookie_is_set_with_attribute[Path=/]",
    "test_the_cookie_expires_two_weeks_after_it_was_set",
    "test_the_session_cookie_is_httponly_and_samesitelax",
}

FAILS_ON_CHANGED_COOKIE_SETTINGS = COOKIE_ATTRIBUTE_SCENARIOS | {
    # Path=/color/ keeps the cookie from /visits/, so every visit starts a new session,
    # and from /logout/, which then has no session to flush
    "test_the_cookies_value_stays_the_same_across_requests",
    "test_after_logout_the_data_is_gone_and_the_cookie_deleted",
}

# Every line that says a request stored nothing ("the server stores no new session").
STORES_NOTHING = {
    "test_code_does_not_exist[request.session.set('favorite_color', 'blue')-/mistakes/session-set/]",
    "test_code_does_not_exist[request.set_session('favorite_color', 'blue')-/mistakes/set-session/]",
    "test_code_does_not_exist[request.session.fetch('user_id', None)-/mistakes/session-fetch/]",
    "test_reading_a_missing_key_with_brackets_fails_and_stores_nothing",
    "test_reading_with_brackets_first_fails_on_a_first_visit",
    "test_a_value_stored_before_the_view_fails_is_lost",
    "test_a_first_visit_to_a_page_that_only_reads_stores_nothing",
}

# An engine that stores an empty session whenever a request reads one it lacks, sending no
# cookie: the requests that read the session before failing, or only read it. The methods
# that do not exist fail before the session is read.
FAILS_ON_EAGER_SESSIONS = {
    "test_reading_a_missing_key_with_brackets_fails_and_stores_nothing",
    "test_reading_with_brackets_first_fails_on_a_first_visit",
    "test_a_value_stored_before_the_view_fails_is_lost",
    "test_a_first_visit_to_a_page_that_only_reads_stores_nothing",
}

# An engine that adopts the key a browser sends, where Django gives a new one.
FAILS_ON_ADOPTING_SESSIONS = {
    "test_a_madeup_session_key_loads_an_empty_session_and_the_response_gives_a_new_key",
    "test_two_visitors_who_send_the_same_madeup_key_share_nothing",
}

# Near-miss engines that only the scenarios reading what they keep tell apart: each is
# run on those scenarios alone, which must all fail.
FAILS_ON_NEAR_MISS_ENGINES = {
    # a file engine that names its files with another prefix than SESSION_COOKIE_NAME
    "broken_site.renaming_settings": {"test_each_visitors_session_is_a_file_of_its_own"},
    # a file engine that gives a new visitor the last session's key
    "broken_site.sharing_settings": {"test_each_visitors_session_is_a_file_of_its_own"},
    # a signed-cookie engine that believes a payload it did not sign
    "broken_site.trusting_settings": {"test_a_cookie_edited_without_the_secret_key_loads_as_an_empty_session"},
    # a signed-cookie engine whose cookies carry a key the session does not hold
    "broken_site.padding_settings": {
        "test_anyone_can_read_the_data_in_the_cookie",
        "test_anyone_can_read_the_data_in_the_cookie_even_where_django_compressed_it",
        "test_the_cookies_value_changes_whenever_the_data_changes",
    },
}

# A middleware that saves every session SessionMiddleware did not, sending no cookie:
# every request that should store nothing stores a session, on every server-side engine.
STORING_SITE = ("--site-settings=broken_site.storing_settings", f"--site-path={TESTS}", "--expect-timeout=500")


# Near misses that only one line of a scenario tells apart (broken_site.response_settings).
FAILS_ON_RESPONSE_NEAR_MISSES = COOKIE_ATTRIBUTE_SCENARIOS | {
    # the slow view saves the right count but shows the count it loaded: the first tab's line
    "test_the_slower_request_saves_the_session_it_loaded_undoing_the_faster_one",
    "test_on_a_first_visit_the_two_requests_make_two_sessions_and_the_last_cookie_wins",
    # /color/ stores the color in a dict read from the session, so nothing is saved or sent
    "test_a_page_that_stores_something_sends_the_session_cookie_with_its_response",
    "test_the_lessons_example_step_by_step",
    "test_brackets_read_a_key_that_was_stored",
    "test_reading_a_key_that_was_stored_returns_the_stored_value_not_the_default",
    "test_what_one_request_stores_the_visitors_next_request_reads",
    "test_the_cookie_holds_only_the_session_key",
    # (with every scenario of the cookie's name and attributes, above)
    "test_without_session_cookie_secure_the_cookie_is_also_sent_over_plain_http",
    "test_the_key_changes_at_login_the_data_stays",
    "test_a_session_key_planted_before_login_is_worth_nothing_after_it",
    # /color/default-red/ only reads, but sends a cookie of its own: the response's line
    "test_a_page_that_only_reads_sends_no_session_cookie",
    # (and /color/ stores nothing for it to read: both)
    "test_a_value_stored_by_one_page_is_read_by_the_next",
}


# The scenarios of a site whose two servers read the same store (@store:shared).
SHARED_BY_TWO_SERVERS = {
    "test_requests_that_alternate_between_the_servers_count_every_visit",
    "test_a_visitor_who_stays_a_while_on_each_server_keeps_one_count",
}

# Sessions in Django's dummy cache, which keeps nothing: every scenario that reads a session back,
# and the one that asks the store for the key the cookie carries.
FAILS_ON_A_CACHE_THAT_KEEPS_NOTHING = {
    "test_a_note_is_stored_in_the_session_as_it_was_written",
    # asks the store for the new key the cookie carries
    "test_a_madeup_session_key_loads_an_empty_session_and_the_response_gives_a_new_key",
    "test_a_page_that_stores_something_sends_the_session_cookie_with_its_response",
    "test_a_second_visitor_starts_at_1_while_the_first_goes_on_counting",
    "test_a_serverside_engine_keeps_a_large_value",
    "test_a_serverside_session_is_deleted_from_the_store_at_logout",
    "test_a_value_stored_by_one_page_is_read_by_the_next",
    "test_after_login_the_site_knows_who_the_visitor_is",
    "test_brackets_read_a_key_that_was_stored",
    "test_each_page_shows_the_one_before_it",
    "test_html_in_a_value_is_shown_escaped_as_text",
    "test_on_a_first_visit_the_two_requests_make_two_sessions_and_the_last_cookie_wins",
    "test_reading_a_key_that_was_stored_returns_the_stored_value_not_the_default",
    "test_reading_with_brackets_first_works_once_a_last_page_is_stored",
    "test_the_cookie_holds_only_the_session_key",
    "test_the_cookies_value_stays_the_same_across_requests",
    "test_the_first_page_has_no_predecessor",
    "test_the_first_visit",
    "test_the_key_changes_at_login_the_data_stays",
    "test_the_lessons_example_step_by_step",
    "test_the_slower_request_saves_the_session_it_loaded_undoing_the_faster_one",
    "test_two_visitors_keep_notes_of_their_own",
    "test_unicode_survives_the_round_trip",
    "test_visits_in_a_row",
    "test_what_one_request_stores_the_visitors_next_request_reads",
    "test_with_the_cache_engine_the_session_is_gone_with_the_cache",
}


def failed(outcomes: dict[str, str]) -> set[str]:
    """The scenarios that failed; a skip (a scenario for other settings) is not a failure."""
    return {name for name, outcome in outcomes.items() if outcome in ("failed", "error")}


def test_broken_views_fail_exactly_their_scenarios(tmp_path: Path) -> None:
    outcomes = on_cell(
        run_spec(tmp_path, "--site-settings=broken_site.settings", f"--site-path={TESTS}", "--expect-timeout=500"),
        "db-wsgi",
    )
    assert len(outcomes) == runs_on("db")
    assert failed(outcomes) == FAILS_ON_BROKEN_VIEWS


def test_changed_cookie_settings_fail_the_cookie_scenarios(tmp_path: Path) -> None:
    outcomes = on_cell(
        run_spec(
            tmp_path,
            "--site-settings=broken_site.cookie_settings",
            f"--site-path={TESTS}",
            "--expect-timeout=500",
            "-k",
            "cookie",
        ),
        "db-wsgi",
    )
    assert outcomes["test_without_session_cookie_secure_the_cookie_is_also_sent_over_plain_http"] == "passed"
    assert failed(outcomes) == FAILS_ON_CHANGED_COOKIE_SETTINGS


@pytest.mark.parametrize(
    ("settings", "fails"),
    [
        ("broken_site.eager_settings", FAILS_ON_EAGER_SESSIONS),
        ("broken_site.adopting_settings", FAILS_ON_ADOPTING_SESSIONS),
    ],
)
def test_a_near_miss_session_engine_fails_its_scenarios(tmp_path: Path, settings: str, fails: set[str]) -> None:
    # The engine is the site's own, so every scenario runs on it: those of other engines fail too.
    outcomes = run_spec(
        tmp_path, f"--site-settings={settings}", f"--site-path={TESTS}", "--expect-timeout=500", "--ignore-engine-tags"
    )
    engine = settings.removesuffix("_settings")
    assert failed(on_cell(outcomes, f"{engine}_sessions-wsgi")) == fails | scenarios_not_for("db")


@pytest.mark.parametrize("settings", sorted(FAILS_ON_NEAR_MISS_ENGINES))
def test_a_near_miss_engine_fails_the_scenarios_that_read_what_it_keeps(tmp_path: Path, settings: str) -> None:
    fails = FAILS_ON_NEAR_MISS_ENGINES[settings]
    outcomes = run_spec(
        tmp_path,
        f"--site-settings={settings}",
        f"--site-path={TESTS}",
        "--expect-timeout=500",
        "--ignore-engine-tags",
        "-k",
        scenarios_named(fails),
    )
    engine = settings.removesuffix("_settings")
    assert on_cell(outcomes, f"{engine}_sessions-wsgi") == dict.fromkeys(fails, "failed")


def test_a_site_that_stores_what_django_would_not_fails_every_stores_nothing_line(tmp_path: Path) -> None:
    outcomes = run_spec(tmp_path, *STORING_SITE)
    assert failed(on_cell(outcomes, "db-wsgi")) == STORES_NOTHING


@pytest.mark.parametrize("engine", ["file", "cache-locmem", "cache-redis"])
def test_on_files_and_in_a_cache_too(tmp_path: Path, engine: str) -> None:
    if engine == "cache-redis" and shutil.which("redis-server") is None:
        pytest.skip("needs redis-server")  # named on its own, the engine stops the run, as it should
    selection = scenarios_named(STORES_NOTHING)
    outcomes = run_spec(tmp_path, *STORING_SITE, f"--session-engine={engine}", "-k", selection)
    assert failed(on_cell(outcomes, f"{engine}-wsgi")) == STORES_NOTHING


def test_a_local_memory_cache_the_sites_own_settings_name_is_read_in_the_server(tmp_path: Path) -> None:
    # No --session-engine: the cell is the one the settings configure, and only its server
    # can read a store kept in its memory. Read here, it would be empty: "stores nothing"
    # would pass whatever the site did, and every "session is" line would fail.
    own = "--site-settings=broken_site.locmem_cache_settings"
    outcomes = on_cell(run_spec(tmp_path / "own", own, f"--site-path={TESTS}", "--expect-timeout=500"), "cache-wsgi")
    assert len(outcomes) == runs_on(THEIR_LOCAL_MEMORY_CACHE) and failed(outcomes) == set()
    storing = "--site-settings=broken_site.storing_locmem_cache_settings"
    selection = scenarios_named(STORES_NOTHING)
    outcomes = run_spec(tmp_path / "storing", storing, f"--site-path={TESTS}", "--expect-timeout=500", "-k", selection)
    assert failed(on_cell(outcomes, "cache-wsgi")) == STORES_NOTHING


def test_with_signed_cookies_the_session_cookies_are_counted(tmp_path: Path) -> None:
    # The broken page that should only read stores its default: with signed_cookies the
    # new session is a cookie in the visitor's browser, and the count sees it there.
    scenario = "test_a_first_visit_to_a_page_that_only_reads_stores_nothing"
    outcomes = run_spec(
        tmp_path,
        "--site-settings=broken_site.settings",
        f"--site-path={TESTS}",
        "--expect-timeout=500",
        "--session-engine=signed_cookies",
        "-k",
        scenario,
    )
    assert on_cell(outcomes, "signed_cookies-wsgi") == {scenario: "failed"}


def outcomes_against(tmp_path: Path, settings: str, cell: str = "db-wsgi") -> dict[str, str]:
    """Each scenario's outcome against a near-miss settings module of tests/broken_site."""
    return on_cell(
        run_spec(tmp_path, f"--site-settings={settings}", f"--site-path={TESTS}", "--expect-timeout=500"), cell
    )


def test_near_misses_that_one_line_tells_apart_fail_exactly_their_scenarios(tmp_path: Path) -> None:
    outcomes = outcomes_against(tmp_path, "broken_site.response_settings")
    assert len(outcomes) > len(FAILS_ON_RESPONSE_NEAR_MISSES)
    assert failed(outcomes) == FAILS_ON_RESPONSE_NEAR_MISSES


def test_an_engine_that_refuses_a_malformed_key_fails_the_rows_that_send_one(tmp_path: Path) -> None:
    outcomes = outcomes_against(tmp_path, "broken_site.strict_settings", "broken_site.strict_sessions-wsgi")
    damaged = "test_a_session_cookie_that_was_damage_loads_as_an_empty_session"
    # A key changed in its last character still looks like one the server could have issued.
    assert outcomes[f"{damaged}[changed in its last character]"] == "passed"
    assert failed(outcomes) == {
        f"{damaged}[truncated]",
        f'{damaged}[replaced by "garbage"]',
        f'{damaged}[replaced by "../../../../etc/hosts"]',
    }


# Django's dummy cache, read from this process; and a local-memory cache that keeps
# nothing, read in the server through the probe. The dummy cache is no server's own, so the
# scenarios of a store two servers share run there, and read nothing back; the local-memory
# cache is each server's own, where a count that starts over on the other server is right.
@pytest.mark.parametrize(
    ("settings", "also_fails"),
    [
        ("broken_site.dummy_cache_settings", SHARED_BY_TWO_SERVERS),
        ("broken_site.forgetful_cache_settings", set()),
    ],
)
def test_a_cache_that_keeps_nothing_fails_every_scenario_that_reads_the_session_back(
    tmp_path: Path, settings: str, also_fails: set[str]
) -> None:
    outcomes = outcomes_against(tmp_path, settings, "cache-wsgi")
    assert len(outcomes) > len(FAILS_ON_A_CACHE_THAT_KEEPS_NOTHING)
    assert failed(outcomes) == FAILS_ON_A_CACHE_THAT_KEEPS_NOTHING | also_fails

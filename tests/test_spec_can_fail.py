"""The spec fails exactly where the site is broken: each broken view fails its scenarios."""

from __future__ import annotations

from pathlib import Path

from spec_runner import TESTS, on_variant, run_spec

# Each broken view of tests/broken_site, and the scenarios that must catch it.
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
    "test_the_cookies_value_stays_the_same_across_requests",
    # the last page is set before it is read; the wrong order is read before it is set
    "test_the_first_page_has_no_predecessor",
    "test_each_page_shows_the_one_before_it",
    "test_setting_before_getting_shows_the_current_page_not_the_previous_one",
    # a page that should only read stores its default with setdefault()
    "test_a_page_that_only_reads_sends_no_session_cookie",
    "test_another_visitor_has_a_session_of_their_own",
    "test_a_value_stored_by_one_page_is_read_by_the_next",
    # the view that should fail after storing succeeds, so the value is saved
    "test_a_value_stored_before_the_view_fails_is_lost",
    # the non-existent methods replaced by working code
    "test_code_does_not_exist[request.session.set('favorite_color', 'blue')-/mistakes/session-set/]",
    "test_code_does_not_exist[request.set_session('favorite_color', 'blue')-/mistakes/set-session/]",
    "test_code_does_not_exist[request.session.fetch('user_id', None)-/mistakes/session-fetch/]",
}

FAILS_ON_CHANGED_COOKIE_SETTINGS = {
    "test_the_site_sets_one_cookie_named_sessionid",
    "test_the_cookie_is_set_with_attribute[HttpOnly]",
    "test_the_cookie_is_set_with_attribute[SameSite=Lax]",
    "test_the_cookie_is_set_with_attribute[Path=/]",
    "test_the_cookie_expires_two_weeks_after_it_was_set",
    # Path=/color/ keeps the cookie from /visits/, so every visit starts a new session
    "test_the_cookies_value_stays_the_same_across_requests",
}


def failed(outcomes: dict[str, str]) -> set[str]:
    return {name for name, outcome in outcomes.items() if outcome != "passed"}


def test_broken_views_fail_exactly_their_scenarios(tmp_path: Path) -> None:
    outcomes = on_variant(
        run_spec(tmp_path, "--site-settings=broken_site.settings", f"--site-path={TESTS}", "--expect-timeout=500"),
        "db-wsgi",
    )
    assert len(outcomes) > len(FAILS_ON_BROKEN_VIEWS)
    assert failed(outcomes) == FAILS_ON_BROKEN_VIEWS


def test_changed_cookie_settings_fail_the_cookie_scenarios(tmp_path: Path) -> None:
    outcomes = on_variant(
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

"""Expiry takes real time, so its scenario runs against sessions two seconds long."""

from __future__ import annotations

from pathlib import Path

from spec_runner import TESTS, on_variant, run_spec

from session_steps.variants import ENGINES

SCENARIO = "test_a_session_past_session_cookie_age_comes_back_empty_even_if_its_cookie_is_replayed"


def test_a_session_past_its_age_comes_back_empty_on_every_engine(tmp_path: Path) -> None:
    outcomes = run_spec(
        tmp_path, "--site-settings=session_site.short_age_settings", "--session-engine=all", "-k", SCENARIO
    )
    for engine in ENGINES:
        assert on_variant(outcomes, f"{engine}-wsgi") == {SCENARIO: "passed"}, engine


def test_without_short_sessions_the_scenario_skips(tmp_path: Path) -> None:
    assert on_variant(run_spec(tmp_path, "-k", SCENARIO), "db-wsgi") == {SCENARIO: "skipped"}


def test_a_server_that_keeps_sessions_too_long_fails_it(tmp_path: Path) -> None:
    outcomes = run_spec(
        tmp_path,
        "--site-settings=broken_site.lasting_settings",
        f"--site-path={TESTS}",
        "--expect-timeout=500",
        "-k",
        SCENARIO,
    )
    assert on_variant(outcomes, "lasting_sessions-wsgi") == {SCENARIO: "failed"}

"""Scenarios that need the site configured their own way run against settings modules of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from spec_runner import TESTS, cells_of, every_engine_here, on_cell, run_spec

EXPIRY = "test_a_session_past_session_cookie_age_comes_back_empty_even_if_its_cookie_is_replayed"
SECURE = "test_with_session_cookie_secure_the_cookie_is_secure"
NOT_SECURE = "test_without_session_cookie_secure_the_cookie_is_also_sent_over_plain_http"
HTTPS = "test_over_https_the_secure_cookie_carries_the_session"


def test_a_session_past_its_age_comes_back_empty_on_every_engine(tmp_path: Path) -> None:
    outcomes = run_spec(
        tmp_path, "--site-settings=session_site.short_age_settings", "--session-engine=all", "-k", EXPIRY
    )
    by_cell = {cell: on_cell(outcomes, cell) for cell in cells_of(outcomes)}
    # --session-engine=all leaves out the engines this machine cannot run.
    assert by_cell == {cell.id: {EXPIRY: "passed"} for cell in every_engine_here().cells}


def test_with_session_cookie_secure_the_cookie_is_secure(tmp_path: Path) -> None:
    outcomes = run_spec(
        tmp_path, "--site-settings=session_site.secure_cookie_settings", "-k", f"{SECURE} or {NOT_SECURE}"
    )
    assert on_cell(outcomes, "db-wsgi") == {SECURE: "passed", NOT_SECURE: "failed"}


def test_over_https_the_secure_cookie_carries_the_session_behind_both_servers(tmp_path: Path) -> None:
    outcomes = run_spec(
        tmp_path, "--site-settings=session_site.secure_cookie_settings", "--site-https", "--server=all", "-k", HTTPS
    )
    for cell in ("db-wsgi", "db-asgi"):
        assert on_cell(outcomes, cell) == {HTTPS: "passed"}, cell


@pytest.mark.parametrize(
    ("scenario", "options"),
    [
        (EXPIRY, ()),
        (SECURE, ()),
        (HTTPS, ()),
        # The settings alone are not enough: HTTPS is asked for by its own option.
        (HTTPS, ("--site-settings=session_site.secure_cookie_settings",)),
    ],
)
def test_elsewhere_they_skip(tmp_path: Path, scenario: str, options: tuple[str, ...]) -> None:
    assert on_cell(run_spec(tmp_path, *options, "-k", scenario), "db-wsgi") == {scenario: "skipped"}


@pytest.mark.parametrize(
    ("settings", "cell", "scenario", "options"),
    [
        # SESSION_COOKIE_AGE = 2, but an engine that keeps every session a minute
        ("broken_site.lasting_settings", "broken_site.lasting_sessions-wsgi", EXPIRY, ()),
        # SESSION_COOKIE_AGE = 2 for the cookie, but the server keeps the session a minute:
        # the browser drops the cookie in time, so only the replayed cookie catches it
        ("broken_site.replayable_settings", "broken_site.replayable_sessions-wsgi", EXPIRY, ()),
        # SESSION_COOKIE_SECURE = True, but a middleware strips the flag
        ("broken_site.insecure_cookie_settings", "db-wsgi", SECURE, ()),
        ("broken_site.insecure_cookie_settings", "db-wsgi", HTTPS, ("--site-https",)),
    ],
)
def test_a_site_that_breaks_the_setting_fails_its_scenario(
    tmp_path: Path, settings: str, cell: str, scenario: str, options: tuple[str, ...]
) -> None:
    outcomes = run_spec(
        tmp_path,
        f"--site-settings={settings}",
        f"--site-path={TESTS}",
        "--expect-timeout=500",
        *options,
        "-k",
        scenario,
    )
    assert on_cell(outcomes, cell) == {scenario: "failed"}

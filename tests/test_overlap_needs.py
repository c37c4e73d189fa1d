"""The scenarios of two overlapping requests need a server that serves two at once: elsewhere they skip, saying so."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from third_party import make_shop, serving_shop

OVERLAP_SCENARIOS = "slower_request_saves or two_requests_make_two_sessions"


def run_overlaps(
    pytester: pytest.Pytester, url: str, *args: str, selection: str = OVERLAP_SCENARIOS
) -> pytest.RunResult:
    return pytester.runpytest_subprocess(
        *args,
        "--pyargs",
        "session_steps",
        f"--base-url={url}/session-spec/",
        "--session-cookie-name=basket",
        "-k",
        selection,
        "-rs",
    )


def test_on_a_server_of_one_request_at_a_time_they_skip_saying_how_to_serve_it(pytester: pytest.Pytester) -> None:
    with serving_shop(make_shop(pytester), "deployment", threads=1) as url:
        result = run_overlaps(pytester, url, "--junitxml=results.xml")
    result.assert_outcomes(skipped=2)
    result.stdout.fnmatch_lines(
        [
            f"SKIPPED*the server at {url}/session-spec/ served one request at a time (a second request got no "
            "answer within 5 s while /visits/slow/ waited): run it with threads, e.g. gunicorn --threads 4"
        ]
    )
    # Asked once for the site: asking waits out the second request's 5 s, and the second
    # scenario skips without asking again.
    times = sorted(
        float(case.attrib["time"]) for case in ElementTree.parse(pytester.path / "results.xml").iter("testcase")
    )
    assert times[0] < 2 <= 5 <= times[1], times


def test_on_a_server_with_threads_they_run(pytester: pytest.Pytester) -> None:
    with serving_shop(make_shop(pytester), "deployment", threads=2) as url:
        result = run_overlaps(pytester, url)
    result.assert_outcomes(passed=2)


def test_on_a_server_of_one_request_at_a_time_the_other_scenarios_run(pytester: pytest.Pytester) -> None:
    # Only the overlapping scenarios ask whether the server serves two requests at once.
    with serving_shop(make_shop(pytester), "deployment", threads=1) as url:
        result = run_overlaps(pytester, url, selection=f"{OVERLAP_SCENARIOS} or visits_in_a_row")
    result.assert_outcomes(passed=1, skipped=2)

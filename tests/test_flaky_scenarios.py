"""A scenario that fails once and then passes on its retry is flaky: told loudly, in the terminal and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FEATURE = """\
Feature: A page that is wrong once
  Scenario: The page is right on the second try
    Given a new visitor
    When the visitor opens "/once-wrong/"
    Then the page reads "Right"
"""

# The bundled site with one more page: wrong the first time it is served, right after.
# A file, not chance, says which time it is, so that the test fails the same way every time.
ONCE_WRONG_SITE = {
    "once_wrong_settings": "from session_site.settings import *\n\nROOT_URLCONF = 'once_wrong_urls'\n",
    "once_wrong_urls": """\
from pathlib import Path

from django.http import HttpResponse
from django.urls import path
from session_site.urls import urlpatterns as site_patterns

SERVED_ONCE = Path({flag!r})


def once_wrong(request):
    if SERVED_ONCE.exists():
        return HttpResponse("Right")
    SERVED_ONCE.touch()
    return HttpResponse("Wrong")


urlpatterns = [*site_patterns, path("once-wrong/", once_wrong)]
""",
}
# The test's id as an fnmatch pattern: its brackets would be a character class.
NODE_ID = "test_once_wrong.py::test_the_page_is_right_on_the_second_try?db-wsgi?"


def run_once_wrong(pytester: pytest.Pytester, *options: str) -> pytest.RunResult:
    flag = pytester.path / "served-once"
    pytester.makefile(".feature", once_wrong=FEATURE)
    pytester.makepyfile(
        once_wrong_settings=ONCE_WRONG_SITE["once_wrong_settings"],
        once_wrong_urls=ONCE_WRONG_SITE["once_wrong_urls"].format(flag=str(flag)),
        test_once_wrong='from pytest_bdd import scenarios\nscenarios("once_wrong.feature")\n',
    )
    return pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "--site-settings=once_wrong_settings",
        f"--site-path={pytester.path}",
        f"--output={pytester.path / 'artifacts'}",
        "--expect-timeout=500",
        *options,
        timeout=120,
    )


def test_a_scenario_that_passes_on_its_retry_is_flaky_and_fails_the_run(pytester: pytest.Pytester) -> None:
    # Under pytest-xdist, as `make test` runs: the controller hears of the retry from its worker.
    result = run_once_wrong(pytester, "--session-report=report", "-n", "2")
    assert result.parseoutcomes() == {"flaky": 1, "rerun": 1}
    assert result.ret == 7
    result.stdout.fnmatch_lines(
        [
            "*= 1 flaky =*",
            f"FLAKY: {NODE_ID} failed then passed on retry; first it failed: *'Right'*",
            "  the retry's trace: *-retry1/trace.zip",
            "django-session-spec: a flaky scenario fails the run (exit status 7)*--accept-flaky*",
        ]
    )
    report = pytester.path / "report"
    # The journal keeps both attempts, each with its attempt in its identity.
    runs = [
        json.loads(line)
        for journal in (report / "runs").glob("*.jsonl")
        for line in journal.read_text().split("\n")
        if line
    ]
    assert [(run["identity"]["attempt"], run["outcome"]) for run in runs] == [(1, "failed"), (2, "flaky")]
    assert runs[1]["trace"] is not None and (report / runs[1]["trace"]).is_file()
    # The pages count it flaky, not passed; the matrix marks its cell.
    index = (report / "index.html").read_text()
    assert '<span class="outcome flaky">' in index and '<span class="flaky">1 flaky</span>' in index
    assert '<span class="passed">' not in index
    assert '<td class="flaky" title="' in (report / "matrix.html").read_text()
    # cucumber.json has no flaky status: the retry's element carries a tag that says it.
    [feature] = json.loads((report / "cucumber.json").read_text())
    assert [[tag["name"] for tag in element["tags"]] for element in feature["elements"]] == [[], ["@flaky"]]


def test_accept_flaky_lets_the_run_pass_and_still_says_so(pytester: pytest.Pytester) -> None:
    result = run_once_wrong(pytester, "--accept-flaky")
    assert result.parseoutcomes() == {"flaky": 1, "rerun": 1}
    assert result.ret == 0
    result.stdout.fnmatch_lines(
        [f"FLAKY: {NODE_ID} failed then passed on retry*", "*the run passes all the same (--accept-flaky)"]
    )


def test_without_the_retry_the_scenario_fails(pytester: pytest.Pytester) -> None:
    result = run_once_wrong(pytester, "--reruns=0")
    result.assert_outcomes(failed=1)
    assert "FLAKY" not in result.stdout.str()
    assert not list(Path(pytester.path / "artifacts").glob("*-retry1"))

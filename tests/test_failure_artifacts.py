"""Failure artifacts: a failed scenario keeps its screenshots, its retry a trace too; a passed one nothing."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

FEATURE = """\
Feature: Favourite colour
  Scenario: Two visitors
    Given Alice has opened "/color/"
    When Bob opens "/color/default-red/"
    Then Bob's page reads "Favorite color is {text}"
"""


FAILED_FOLDER = "test-fails-py-test-two-visitors-db-wsgi"
# pytest-playwright's folder for the same test's first retry.
RETRY_FOLDER = f"{FAILED_FOLDER}-retry1"


def run_passing_and_failing(pytester: pytest.Pytester, *options: str) -> Path:
    """Run one passing and one failing scenario with the default artifact options; the output folder."""
    pytester.makefile(".feature", passes=FEATURE.format(text="red"), fails=FEATURE.format(text="green"))
    pytester.makepyfile(
        test_passes='from pytest_bdd import scenarios\nscenarios("passes.feature")\n',
        test_fails='from pytest_bdd import scenarios\nscenarios("fails.feature")\n',
    )
    output = pytester.path / "artifacts"
    result = pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "--tracing=retain-on-failure",
        "--screenshot=only-on-failure",
        f"--output={output}",
        "--expect-timeout=500",
        *options,
        timeout=120,
    )
    result.assert_outcomes(passed=1, failed=1)
    (pytester.path / "terminal.txt").write_text(result.stdout.str())
    return output


def trace_events(trace: Path) -> set[str]:
    """The kinds of event a Playwright trace recorded ("frame-snapshot", "screencast-frame", ...)."""
    with zipfile.ZipFile(trace) as archive:
        lines = archive.read("trace.trace").decode().splitlines()
    return {json.loads(line)["type"] for line in lines if line}


def kept_files(output: Path) -> list[str]:
    """The files under ``output``, folder by folder: a test's, then its retry's."""
    files = sorted(path.relative_to(output).parts for path in output.rglob("*") if path.is_file())
    return ["/".join(parts) for parts in files]


def test_a_failed_scenario_keeps_the_trace_of_its_retry(pytester: pytest.Pytester) -> None:
    output = run_passing_and_failing(pytester)
    # The first attempt ran untraced: a screenshot of each visitor's page, taken as it failed.
    # Its retry, in a fresh context, kept a trace per visitor's context and its screenshots.
    assert kept_files(output) == [
        f"{FAILED_FOLDER}/test-failed-1.png",
        f"{FAILED_FOLDER}/test-failed-2.png",
        *(
            f"{RETRY_FOLDER}/{name}"
            for name in ("test-failed-1.png", "test-failed-2.png", "trace-1.zip", "trace-2.zip")
        ),
    ]
    # The terminal summary says where the traces are.
    terminal = (output.parent / "terminal.txt").read_text()
    assert f"{output / RETRY_FOLDER / 'trace-1.zip'}\n  {output / RETRY_FOLDER / 'trace-2.zip'}" in terminal
    # The retry's trace shows each page as a DOM snapshot; the screencast is left out by default.
    events = trace_events(output / RETRY_FOLDER / "trace-2.zip")
    assert "frame-snapshot" in events
    assert "screencast-frame" not in events


def test_trace_every_scenario_traces_the_first_attempt_too(pytester: pytest.Pytester) -> None:
    output = run_passing_and_failing(pytester, "--trace-every-scenario")
    assert [name for name in kept_files(output) if name.endswith(".zip")] == [
        f"{folder}/trace-{number}.zip" for folder in (FAILED_FOLDER, RETRY_FOLDER) for number in (1, 2)
    ]


def test_without_the_retry_a_failure_keeps_its_screenshots(pytester: pytest.Pytester) -> None:
    output = run_passing_and_failing(pytester, "--reruns=0")
    assert kept_files(output) == [f"{FAILED_FOLDER}/test-failed-1.png", f"{FAILED_FOLDER}/test-failed-2.png"]


def test_trace_screenshots_adds_the_screencast(pytester: pytest.Pytester) -> None:
    output = run_passing_and_failing(pytester, "--trace-screenshots")
    assert {"frame-snapshot", "screencast-frame"} <= trace_events(output / RETRY_FOLDER / "trace-2.zip")


def test_tracing_on_keeps_the_trace_of_a_passed_scenario(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", passes=FEATURE.format(text="red"))
    pytester.makepyfile(test_passes='from pytest_bdd import scenarios\nscenarios("passes.feature")\n')
    output = pytester.path / "artifacts"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--tracing=on", f"--output={output}", timeout=120)
    result.assert_outcomes(passed=1)
    assert sorted(path.name for path in Path(output).rglob("*.zip")) == ["trace-1.zip", "trace-2.zip"]


SLOW_FEATURE = """\
Feature: A slow page
  Scenario: One visitor's page never ends
    Given Alice has opened "/color/"
    And Bob has opened "/color/default-red/"
    When Bob opens "/slow/"
    Then Bob's page reads "Finally"
"""

# The bundled site with one more page, slower than any timeout the test sets.
SLOW_SITE = {
    "slow_settings": "from session_site.settings import *\n\nROOT_URLCONF = 'slow_urls'\n",
    "slow_urls": """\
import time

from django.http import HttpResponse
from django.urls import path
from session_site.urls import urlpatterns as site_patterns


def slow(request):
    time.sleep(30)
    return HttpResponse("Finally")


urlpatterns = [*site_patterns, path("slow/", slow)]
""",
}


# Counts the browser's contexts once a test's tear-down is over. A test runs after the
# scenario, so that the browser itself is not yet closed with the run's last test.
COUNT_OPEN_CONTEXTS = """\
import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    browser = item._request.getfixturevalue("browser")
    yield
    print(f"{item.name}: contexts left open: {len(browser.contexts)}")
"""


def test_a_page_that_never_loads_fails_in_one_line_and_keeps_its_evidence(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", slow=SLOW_FEATURE)
    pytester.makepyfile(
        **SLOW_SITE,
        test_slow='from pytest_bdd import scenarios\nscenarios("slow.feature")\n',
        conftest=COUNT_OPEN_CONTEXTS,
        test_zz_after="def test_after_the_scenario():\n    pass\n",
    )
    output = pytester.path / "artifacts"
    result = pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "-p",
        "no:randomly",
        "-s",
        "--site-settings=slow_settings",
        f"--site-path={pytester.path}",
        "--navigation-timeout=1000",
        # Traced from the first attempt, which is the only one: a page that never loads fails the same way twice.
        "--trace-every-scenario",
        "--reruns=0",
        "--tracing=retain-on-failure",
        "--screenshot=only-on-failure",
        f"--output={output}",
        "--session-report=report",
        timeout=120,
    )
    # One failure, and no tear-down error after it.
    result.assert_outcomes(passed=1, failed=1)
    folder = output / "test-slow-py-test-one-visitors-page-never-ends-db-wsgi"
    kept = sorted(path.name for path in folder.iterdir())
    assert kept == ["test-failed-1.png", "test-failed-2.png", "trace-1.zip", "trace-2.zip"]
    result.stdout.fnmatch_lines(["*test_one_visitors_page_never_ends*: contexts left open: 0"])
    # The report photographs the page Bob was stuck on too.
    assert len(list((pytester.path / "report" / "screenshots").iterdir())) == 1
    result.stdout.fnmatch_lines(
        [
            "django-session-spec: the step 'When Bob opens \"/slow/\"' timed out: "
            "http://127.0.0.1:*/slow/ did not load within 1000 ms (--navigation-timeout=1000*"
        ]
    )


# A cookie value in a trace's network log or actions: sessionid=..., "value":"...".
SESSION_COOKIE_VALUE = re.compile(r'sessionid=(?P<header>[^;"\\]+)|"name":"sessionid","value":"(?P<json>[^"]*)"')


def trace_text(trace: Path) -> str:
    with zipfile.ZipFile(trace) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist() if not name.startswith("resources/"))


def test_kept_artifacts_are_private_and_hold_no_whole_session_key(pytester: pytest.Pytester) -> None:
    output = run_passing_and_failing(pytester, "--session-report=report")
    kept = [output, *(path for folder in (FAILED_FOLDER, RETRY_FOLDER) for path in (output / folder).rglob("*"))]
    kept += [output / FAILED_FOLDER, output / RETRY_FOLDER]
    traces = pytester.path / "report" / "traces"
    kept += [traces, *traces.iterdir()]
    assert {path.name: oct(path.stat().st_mode & 0o777) for path in kept} == {
        path.name: "0o700" if path.is_dir() else "0o600" for path in kept
    }
    # The site set a session cookie, and the trace shows only its first characters.
    text = trace_text(output / RETRY_FOLDER / "trace-1.zip")
    values = {match["header"] or match["json"] for match in SESSION_COOKIE_VALUE.finditer(text)}
    assert values
    assert all(value.endswith("...masked") and len(value) == 8 + len("...masked") for value in values)
    # The run's own files (the database, the settings with the probe's token, the server logs)
    # are in pytest's temporary folder, which only its owner can enter.
    [site] = pytester.path.glob("runpytest-0/site0")
    assert site.parent.stat().st_mode & 0o077 == 0

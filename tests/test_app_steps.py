"""The steps an ordinary app needs, on a project that sets its session and redirects, as most do."""

from __future__ import annotations

import pytest
from third_party import make_shop

# A preference stored on the way to a page: the cookie is set on the redirect, not on the page.
PREFERENCE_VIEWS = """\
import time

from django.http import HttpResponse
from django.shortcuts import redirect


def choose_theme(request, name):
    request.session["theme"] = name
    return redirect(request.GET.get("next", "/"))


def home(request):
    theme = request.session.get("theme", "light")
    return HttpResponse(f"<h1>Thank you</h1><p>Theme: {theme}</p>")


def scripted(request):
    return HttpResponse(SCRIPTED_PAGE)


def slow(request):
    time.sleep(3)
    return HttpResponse("late")


# Two buttons whose scripts ask the site without loading a page: one waits for its answer,
# one gives up on it after 50 ms.
SCRIPTED_PAGE = '''
<button onclick="fetch('/slow/')">Ask slowly</button>
<button onclick="giveUp()">Ask and give up</button>
<button onclick="askElsewhere()">Ask another site</button>
<p id="said"></p>
<script>
  function giveUp() {
    const asking = new AbortController();
    setTimeout(() => asking.abort(), 50);
    fetch('/slow/', {signal: asking.signal}).catch(() => { said.textContent = 'Gave up'; });
  }
  function askElsewhere() {
    // The same server under its other name: another origin, as a third party's would be.
    const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    fetch(`http://${other}:${location.port}/slow/`, {mode: 'no-cors'});
    said.textContent = 'Asked';
  }
</script>
'''
"""

PREFERENCE_URLS = """\
from django.urls import path

from shop import preferences

urlpatterns = [
    path("", preferences.home),
    path("prefs/theme/<str:name>/", preferences.choose_theme),
    path("scripted/", preferences.scripted),
    path("slow/", preferences.slow),
]
"""

PREFERENCE_SETTINGS = """\
from shop.settings import *  # noqa: F403

ROOT_URLCONF = "shop.preference_urls"
"""

REDIRECTED = """\
Feature: A theme chosen on the way to the home page
  Scenario: The cookie comes with the redirect
    Given a new visitor
    When the visitor opens "/prefs/theme/dark/?next=/"
    Then the visitor is on "/"
    And the visitor was redirected from "/prefs/theme/dark/"
    And the response sets the session cookie
    And the session cookie is set with HttpOnly
    And the visitor's session is {'theme': 'dark'}
"""

VISIBLE_TEXT = """\
Feature: The home page
  Scenario: A heading and a paragraph read as a person sees them
    Given a new visitor
    When the visitor opens "/"
    Then the page reads "Thank you Theme: light"
    And the page shows "Theme: light"
    And the page does not show "Thank youTheme"
"""

WRONG_TEXT = """\
Feature: The home page
  Scenario: A page that reads otherwise
    Given a new visitor
    When the visitor opens "/"
    Then the page reads "Nothing here"
"""

UNANSWERED_SCRIPT = """\
Feature: A button whose script the site answers late
  Scenario: The action waits for the script's request no longer than the navigation timeout
    Given the visitor has opened "/scripted/"
    When the visitor presses "Ask slowly"
    Then the response sets no cookie
"""

ABANDONED_SCRIPT = """\
Feature: A button whose script gives up its request
  Scenario: A request that failed ends the wait
    Given the visitor has opened "/scripted/"
    When the visitor presses "Ask and give up"
    Then the page shows "Gave up"
    And the response sets no cookie
"""

ANOTHER_SITES_SCRIPT = """\
Feature: A button whose script asks another site
  Scenario: The action waits for the site's answers only
    Given the visitor has opened "/scripted/"
    When the visitor presses "Ask another site"
    Then the page shows "Asked"
"""

UNKNOWN_VISITOR = """\
Feature: A visitor nobody named before
  Scenario: A Then step about Carol, who never came
    Given the visitor has opened "/"
    Then Carol's browser holds no session cookie
"""


def preference_shop(pytester: pytest.Pytester, feature: str) -> pytest.Pytester:
    shop = make_shop(pytester)
    (shop.path / "basket.feature").write_text(feature)
    package = shop.path / "shop"
    (package / "preferences.py").write_text(PREFERENCE_VIEWS)
    (package / "preference_urls.py").write_text(PREFERENCE_URLS)
    (package / "preference_settings.py").write_text(PREFERENCE_SETTINGS)
    return shop


def run(shop: pytest.Pytester, *args: str) -> pytest.RunResult:
    return shop.runpytest_subprocess(
        "--site-settings=shop.preference_settings",
        f"--site-path={shop.path}",
        "-p",
        "no:cacheprovider",
        *args,
    )


def test_the_cookie_steps_see_the_cookie_a_redirect_set(pytester: pytest.Pytester) -> None:
    run(preference_shop(pytester, REDIRECTED)).assert_outcomes(passed=1)


def test_a_pages_text_is_what_a_person_sees(pytester: pytest.Pytester) -> None:
    # textContent would read "Thank youTheme: light": the heading and the paragraph run together.
    run(preference_shop(pytester, VISIBLE_TEXT)).assert_outcomes(passed=1)


def test_a_then_step_never_makes_a_visitor(pytester: pytest.Pytester) -> None:
    result = run(preference_shop(pytester, UNKNOWN_VISITOR), "--reruns=0")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*no visitor named Carol has opened a page in this scenario*"])


def test_a_failed_scenario_keeps_a_trace_and_a_screenshot_without_being_asked(pytester: pytest.Pytester) -> None:
    shop = preference_shop(pytester, WRONG_TEXT)
    run(shop, f"--output={shop.path / 'evidence'}", "--expect-timeout=500").assert_outcomes(failed=1)
    evidence = [path for path in (shop.path / "evidence").rglob("*") if path.is_file()]
    # The first attempt's screenshot; its retry's screenshot and trace.
    kept = sorted((path.parent.name.endswith("-retry1"), path.name) for path in evidence)
    assert kept == [(False, "test-failed-1.png"), (True, "test-failed-1.png"), (True, "trace.zip")]


def test_the_users_own_evidence_options_win(pytester: pytest.Pytester) -> None:
    shop = preference_shop(pytester, WRONG_TEXT)
    evidence = shop.path / "evidence"
    run(
        shop, f"--output={evidence}", "--expect-timeout=500", "--tracing=off", "--screenshot=off", "--reruns=0"
    ).assert_outcomes(failed=1)
    assert not [path for path in evidence.rglob("*") if path.is_file()]


def test_an_action_waits_for_its_scripts_request_as_long_as_a_navigation_and_says_which(
    pytester: pytest.Pytester,
) -> None:
    result = run(preference_shop(pytester, UNANSWERED_SCRIPT), "--navigation-timeout=1000", "--reruns=0")
    result.assert_outcomes(failed=1)
    result.stdout.re_match_lines(
        [r'.*pressing "Ask slowly": the site did not answer the page\'s script \(http://.*/slow/\) within 1000 ms']
    )


def test_a_scripts_request_that_failed_ends_the_actions_wait(pytester: pytest.Pytester) -> None:
    # The site answers after 3 s, the navigation timeout is 2 s: a wait that missed the
    # failure would time out before any answer came.
    result = run(preference_shop(pytester, ABANDONED_SCRIPT), "--navigation-timeout=2000", "--reruns=0")
    result.assert_outcomes(passed=1)


def test_an_action_does_not_wait_for_a_request_to_another_site(pytester: pytest.Pytester) -> None:
    # The other site answers after 3 s, the navigation timeout is 1 s: waiting for it would fail.
    run(preference_shop(pytester, ANOTHER_SITES_SCRIPT), "--navigation-timeout=1000", "--reruns=0").assert_outcomes(
        passed=1
    )


def test_a_failure_names_the_step_of_the_feature_that_failed(pytester: pytest.Pytester) -> None:
    result = run(preference_shop(pytester, WRONG_TEXT), "--expect-timeout=500", "--reruns=0")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*the step that failed*", 'Then the page reads "Nothing here"  (basket.feature:5)'])

"""Keys an engine or middleware adds to every session: declared, they are set apart from the data compared."""

from __future__ import annotations

import pytest
from third_party import make_shop

# As django-qsessions does: the client's address and browser, kept in the session itself.
BOOKKEEPING_MIDDLEWARE = """\
class KeepTrack:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.session.modified:
            request.session["_qsessions_ip"] = request.META.get("REMOTE_ADDR")
            request.session["_qsessions_user_agent"] = "a browser"
        return response
"""

SETTINGS = """\
from shop.settings import *  # noqa: F403

# Inside SessionMiddleware, so that the session is saved after it writes.
MIDDLEWARE = [*MIDDLEWARE, "shop.tracking.KeepTrack"]  # noqa: F405
"""


def tracking_shop(pytester: pytest.Pytester, declared: str = "") -> pytest.Pytester:
    shop = make_shop(pytester)
    (shop.path / "shop" / "tracking.py").write_text(BOOKKEEPING_MIDDLEWARE)
    (shop.path / "shop" / "tracking_settings.py").write_text(SETTINGS + declared)
    return shop


def run(shop: pytest.Pytester, *args: str) -> pytest.RunResult:
    return shop.runpytest_subprocess(
        "--site-settings=shop.tracking_settings", f"--site-path={shop.path}", "--reruns=0", *args
    )


def test_undeclared_bookkeeping_keys_fail_the_step_in_a_line_naming_the_option(pytester: pytest.Pytester) -> None:
    result = run(tracking_shop(pytester))
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*the server's session for the key * holds {'items': 2} and also keys the step did not name: "
            "'_qsessions_ip', '_qsessions_user_agent' (keys an engine or middleware adds? declare them with "
            "--session-bookkeeping-keys '_qsessions_*')*"
        ]
    )


def test_keys_declared_on_the_command_line_are_left_out_of_the_comparison(pytester: pytest.Pytester) -> None:
    result = run(tracking_shop(pytester), "--session-bookkeeping-keys=_other_*,_qsessions_*")
    result.assert_outcomes(passed=1)


def test_keys_declared_in_the_sites_settings_are_left_out_of_the_comparison(pytester: pytest.Pytester) -> None:
    result = run(tracking_shop(pytester, 'SESSION_SPEC_BOOKKEEPING_KEYS = ["_qsessions_*"]\n'))
    result.assert_outcomes(passed=1)


def test_declared_keys_leave_the_data_compared_exactly(pytester: pytest.Pytester) -> None:
    shop = tracking_shop(pytester)
    shop.makefile(".feature", basket=WRONG_COUNT)
    result = run(shop, "--session-bookkeeping-keys=_qsessions_*")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*is {'items': 2}, not {'items': 3} (besides the bookkeeping keys {'_qsessions_ip': '127.0.0.1',*"]
    )


def test_a_setting_that_is_not_a_list_stops_the_run_in_one_line(pytester: pytest.Pytester) -> None:
    result = run(tracking_shop(pytester, 'SESSION_SPEC_BOOKKEEPING_KEYS = "_qsessions_*"\n'))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stdout.fnmatch_lines(
        ["*django-session-spec: the site's SESSION_SPEC_BOOKKEEPING_KEYS is '_qsessions_*': make it a list*"]
    )


WRONG_COUNT = """\
Feature: The basket
  Scenario: Each visit adds an item to the visitor's basket
    Given a new visitor
    When the visitor opens "/basket/add/" 2 times
    Then the visitor's session is {'items': 3}
"""

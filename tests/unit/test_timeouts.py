"""A browser action that timed out, in one line: the step, the URL and the option that sets the wait."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from session_steps.browser.timeouts import timeout_message

STEP = 'When Bob opens "/slow/"'


def test_a_page_that_did_not_load_is_named_by_its_url(pytestconfig: pytest.Config) -> None:
    error = PlaywrightTimeoutError(
        "Page.goto: Timeout 30000ms exceeded.\nCall log:\n"
        '  - navigating to "http://127.0.0.1:8000/slow/", waiting until "load"\n'
    )
    timeout = pytestconfig.getoption("navigation_timeout")
    assert timeout_message(STEP, error, pytestconfig) == (
        f"the step '{STEP}' timed out: http://127.0.0.1:8000/slow/ did not load within {timeout} ms "
        f"(--navigation-timeout={timeout}: raise it for a slower site)"
    )


def test_a_navigation_waited_for_is_named_by_its_url(pytestconfig: pytest.Config) -> None:
    error = PlaywrightTimeoutError(
        "Timeout 30000ms exceeded.\nCall log:\n"
        '  - waiting for navigation to "http://127.0.0.1:8000/color/" until "load"\n'
    )
    assert "http://127.0.0.1:8000/color/ did not load within" in timeout_message(STEP, error, pytestconfig)


def test_any_other_action_is_named_by_the_first_line_of_its_error(pytestconfig: pytest.Config) -> None:
    error = PlaywrightTimeoutError("Locator.click: Timeout 30000ms exceeded.\nCall log:\n  - waiting for button")
    message = timeout_message(STEP, error, pytestconfig)
    assert message.startswith(f"the step '{STEP}' timed out: Locator.click: Timeout 30000ms exceeded within ")

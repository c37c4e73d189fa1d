"""A browser action that timed out, said in one line: the step, the URL and the option that sets the wait."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Playwright's call log of a navigation: 'navigating to "http://...", waiting until "load"'.
NAVIGATING_TO = re.compile(r'navigating to "(?P<url>[^"]+)"')
WAITING_FOR_NAVIGATION = re.compile(r'waiting for navigation to "(?P<url>[^"]+)"')


def timeout_message(step: str, error: PlaywrightTimeoutError, config: pytest.Config) -> str:
    """One line for a step whose navigation or action outlasted ``--navigation-timeout``."""
    timeout = config.getoption("navigation_timeout")
    text = str(error)
    target = NAVIGATING_TO.search(text) or WAITING_FOR_NAVIGATION.search(text)
    what = f"{target.group('url')} did not load" if target else text.splitlines()[0].rstrip(".")
    return (
        f"the step '{step}' timed out: {what} within {timeout} ms "
        f"(--navigation-timeout={timeout}: raise it for a slower site)"
    )

"""Steps for scenarios that need the site configured in a particular way: they skip elsewhere."""

from __future__ import annotations

import urllib.parse

import pytest
from pytest_bdd import given, parsers

from session_steps.server.site import OWN_SETTINGS, Site, SiteUnreadable
from session_steps.steps.phrases import python_literal

# The bundled site's settings modules for such scenarios, named in the skip reason.
SETTINGS_FOR = {
    "SESSION_COOKIE_AGE": "session_site.short_age_settings",
    "SESSION_COOKIE_SECURE": "session_site.secure_cookie_settings",
}


def site_setting(request: pytest.FixtureRequest, name: str) -> object:
    """A setting of the site under test, as its server has it."""
    site: Site = request.getfixturevalue("site")
    try:
        return site.setting(name)
    except SiteUnreadable as error:
        pytest.skip(str(error))


def require_setting(request: pytest.FixtureRequest, name: str, expected: object) -> None:
    """Skip the scenario, saying which settings to run it with, unless ``name`` is ``expected``.

    A project's own site is told how to make a variant of its settings, never to swap them.
    """
    actual = site_setting(request, name)
    if actual != expected:
        own = request.config.stash.get(OWN_SETTINGS, None)
        if own is not None:
            hint = f": {own.variant(name, expected)}"
        else:
            hint = f": run with --site-settings {SETTINGS_FOR[name]}" if name in SETTINGS_FOR else ""
        pytest.skip(f"needs {name} = {expected!r} (the site has {actual!r}){hint}")


@given(parsers.re(r"the site sets (?P<name>[A-Z_]+) = (?P<literal>.+)"))
def _(request: pytest.FixtureRequest, name: str, literal: str) -> None:
    """The site's settings have this value; on other sites the scenario skips."""
    require_setting(request, name, python_literal(literal))


@given(parsers.re(r"the site's sessions last (?P<seconds>\d+) seconds?"))
def _(request: pytest.FixtureRequest, seconds: str) -> None:
    """SESSION_COOKIE_AGE is this short; on other sites the scenario skips."""
    require_setting(request, "SESSION_COOKIE_AGE", int(seconds))


@given(parsers.re(r"the site is served over HTTPS"))
def _(site_url: str) -> None:
    """The site's address is https://; elsewhere the scenario skips, saying how to run it."""
    if urllib.parse.urlsplit(site_url).scheme != "https":
        pytest.skip(f"needs the site served over HTTPS (it is at {site_url}): run with --site-https")

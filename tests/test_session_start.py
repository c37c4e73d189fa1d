"""A scenario that starts from a session put in the store, on every kind of store and on a deployment."""

from __future__ import annotations

import pytest
from third_party import make_shop, serving_shop, with_probe_secret

STARTS_WITH = """\
Feature: The basket
  Scenario: A basket that already holds items
    Given the visitor's session starts with {'items': 5}
    When the visitor opens "/basket/add/"
    Then the page reads "6 items in the basket"
    And the visitor's session is {'items': 6}
"""


def shop_starting_with_a_session(pytester: pytest.Pytester) -> pytest.Pytester:
    shop = make_shop(pytester)
    (shop.path / "basket.feature").write_text(STARTS_WITH)
    return shop


def test_a_session_started_in_each_kind_of_store_is_the_one_the_site_reads(pytester: pytest.Pytester) -> None:
    shop = shop_starting_with_a_session(pytester)
    engines = ("db", "cached_db", "file", "signed_cookies", "cache-locmem")
    result = shop.runpytest_subprocess(
        "--site-settings=shop.settings",
        f"--site-path={shop.path}",
        *(f"--session-engine={engine}" for engine in engines),
    )
    result.assert_outcomes(passed=len(engines))


def test_a_deployment_that_consents_has_a_session_started_through_its_probe(pytester: pytest.Pytester) -> None:
    shop = with_probe_secret(shop_starting_with_a_session(pytester), "their-secret")
    # The probe at the root their own features run against, beside their pages.
    urls = shop.path / "shop" / "urls.py"
    urls.write_text(urls.read_text() + 'urlpatterns.append(path("", include("session_site.probe_urls")))\n')
    with serving_shop(shop, "deployment") as url:
        result = shop.runpytest_subprocess(f"--base-url={url}", "--probe-secret=their-secret")
    result.assert_outcomes(passed=1)


def test_without_the_probe_a_deployments_scenario_that_starts_from_a_session_is_skipped(
    pytester: pytest.Pytester,
) -> None:
    shop = shop_starting_with_a_session(pytester)
    with serving_shop(shop, "deployment") as url:
        result = shop.runpytest_subprocess(f"--base-url={url}", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED*the session store of a server given by --base-url*cannot start a session*"])

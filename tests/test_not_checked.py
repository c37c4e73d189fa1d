"""A step that cannot read the store is "not checked": the scenario's other steps still run and count."""

from __future__ import annotations

import json

import pytest
from third_party import make_shop, serving_shop

STORE_THEN_PAGE = """\
Feature: The basket
  Scenario: Each visit adds an item to the visitor's basket
    Given a new visitor
    When the visitor opens "/basket/add/" 2 times
    Then the visitor's session is {'items': 2}
    And the page reads "2 items in the basket"

  Scenario: The basket is kept in the session
    Given a new visitor
    When the visitor opens "/basket/add/"
    Then the visitor's session is {'items': 1}
"""

# The page counts one item less than the basket holds: only the page check after the store's shows it.
OFF_BY_ONE_VIEWS = """\
from django.http import HttpResponse


def add(request):
    items = request.session.get("items", 0) + 1
    request.session["items"] = items
    return HttpResponse(f"{items - 1} items in the basket")
"""
WHY = "the session store of a server given by --base-url cannot be read from here"


def test_a_page_check_after_an_unreadable_store_still_finds_the_bug(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    (shop.path / "shop" / "views.py").write_text(OFF_BY_ONE_VIEWS)
    shop.makefile(".feature", basket=STORE_THEN_PAGE)
    with serving_shop(shop, "deployment") as url:
        result = shop.runpytest_subprocess(
            f"--base-url={url}", "--session-cookie-name=basket", "-k", "each_visit", "--reruns=0"
        )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*1 items in the basket*"])


def test_the_report_and_the_summary_say_which_steps_were_not_checked(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    shop.makefile(".feature", basket=STORE_THEN_PAGE)
    with serving_shop(shop, "deployment") as url:
        result = shop.runpytest_subprocess(
            f"--base-url={url}", "--session-cookie-name=basket", "--session-report=report", "-v", "-p", "no:randomly"
        )
    # Both pass on what they checked; the second checked nothing, and is listed as such.
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "*django-session-spec: not checked*",
            f"2 steps not checked: {WHY}*",
            "  *test_each_visit_adds_an_item_to_the_visitors_basket*: Then the visitor's session is {'items': 2}",
            "  *test_the_basket_is_kept_in_the_session*: Then the visitor's session is {'items': 1}",
            "1 scenario passed without checking anything: every Then step was not checked",
        ]
    )
    features = json.loads((shop.path / "report" / "cucumber.json").read_text())
    steps = features[0]["elements"][0]["steps"]
    assert [step["result"]["status"] for step in steps] == ["passed", "passed", "skipped", "passed"]
    assert steps[2]["result"]["error_message"].startswith(WHY)
    page = (shop.path / "report" / "features" / "basket.html").read_text()
    assert "Why it was not checked:" in page
    assert "○ not checked" in page
    index = (shop.path / "report" / "index.html").read_text()
    assert ">2 steps not checked</span>" in index

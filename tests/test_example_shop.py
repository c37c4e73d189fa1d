"""The example project examples/shop, copied where a stranger would have it, run in each of the README's three ways."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from spec_runner import PROJECT, outcomes, reasons, runs_on, scenarios_not_for, skipped_on_a_deployment
from third_party import serving_project

from session_steps.server.probe_protocol import SECRET_ENVIRONMENT_VARIABLE

EXAMPLE = PROJECT / "examples" / "shop"
PROBE_SECRET = "the-shops-test-secret"

BASKET = {
    "test_two_products_added_from_the_front_page_are_both_in_the_basket",
    "test_a_products_form_puts_it_in_the_basket_however_it_is_sent",
    "test_a_basket_already_in_the_session_is_shown",
    "test_emptying_the_basket_removes_it_from_the_session",
    "test_the_redirect_after_the_first_item_sets_the_session_cookie",
    "test_another_visitor_has_a_basket_of_their_own",
    "test_saving_a_product_for_later_starts_the_session_without_leaving_the_page",
    "test_forgetting_the_saved_products_empties_the_session_and_keeps_its_key",
}
THEME = {
    "test_choosing_the_dark_theme_takes_the_visitor_back_where_they_were",
    "test_the_themes_link_names_the_page_to_go_back_to",
    "test_the_visitor_comes_back_to_the_pages_address_query_and_all",
    "test_the_dark_theme_is_shown_on_later_pages",
    "test_pages_without_a_choice_are_light_and_store_nothing",
}
CHECKOUT = {
    "test_the_checkout_starts_from_the_basket",
    "test_a_visitor_who_skips_the_first_step_is_sent_back_to_it",
    "test_a_step_sent_without_its_button_still_moves_on_to_the_next",
    "test_the_first_step_is_filled_in_again_when_the_visitor_comes_back_to_it",
    "test_the_confirmation_sums_up_every_step",
    "test_the_order_is_placed_with_the_answers_of_every_step",
    "test_the_confirmation_is_followed_by_the_receipt_which_comes_a_moment_after_the_page_starts",
    "test_a_gift_wrap_ticked_then_unticked_is_left_out_of_the_order",
    "test_placing_the_order_gives_the_session_a_new_key_and_forgets_the_checkout",
}
EVERY_SCENARIO = BASKET | THEME | CHECKOUT

# The scenarios each mistake of shop/broken_views.py fails, and what their failure says.
BROKEN_SHOP_FAILS = {
    # The basket changed in place: the second item is lost.
    "test_two_products_added_from_the_front_page_are_both_in_the_basket": "Actual value: 1 item: Tea",
    # The basket page's setdefault stores an empty basket for whoever looks at it.
    "test_emptying_the_basket_removes_it_from_the_session": "the session has the key 'basket': it is {'basket': []}",
    "test_another_visitor_has_a_basket_of_their_own": "the browser holds the session cookie sessionid=",
    "test_pages_without_a_choice_are_light_and_store_nothing": "the browser holds the session cookie sessionid=",
    # The theme put in a dict the session does not hold: every page stays light.
    "test_choosing_the_dark_theme_takes_the_visitor_back_where_they_were": "expected to contain text 'Theme: dark'",
    "test_the_dark_theme_is_shown_on_later_pages": "expected to contain text 'Theme: dark'",
    # The name step's form is not filled in from the session.
    "test_the_first_step_is_filled_in_again_when_the_visitor_comes_back_to_it": "Locator expected to have Value 'Di'",
    # The city step replaces the checkout: without a name, the confirmation sends the visitor back to the first step.
    "test_the_confirmation_sums_up_every_step": "/checkout/confirm/",
    "test_the_order_is_placed_with_the_answers_of_every_step": 'the visitor ticks "Gift wrap"\' timed out',
    "test_a_gift_wrap_ticked_then_unticked_is_left_out_of_the_order": 'the visitor ticks "Gift wrap"\' timed out',
    "test_the_confirmation_is_followed_by_the_receipt_which_comes_a_moment_after_the_page_starts": (
        'the visitor presses "Place order"\' timed out'
    ),
    "test_placing_the_order_gives_the_session_a_new_key_and_forgets_the_checkout": (
        'the visitor presses "Place order"\' timed out'
    ),
}

# The scenarios each slip of shop.near_miss_settings fails, and the one step that catches it.
NEAR_MISS_SHOP_FAILS = {
    # The front page stores a flag for every visitor: "browser holds no session cookie" (as
    # a Given) and "session is".
    "test_the_redirect_after_the_first_item_sets_the_session_cookie": "the browser holds the session cookie sessionid=",
    "test_the_dark_theme_is_shown_on_later_pages": "the server's session for the key",
    "test_saving_a_product_for_later_starts_the_session_without_leaving_the_page": "the server's session for the key",
    "test_forgetting_the_saved_products_empties_the_session_and_keeps_its_key": "the server's session for the key",
    # Emptying the basket ends on the front page, which shows the same empty basket: "is on".
    "test_emptying_the_basket_removes_it_from_the_session": "Actual value: http://127.0.0.1:",
    # The theme pages moved: "was redirected from".
    "test_choosing_the_dark_theme_takes_the_visitor_back_where_they_were": "not from /prefs/theme/dark/",
    "test_the_themes_link_names_the_page_to_go_back_to": "not from /prefs/theme/dark/?next=/checkout/",
    # The city step answers with the name step in place: "was redirected".
    "test_a_visitor_who_skips_the_first_step_is_sent_back_to_it": "/checkout/city/ was not redirected",
    # The "Checkout" links go through an old address's redirect: "was not redirected".
    "test_the_checkout_starts_from_the_basket": 'clicking "Checkout" was redirected from /checkout (301)',
    # A stylesheet hides the basket's items and the order's summary: "the region ... reads",
    # "the element with test id ... reads" and "page shows" read what a person sees.
    "test_two_products_added_from_the_front_page_are_both_in_the_basket": "Locator expected to have text",
    "test_a_products_form_puts_it_in_the_basket_however_it_is_sent": "Locator expected to have text",
    "test_a_basket_already_in_the_session_is_shown": "Locator expected to have text",
    "test_another_visitor_has_a_basket_of_their_own": "Locator expected to contain text '1 item: Tea'",
    "test_the_confirmation_sums_up_every_step": 'get_by_test_id("summary")',
    # ... and "the pages read, in turn", which reads each page as a person saw it.
    "test_the_confirmation_is_followed_by_the_receipt_which_comes_a_moment_after_the_page_starts": (
        "the last 2 pages read ['Products Your basket Checkout Checkout: your order Gift wrap"
    ),
    # ... and shows the thanks page's hidden "Gift wrapped.": "page does not show".
    "test_a_gift_wrap_ticked_then_unticked_is_left_out_of_the_order": "Locator expected not to contain text",
}

# What a run given only --base-url cannot read: the steps that look in the server's store, by scenario.
NOT_CHECKED_FROM_OUTSIDE = {
    ("test_two_products_added_from_the_front_page_are_both_in_the_basket", "session is {'basket': ['tea', 'coffee']}"),
    ("test_emptying_the_basket_removes_it_from_the_session", 'session has no key "basket"'),
    (
        "test_the_first_step_is_filled_in_again_when_the_visitor_comes_back_to_it",
        "session is {'checkout': {'name': 'Di'}}",
    ),
    ("test_placing_the_order_gives_the_session_a_new_key_and_forgets_the_checkout", 'session has no key "checkout"'),
    ("test_placing_the_order_gives_the_session_a_new_key_and_forgets_the_checkout", "session includes {'orders': 1}"),
    ("test_the_dark_theme_is_shown_on_later_pages", "session is {'preferences': {'theme': 'dark'}}"),
    ("test_pages_without_a_choice_are_light_and_store_nothing", "server stores no new session"),
    ("test_saving_a_product_for_later_starts_the_session_without_leaving_the_page", "session is {'saved': ['tea']}"),
    ("test_forgetting_the_saved_products_empties_the_session_and_keeps_its_key", "session is {}"),
}
# How the run lists each of them: "  tests/test_basket.py::test_...[remote-wsgi]: And the visitor's session is {...}".
NOT_CHECKED_LINE = re.compile(r"  tests/\w+\.py::(?P<test>\w+)\[remote-wsgi\]: And the (?:visitor's )?(?P<step>.+)")


@dataclass(frozen=True)
class ShopRun:
    """One pytest run in the shop's folder: each test's outcome and reason, by its name without the cell."""

    outcomes: dict[str, str]
    reasons: dict[str, str]
    counts: Counter[str]  # of every run of a test, an outline's examples each counted
    output: str

    def named(self, outcome: str) -> set[str]:
        return {name for name, found in self.outcomes.items() if found == outcome}


def without_cell(name: str) -> str:
    return name.split("[", 1)[0]


def copy_of_the_shop(folder: Path) -> Path:
    """examples/shop as its own project, outside this one: nothing of ours above it but the installed plugin."""
    return Path(
        shutil.copytree(
            EXAMPLE,
            folder / "shop",
            ignore=shutil.ignore_patterns("__pycache__", ".*_cache", "test-results", "*.sqlite3"),
        )
    )


def run_in(shop: Path, *args: str, timeout: float = 300) -> ShopRun:
    """``pytest ARGS`` in the shop's folder, as its README says, with nothing of this run's environment."""
    report = shop / f"junit-{len(list(shop.glob('junit-*.xml')))}.xml"
    command = [sys.executable, "-m", "pytest", "-p", "no:randomly", "-p", "no:cacheprovider", f"--junitxml={report}"]
    # The broken shop's runs expect failures: each is told once, not retried.
    command.append("--reruns=0")
    # The probe's secret is given on the command line where a run uses it, never inherited.
    env = {name: value for name, value in os.environ.items() if name != SECRET_ENVIRONMENT_VARIABLE}
    result = subprocess.run(
        [*command, "-rs", *args], cwd=shop, capture_output=True, text=True, timeout=timeout, env=env
    )
    output = result.stdout + result.stderr
    if not report.exists():
        raise AssertionError(f"the run made no report:\n{output}")
    every_run = outcomes(report)
    return ShopRun(
        {without_cell(name): outcome for name, outcome in every_run.items()},
        {without_cell(name): reason for name, reason in reasons(report).items()},
        Counter(every_run.values()),
        output,
    )


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A fresh copy of examples/shop."""
    return copy_of_the_shop(tmp_path)


def test_way_1_every_scenario_passes_on_the_shop_the_plugin_serves(shop: Path) -> None:
    run = run_in(shop, "--site-settings=shop.settings")
    assert run.outcomes == dict.fromkeys(EVERY_SCENARIO, "passed"), run.output


def test_way_1_the_broken_shop_fails_the_scenarios_of_its_five_mistakes(shop: Path) -> None:
    # Short waits: a failing assertion waits out --expect-timeout, a missing button --navigation-timeout.
    run = run_in(shop, "--site-settings=shop.broken_settings", "--expect-timeout=2000", "--navigation-timeout=2000")
    assert run.named("failed") == set(BROKEN_SHOP_FAILS), run.output
    assert run.named("passed") == EVERY_SCENARIO - set(BROKEN_SHOP_FAILS), run.output
    for scenario, reason in BROKEN_SHOP_FAILS.items():
        assert reason in run.reasons[scenario], f"{scenario} failed otherwise: {run.reasons[scenario]}"


def test_way_1_the_near_miss_shop_fails_each_scenario_at_the_step_that_catches_its_slip(shop: Path) -> None:
    run = run_in(shop, "--site-settings=shop.near_miss_settings", "--expect-timeout=2000")
    assert run.named("failed") == set(NEAR_MISS_SHOP_FAILS), run.output
    assert run.named("passed") == EVERY_SCENARIO - set(NEAR_MISS_SHOP_FAILS), run.output
    for scenario, reason in NEAR_MISS_SHOP_FAILS.items():
        assert reason in run.reasons[scenario], f"{scenario} failed otherwise: {run.reasons[scenario]}"


def test_way_2_every_scenario_passes_on_pytest_djangos_live_server(shop: Path) -> None:
    run = run_in(shop, "live_server_tests", "--ds=shop.settings")
    assert run.outcomes == dict.fromkeys(EVERY_SCENARIO, "passed"), run.output


@pytest.fixture(scope="module")
def deployed_shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shop served as its test deployment is (shop.deploy_settings, gunicorn), its probe secret set: its URL."""
    folder = tmp_path_factory.mktemp("deployed")
    with ExitStack() as stack:
        with pytest.MonkeyPatch.context() as environment:
            # Only the deployment's servers read it: they take it from the environment they start in.
            environment.setenv(SECRET_ENVIRONMENT_VARIABLE, PROBE_SECRET)
            url = stack.enter_context(
                serving_project(copy_of_the_shop(folder), "shop.deploy_settings", folder / "deployment")
            )
        yield url


@pytest.mark.xdist_group("example-shop-deployment")
def test_way_3_the_shops_features_check_its_deployment_from_outside(shop: Path, deployed_shop: str) -> None:
    run = run_in(shop, f"--base-url={deployed_shop}", "-v")
    # The one scenario that starts from a stored session cannot store one from outside.
    starts_with = "test_a_basket_already_in_the_session_is_shown"
    assert run.outcomes == {**dict.fromkeys(EVERY_SCENARIO, "passed"), starts_with: "skipped"}, run.output
    assert "the session store of a server given by --base-url cannot be read from here" in run.reasons[starts_with]
    # Every step that reads the store is listed, with its scenario, and the rest of the scenario ran.
    assert "9 steps not checked: the session store of a server given by --base-url cannot be read" in run.output
    listed = {
        match.group("test", "step") for line in run.output.splitlines() if (match := NOT_CHECKED_LINE.match(line))
    }
    assert listed == NOT_CHECKED_FROM_OUTSIDE


@pytest.mark.xdist_group("example-shop-deployment")
def test_way_3_the_packaged_spec_checks_the_deployment_that_consents(shop: Path, deployed_shop: str) -> None:
    run = run_in(
        shop, "--pyargs", "session_steps", f"--base-url={deployed_shop}/session-spec/", f"--probe-secret={PROBE_SECRET}"
    )
    # The shop keeps Django's defaults: no scenario fails; those a deployment cannot run skip, saying why.
    skipped = skipped_on_a_deployment()
    assert run.counts == {"passed": runs_on("db") + len(scenarios_not_for("db")) - skipped, "skipped": skipped}, (
        run.output
    )
    # Every step that reads the store read it, through the probe the shop mounts.
    assert "not checked" not in run.output

"""The report's Lesson page as a reader meets it: every part of the lesson, with the scenarios that prove it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from report_pages import WIDTH, assert_fits, base_url  # noqa: F401 (base_url: the fixture)
from spec_runner import TESTS, run_spec

from session_steps.lesson import the_lesson

# Three scenarios of the spec: the lesson's example, the outline of get()'s defaults, and the
# scenario after it, which is not the first of its feature's page.
SOME_SCENARIOS = ("-k", "lessons_example or reading_a_missing_key_with_get or reading_a_key_that_was_stored")
LESSONS_EXAMPLE = "The lesson's example, step by step"
STORED_VALUE = "Reading a key that was stored returns the stored value, not the default"
THE_PAGE = "The lesson, part by part"


@pytest.fixture(scope="module")
def some_scenarios_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of a run of three scenarios, which leaves some parts of the lesson unproved."""
    tmp_path = tmp_path_factory.mktemp("some")
    outcomes = run_spec(tmp_path, f"--session-report={tmp_path / 'report'}", *SOME_SCENARIOS)
    assert set(outcomes.values()) == {"passed"} and len(outcomes) == 5, outcomes
    return tmp_path / "report"


@pytest.fixture(scope="module")
def broken_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the same scenarios against the broken site, whose example view reads 'colour'."""
    tmp_path = tmp_path_factory.mktemp("broken")
    site = ("--site-settings=broken_site.settings", f"--site-path={TESTS}", "--expect-timeout=500")
    run_spec(tmp_path, *site, f"--session-report={tmp_path / 'report'}", *SOME_SCENARIOS)
    return tmp_path / "report"


def open_lesson_page(page: Page, report: Path) -> None:
    page.goto(report.joinpath("index.html").as_uri())
    page.get_by_role("navigation", name="Report pages").get_by_role("link", name=THE_PAGE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(THE_PAGE)


def part_article(page: Page, title: str) -> Locator:
    return page.get_by_role("article", name=title, exact=True)


def test_the_lesson_page_lists_every_part_in_the_lessons_order(page: Page, some_scenarios_report: Path) -> None:
    open_lesson_page(page, some_scenarios_report)
    lesson = the_lesson()
    expect(page.get_by_role("heading", level=2)).to_have_text(
        ["Covered and not covered", *(section.title for section in lesson.sections)]
    )
    expect(page.get_by_role("article").get_by_role("heading", level=3)).to_have_text(
        [part.title for part in lesson.parts]
    )
    for part in lesson.parts:
        expect(part_article(page, part.title)).to_contain_text(f"@lesson:{part.id}")


def test_a_part_shows_its_scenarios_with_their_outcome_on_each_cell(page: Page, some_scenarios_report: Path) -> None:
    open_lesson_page(page, some_scenarios_report)
    step = part_article(page, "Step 3: Get 'color' from session")
    proofs = step.get_by_role("list", name="Scenarios that prove it").get_by_role("listitem")
    expect(proofs).to_have_count(1)
    expect(proofs).to_contain_text("✓ passed on engine: db, server: wsgi")
    # An outline is one scenario, however many examples it ran.
    quiz = part_article(page, "A default of 'green' when 'color' was not set")
    expect(quiz.get_by_role("listitem")).to_have_count(1)
    expect(quiz.get_by_role("listitem")).to_contain_text("and 2 more examples of its outline")
    # A link leads to the scenario's own section of its feature's page.
    part_article(page, "Why request.session.get('color', 'red') instead of request.session['color']?").get_by_role(
        "link", name=STORED_VALUE
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feature: Default values")
    target = page.evaluate("location.hash").removeprefix("#")
    section = page.get_by_role("region", name=STORED_VALUE, exact=True)
    expect(section).to_have_id(target)
    # And back: the scenario's tag leads to its part of the lesson.
    section.get_by_role("link", name="@lesson:key-moment-1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(THE_PAGE)
    assert page.evaluate("location.hash") == "#key-moment-1"


def test_the_parts_no_scenario_proves_are_named(page: Page, some_scenarios_report: Path) -> None:
    open_lesson_page(page, some_scenarios_report)
    uncovered = page.get_by_role("list", name="Proved by no scenario of this run").get_by_role("listitem")
    texts = [" ".join(text.split()) for text in uncovered.all_inner_texts()]
    assert "A default inside the brackets practice-4" in texts
    assert "Remembering the last page visited practice-5" in texts
    assert not any("execution-step" in text for text in texts)
    expect(part_article(page, "A default inside the brackets")).to_contain_text(
        "No scenario of this run proves this part."
    )
    expect(page.get_by_text(re.compile(r"^23 parts: "))).to_have_text(
        f"23 parts: {23 - len(texts)} proved by a scenario that passed, {len(texts)} proved by no scenario of this run."
    )


def test_a_part_whose_scenario_failed_says_where(page: Page, broken_report: Path) -> None:
    open_lesson_page(page, broken_report)
    step = part_article(page, "Step 3: Get 'color' from session")
    expect(step.get_by_role("listitem")).to_contain_text("✗ failed on engine: db, server: wsgi")
    expect(page.get_by_role("region", name="Covered and not covered")).to_contain_text("with a scenario that failed")


def test_the_lesson_page_fits_the_window_at_1280_px(page: Page, some_scenarios_report: Path) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 900})
    open_lesson_page(page, some_scenarios_report)
    assert_fits(page)

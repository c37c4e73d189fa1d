"""``@lesson:PART`` tags: each names a part of the lesson's outline, and becomes a mark to select by."""

from __future__ import annotations

import re

import pytest
from spec_runner import PROJECT

from session_steps.bdd_compat import get_features
from session_steps.lesson import LESSON_TAG, part_ids, the_lesson

FEATURE = """\
Feature: Favourite colour
  @lesson:{part}
  Scenario: The lesson's example
    Given a new visitor
    When the visitor opens "/color/"
    Then the page reads "Favorite color is blue"

  Scenario: A scenario of no part
    Given a new visitor
    When the visitor opens "/visits/"
"""

TEST_MODULE = """\
from pytest_bdd import scenarios

scenarios("colour.feature")
"""


def spec_tags() -> dict[str, set[str]]:
    """Every scenario of the spec's features, by feature file and name, with its lesson parts."""
    found = {}
    for feature in get_features([str(PROJECT / "features")]):
        for scenario in feature.scenarios.values():
            tags = scenario.tags | feature.tags | (scenario.rule.tags if scenario.rule else set())
            found[f"{feature.rel_filename}: {scenario.name}"] = set(part_ids(tags))
    return found


def test_every_lesson_tag_of_the_spec_names_a_part_of_the_outline() -> None:
    tagged = spec_tags()
    named = set().union(*tagged.values())
    assert named, "no scenario of the spec is tagged with a part of the lesson"
    assert named - set(the_lesson().ids) == set()


def test_the_spec_proves_every_part_of_the_lesson() -> None:
    named = set().union(*spec_tags().values())
    assert [part for part in the_lesson().ids if part not in named] == []


def project(pytester: pytest.Pytester, part: str) -> pytest.Pytester:
    pytester.makefile(".feature", colour=FEATURE.format(part=part))
    pytester.makepyfile(test_colour=TEST_MODULE)
    return pytester


def test_a_lesson_tag_is_a_mark_that_selects_the_scenarios_of_its_part(pytester: pytest.Pytester) -> None:
    project(pytester, "quiz-3")
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "--strict-markers", "--collect-only", "-q", "-m", "lesson(part='quiz-3')"
    )
    assert result.ret == pytest.ExitCode.OK, result.stdout.str()
    result.stdout.fnmatch_lines(["test_colour.py::test_the_lessons_example*", "1/2 tests collected (1 deselected)*"])


def test_a_lesson_tag_naming_no_part_fails_the_collection_with_the_outline_s_ids(pytester: pytest.Pytester) -> None:
    project(pytester, "quiz-9")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--collect-only", "-q")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(
        [f"*@{LESSON_TAG}quiz-9 names no part of the lesson outlined in features/lesson.toml; its parts: example, *"]
    )


RULE_FEATURE = """\
Feature: Favourite colour
  @lesson:quiz-3
  Rule: Every scenario of this rule proves the part

    Scenario: The lesson's example
      Given a new visitor
      When the visitor opens "/color/"
      Then the page reads "Favorite color is blue"
"""


def test_a_rule_s_lesson_tag_puts_its_scenarios_on_the_lesson_page(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", colour=RULE_FEATURE)
    pytester.makepyfile(test_colour=TEST_MODULE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "1", "--session-report=report", timeout=120)
    result.assert_outcomes(passed=1)
    # Journaled by a worker and read back by the controller: the rule's tags travel with the run.
    parts = lesson_page_parts((pytester.path / "report" / "lesson.html").read_text())
    assert "The lesson&#39;s example" in parts["quiz-3"]
    assert "No scenario of this run proves this part." in parts["quiz-2"]


def lesson_page_parts(html: str) -> dict[str, str]:
    """The Lesson page's parts, by id, each as its HTML."""
    found = {}
    for article in html.split("<article")[1:]:
        match = re.search(r'id="([^"]+)"', article)
        if match:
            found[match.group(1)] = article
    return found

"""The lesson's parts matched with the scenarios tagged with them, and what those scenarios did."""

from __future__ import annotations

from session_steps.lesson import Lesson, Part, Section
from session_steps.report.coverage import NOT_PROVED, PROVED, UNCOVERED, lesson_coverage, names_the_lesson
from session_steps.report.model import FAILED, PASSED, SKIPPED, FeatureInfo, RuleInfo, ScenarioRun
from session_steps.report.summary import group_features

LESSON = Lesson(
    title="A lesson",
    sections=(
        Section("Steps", (Part("step-1", "First"), Part("step-2", "Second"))),
        Section("Quiz", (Part("quiz-1", "A question"), Part("quiz-2", "Another"))),
    ),
)


def a_run(
    name: str,
    *,
    line: int,
    tags: tuple[str, ...] = (),
    outcome: str = PASSED,
    cell: str = "db",
    example: dict[str, str] | None = None,
    rule_tags: tuple[str, ...] = (),
) -> ScenarioRun:
    return ScenarioRun(
        nodeid=f"colour.feature::{name}[{cell}]",
        order=0,
        feature=FeatureInfo(name="Colour", file="colour.feature", line=1, description=""),
        rule=RuleInfo("A rule", "", list(rule_tags)),
        name=name,
        line=line,
        tags=list(tags),
        example=example or {},
        labels={"engine": cell, "server": "wsgi"},
        outcome=outcome,
    )


def test_each_part_lists_the_scenarios_tagged_with_it_in_order_and_names_the_uncovered() -> None:
    runs = [
        a_run("Untagged", line=2),
        a_run("Example", line=5, tags=("lesson:step-1", "lesson:quiz-1")),
        a_run("Second step", line=9, tags=("lesson:step-2",), outcome=FAILED),
        a_run("Skipped", line=12, tags=("lesson:quiz-2", "engine:file"), outcome=SKIPPED),
    ]
    coverage = lesson_coverage(LESSON, group_features(runs))
    assert [part.part.id for part in coverage.parts] == ["step-1", "step-2", "quiz-1", "quiz-2"]
    assert {part.part.id: [s.name for s in part.scenarios] for part in coverage.parts} == {
        "step-1": ["Example"],
        "step-2": ["Second step"],
        "quiz-1": ["Example"],
        "quiz-2": ["Skipped"],
    }
    assert {part.part.id: part.status for part in coverage.parts} == {
        "step-1": PROVED,
        "step-2": FAILED,
        "quiz-1": PROVED,
        "quiz-2": NOT_PROVED,
    }
    partial = lesson_coverage(LESSON, group_features(runs[:2]))
    assert [part.part.id for part in partial.with_status(UNCOVERED)] == ["step-2", "quiz-2"]


def test_a_scenario_s_runs_on_every_cell_and_example_make_one_line_with_its_outcomes() -> None:
    cells = ["db", "file", "cache", "signed_cookies", "cached_db"]
    runs = [
        a_run("Reading red", line=7, tags=("lesson:quiz-1",), cell=cell, example={"colour": colour})
        for cell in cells
        for colour in ("red", "green")
    ]
    runs[-1].outcome = FAILED  # cached_db, green
    [quiz] = [part for part in lesson_coverage(LESSON, group_features(runs)).parts if part.part.id == "quiz-1"]
    [scenario] = quiz.scenarios
    assert scenario.examples == 2
    assert scenario.outcome == FAILED
    assert scenario.outcome_phrases == [
        (FAILED, "on engine: cached_db, server: wsgi"),
        (PASSED, "on 4 cells"),
    ]


def test_a_scenario_links_to_its_first_runs_section_on_its_features_page() -> None:
    runs = [a_run("First", line=3), *(a_run("Tagged", line=6, tags=("lesson:step-1",), cell=cell) for cell in "ab")]
    features = group_features(runs)
    [step] = [part for part in lesson_coverage(LESSON, features).parts if part.part.id == "step-1"]
    assert step.scenarios[0].link == "features/colour.html#scenario-2"
    assert features[0].anchor(runs[2]) == "scenario-3"


def test_a_rule_s_and_a_feature_s_lesson_tags_count_for_its_scenarios() -> None:
    run = a_run("In a tagged rule", line=4, rule_tags=("lesson:step-2",))
    run.feature.tags = ["lesson:quiz-2"]
    [feature] = group_features([run])
    covered = {part.part.id for part in lesson_coverage(LESSON, [feature]).parts if part.scenarios}
    assert covered == {"step-2", "quiz-2"}


def test_only_a_run_with_lesson_tags_has_a_lesson_page() -> None:
    assert not names_the_lesson([a_run("Plain", line=2, tags=("server-error", "engine:db"))])
    assert names_the_lesson([a_run("Plain", line=2), a_run("Tagged", line=5, tags=("lesson:quiz-1",))])

"""Scenario runs grouped and counted as the report shows them, and each run's execution table."""

from __future__ import annotations

from session_steps.report.model import (
    FAILED,
    FLAKY,
    NOT_CHECKED,
    NOT_RUN,
    PASSED,
    SKIPPED,
    FeatureInfo,
    RuleInfo,
    RunIdentity,
    ScenarioRun,
    StepRun,
)
from session_steps.report.summary import Counts, count, distinguished, group_features, label_text, page_name


def a_run(file: str, rule: str | None = None, outcome: str = PASSED, name: str = "A scenario") -> ScenarioRun:
    feature = FeatureInfo(name=file.upper(), file=file, line=1, description="")
    return ScenarioRun(
        nodeid=f"{file}::{name}",
        order=0,
        feature=feature,
        rule=RuleInfo(rule, f"why {rule}") if rule else None,
        name=name,
        line=3,
        outcome=outcome,
    )


def test_a_feature_page_is_named_after_its_file_and_a_second_file_of_that_name_gets_a_number() -> None:
    taken: set[str] = set()
    assert page_name("features/cookies.feature", taken) == "cookies.html"
    assert page_name("more/cookies.feature", taken) == "cookies-2.html"
    assert page_name("other/cookies.feature", taken) == "cookies-3.html"
    assert page_name("visits.feature", taken) == "visits.html"
    assert taken == {"cookies.html", "cookies-2.html", "cookies-3.html", "visits.html"}


def test_runs_group_by_feature_then_rule_in_the_order_collected() -> None:
    runs = [
        a_run("b.feature", "Rule one", name="first"),
        a_run("a.feature", name="outside any rule"),
        a_run("b.feature", "Rule two", name="second"),
        a_run("b.feature", "Rule one", name="third"),
    ]
    groups = group_features(runs)
    assert [(group.info.file, group.page) for group in groups] == [("b.feature", "b.html"), ("a.feature", "a.html")]
    b, a = groups
    assert [(rule.name, rule.description, [run.name for run in rule.runs]) for rule in b.rules] == [
        ("Rule one", "why Rule one", ["first", "third"]),
        ("Rule two", "why Rule two", ["second"]),
    ]
    assert [(rule.name, rule.description) for rule in a.rules] == [(None, "")]
    assert [run.name for run in b.runs] == ["first", "third", "second"]
    assert group_features([]) == []


def test_any_failure_fails_the_whole_and_only_skips_skip_it() -> None:
    def outcome(*outcomes: str) -> str:
        counts = Counts()
        for each in outcomes:
            counts.add(each)
        return counts.outcome

    assert outcome(PASSED, SKIPPED, FAILED) == FAILED
    assert outcome(PASSED, SKIPPED) == PASSED
    assert outcome(SKIPPED, SKIPPED) == SKIPPED
    assert outcome() == SKIPPED
    # A run that never reported an outcome did not pass.
    assert outcome(PASSED, NOT_RUN) == FAILED


def test_counts_add_up_per_matrix_cell_where_runs_carry_labels() -> None:
    runs = [a_run("a.feature", outcome=outcome) for outcome in (PASSED, FAILED, SKIPPED, PASSED)]
    for run, engine in zip(runs, ["db", "db", "file", "file"], strict=True):
        run.labels = {"engine": engine, "server": "wsgi"}
    [feature] = group_features(runs)
    assert (feature.counts.passed, feature.counts.failed, feature.counts.skipped, feature.counts.total) == (2, 1, 1, 4)
    by_cell = {
        cell: (counts.passed, counts.failed, counts.skipped) for cell, counts in feature.counts_by_labels.items()
    }
    assert by_cell == {"engine: db, server: wsgi": (1, 1, 0), "engine: file, server: wsgi": (1, 0, 1)}
    assert group_features([a_run("a.feature")])[0].counts_by_labels == {}


def test_a_cell_is_named_by_its_labels_in_order() -> None:
    assert label_text({"engine": "db", "server": "asgi"}) == "engine: db, server: asgi"
    assert label_text({}) == ""


def test_steps_not_checked_are_counted_beside_their_scenarios_outcomes() -> None:
    looked = a_run("a.feature", outcome=PASSED)
    looked.steps = [StepRun("Then", "the page reads", 4, status=PASSED)]
    could_not = a_run("a.feature", outcome=PASSED, name="Another")
    could_not.steps = [
        StepRun("Then", "the visitor's session is {}", 4, status=NOT_CHECKED),
        StepRun("And", "the server stores no new session", 5, status=NOT_CHECKED),
    ]
    counts = group_features([looked, could_not])[0].counts
    assert (counts.passed, counts.not_checked) == (2, 2)
    assert counts.outcome == PASSED


def test_a_flaky_scenario_counts_once_as_flaky_and_its_retried_failure_not_at_all() -> None:
    first, retry = a_run("a.feature", outcome=FAILED), a_run("a.feature", outcome=FLAKY)
    retry.identity = RunIdentity(attempt=2)
    other = a_run("a.feature", outcome=PASSED, name="Another")
    counts = count([first, retry, other])
    assert (counts.passed, counts.failed, counts.flaky, counts.total, counts.outcome) == (1, 0, 1, 2, FLAKY)
    # Both attempts show, each named by its attempt; a test tried once is not.
    assert [run.labels for run in distinguished([first, retry, other])] == [{"attempt": "1"}, {"attempt": "2"}, {}]


def test_a_failure_outweighs_a_flaky_scenario() -> None:
    counts = Counts()
    for outcome in (PASSED, FLAKY, FAILED):
        counts.add(outcome)
    assert counts.outcome == FAILED

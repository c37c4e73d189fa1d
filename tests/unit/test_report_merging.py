"""Which run of a test stands when journals are merged, and in what order the runs read."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from session_steps.report.merged_report import MergeError, merge_reports
from session_steps.report.merging import merge_runs, reading_order
from session_steps.report.model import FAILED, PASSED, FeatureInfo, RunIdentity, ScenarioRun

FEATURE = FeatureInfo("Visits", "features/visits.feature", 1, "Counting.")
AT_TEN, AT_ELEVEN = "2026-01-01T10:00:00.000+00:00", "2026-01-01T11:00:00.000+00:00"


def a_run(nodeid: str, order: int = 0, session: str = "s1", django: str = "5.2.7") -> ScenarioRun:
    identity = RunIdentity(django, "3.11.7", "db", "wsgi", None, "chromium")
    return ScenarioRun(
        nodeid, order, FEATURE, None, nodeid, 3, identity=identity, test_session=session, finished=AT_TEN
    )


def test_runs_of_one_test_on_two_django_versions_are_both_kept() -> None:
    on_five = a_run("t::visit[db-wsgi]")
    on_six = a_run("t::visit[db-wsgi]", session="s2", django="6.1.3")
    assert merge_runs([on_five, on_six]) == [on_five, on_six]
    assert merge_runs([on_six, on_five]) == [on_five, on_six]


def test_every_part_of_the_identity_keeps_a_run_apart() -> None:
    first = a_run("t::visit[db-wsgi]")
    changes: list[tuple[str, str | int]] = [
        ("python", "3.12.1"),
        ("engine", "file"),
        ("server", "asgi"),
        ("database", "postgresql"),
        ("browser", "firefox"),
        ("attempt", 2),
    ]
    for name, value in changes:
        other = replace(first, identity=replace(first.identity, **{name: value}), test_session="s2")
        assert {id(run) for run in merge_runs([first, other])} == {id(first), id(other)}, name


def test_a_rerun_with_the_same_identity_and_attempt_replaces_the_earlier_run() -> None:
    earlier = replace(a_run("t::visit[db-wsgi]"), outcome=FAILED)
    later = replace(a_run("t::visit[db-wsgi]", session="s2"), outcome=PASSED, finished=AT_ELEVEN)
    assert merge_runs([earlier, later]) == [later]
    # Whichever folder is named first: the later run stands.
    assert merge_runs([later, earlier]) == [later]


def test_of_two_runs_that_finished_at_once_the_one_given_later_stands() -> None:
    first, second = a_run("t::visit[db-wsgi]"), replace(a_run("t::visit[db-wsgi]", session="s2"), outcome=PASSED)
    assert merge_runs([first, second]) == [second]


def test_the_first_session_s_collection_orders_the_tests_and_a_later_session_s_new_tests_follow_their_predecessor() -> (
    None
):
    first = [a_run("t::a", 0), a_run("t::b", 1), a_run("t::d", 2)]
    # Another session collected fewer tests before these, and one the first did not have.
    second = [a_run("t::a", 7, "s2"), a_run("t::c", 8, "s2"), a_run("t::d", 9, "s2"), a_run("t::e", 10, "s2")]
    assert list(reading_order([*first, *second])) == ["t::a", "t::c", "t::b", "t::d", "t::e"]


def test_merged_runs_of_one_test_read_together() -> None:
    five = [a_run("t::a", 10), a_run("t::b", 11)]
    six = [a_run("t::a", 0, "s2", "6.1.3"), a_run("t::b", 1, "s2", "6.1.3")]
    merged = merge_runs([*five, *six])
    assert [(run.nodeid, run.identity.django) for run in merged] == [
        ("t::a", "5.2.7"),
        ("t::a", "6.1.3"),
        ("t::b", "5.2.7"),
        ("t::b", "6.1.3"),
    ]


def test_the_output_folder_may_not_be_one_of_the_journals(tmp_path: Path) -> None:
    (tmp_path / "runs").mkdir()
    with pytest.raises(MergeError, match="is both the output and a journal folder"):
        merge_reports(tmp_path, [tmp_path])

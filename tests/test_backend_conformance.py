"""The conformance runner: its reading of a run, its comparison with the recorded deviations, and one backend's run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from spec_runner import PROJECT

sys.path.insert(0, str(PROJECT / "scripts"))

from conformance import BACKENDS, Expectation, Failure, Outcome, compare, load_expectations, read_junit, scenario_name

USER_SESSIONS = BACKENDS["django-user-sessions"]

JUNIT = """\
<testsuites><testsuite name="pytest">
  <testcase classname="session_steps.test_conformance" name="test_a_page_that_only_reads[db-wsgi]">
    <failure message="AssertionError: /color/ changed what the server stores&#10;assert 1 == 0">
    </failure>
  </testcase>
  <testcase classname="session_steps.test_conformance" name="test_defaults[db-wsgi-red]"/>
  <testcase classname="session_steps.test_conformance" name="test_cache_cleared[other-engines]">
    <skipped message="a fact of the cache engine"/>
  </testcase>
</testsuite></testsuites>
"""


def expectation(scenario: str, servers: tuple[str, ...] = ("wsgi",), version: str | None = None) -> Expectation:
    version = version or USER_SESSIONS.version
    return Expectation(USER_SESSIONS.name, version, scenario, servers, "reason", "user_sessions/backends/db.py:1")


def test_a_test_is_named_by_its_scenario_and_example_without_its_cell() -> None:
    assert scenario_name("test_a[db-wsgi]") == "test_a"
    assert scenario_name("test_a[cached_db-asgi-red]") == "test_a[red]"
    assert scenario_name("test_a[other-engines]") == "test_a"
    assert scenario_name("test_a[user_sessions.backends.db-wsgi]") == "test_a"
    assert scenario_name("test_a[cache-locmem-asgi-red]") == "test_a[red]"


def test_a_run_is_read_from_its_junit_report(tmp_path: Path) -> None:
    (tmp_path / "junit.xml").write_text(JUNIT)
    outcome = read_junit(Outcome(USER_SESSIONS, "wsgi"), tmp_path / "junit.xml")
    assert (outcome.passed, outcome.skipped) == (1, 1)
    assert outcome.failures == [
        Failure(
            "test_a_page_that_only_reads",
            "AssertionError: /color/ changed what the server stores",
        )
    ]


def test_a_recorded_failure_is_expected_and_a_new_one_is_a_change() -> None:
    outcome = Outcome(USER_SESSIONS, "wsgi", failures=[Failure("test_a", "first line"), Failure("test_b", "other")])
    verdict = compare(outcome, [expectation("test_a")])
    assert [failure.scenario for failure, _ in verdict.expected] == ["test_a"]
    assert verdict.new_failures == [Failure("test_b", "other")]
    assert verdict.changed


def test_a_recorded_failure_that_passes_is_a_change() -> None:
    verdict = compare(Outcome(USER_SESSIONS, "wsgi"), [expectation("test_a")])
    assert [recorded.scenario for recorded in verdict.now_passing] == ["test_a"]
    assert verdict.changed


@pytest.mark.parametrize(
    "recorded",
    [expectation("test_a", servers=("asgi",)), expectation("test_a", version="0.1")],
    ids=["another server", "another version"],
)
def test_a_failure_recorded_for_another_server_or_version_is_new(recorded: Expectation) -> None:
    verdict = compare(Outcome(USER_SESSIONS, "wsgi", failures=[Failure("test_a", "first line")]), [recorded])
    assert verdict.new_failures == [Failure("test_a", "first line")]
    assert verdict.now_passing == []


def test_every_recorded_deviation_names_a_backend_a_server_and_its_cause() -> None:
    for recorded in load_expectations():
        assert recorded.backend in BACKENDS, recorded
        assert set(recorded.servers) <= {"wsgi", "asgi"} and recorded.servers, recorded
        assert recorded.reason and ".py:" in recorded.source, recorded


# A whole run of the packaged spec; django-user-sessions keeps sessions in the site's
# database, so this needs no server program beyond the site's own.
@pytest.mark.timeout(900)
def test_django_user_sessions_behaves_as_recorded(tmp_path: Path) -> None:
    command = [sys.executable, "scripts/conformance.py", "--backend", USER_SESSIONS.name, "--server", "wsgi"]
    result = subprocess.run(
        [*command, "--folder", str(tmp_path)], cwd=PROJECT, capture_output=True, text=True, timeout=880, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every backend behaves as conformance/expectations.toml records" in result.stdout

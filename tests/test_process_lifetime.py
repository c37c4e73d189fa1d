"""However a spec run ends, every process it started ends with it.

Each test runs the feature suite on several cells in a pytest of its own, waits until its
servers and browser run, ends it one way (a signal to pytest, to the pytest-xdist
controller, the loss of a worker, or its normal end), and counts the processes of that run
left alive. Slow (seconds each): select them with ``-m process_lifetime``, or leave them
out with ``-m "not process_lifetime"``.
"""

from __future__ import annotations

import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from run_census import CELL_COUNT, CELLS, STORE_SERVERS, SpecRun, Survivors
from spec_runner import PROJECT, TESTS

pytestmark = pytest.mark.process_lifetime

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]
XDIST = ("-n", "2", "--dist=loadgroup")
# After SIGINT or SIGTERM the run stops its processes before it exits; after SIGKILL they
# learn of it from the kernel (or a closed pipe) and need a moment to shut down.
GRACE_S = {signal.SIGINT: 2.0, signal.SIGTERM: 2.0, signal.SIGKILL: 20.0}
# SIGINT and SIGTERM interrupt the run as Ctrl-C does: its teardown runs, and pytest says so.
EXIT_CODE = {
    signal.SIGINT: pytest.ExitCode.INTERRUPTED,
    signal.SIGTERM: pytest.ExitCode.INTERRUPTED,
    signal.SIGKILL: -signal.SIGKILL,  # killed: no exit code of its own
}


@pytest.fixture
def runs(tmp_path: Path) -> Iterator[list[SpecRun]]:
    """The runs a test starts; whatever of them outlives the test is killed, by process id."""
    started: list[SpecRun] = []
    yield started
    for run in started:
        run.end()


def start(runs: list[SpecRun], tmp_path: Path, *args: str) -> SpecRun:
    run = SpecRun(tmp_path / "run.log", *CELLS, *args)
    runs.append(run)
    return run


def assert_none_survive(survivors: Survivors, what: str) -> None:
    print(f"{what}: {survivors}")
    if survivors.remaining:
        pytest.fail(f"{what} outlived it: {survivors}")


@pytest.mark.parametrize("number", SIGNALS, ids=lambda number: number.name)
def test_a_signal_to_pytest_leaves_no_process(runs: list[SpecRun], tmp_path: Path, number: signal.Signals) -> None:
    run = start(runs, tmp_path)
    run.wait_until_servers_run(servers_each=CELL_COUNT)
    run.wait_until_running(STORE_SERVERS)
    run.signal(number)
    assert run.wait_for_end() == EXIT_CODE[number], run.output()
    assert_none_survive(run.survivors(GRACE_S[number]), "processes of the run")


@pytest.mark.parametrize("number", SIGNALS, ids=lambda number: number.name)
def test_a_signal_to_the_xdist_controller_leaves_no_process(
    runs: list[SpecRun], tmp_path: Path, number: signal.Signals
) -> None:
    run = start(runs, tmp_path, *XDIST)
    run.wait_until_servers_run(servers_each=1)
    run.wait_until_running(STORE_SERVERS)
    run.signal(number)
    assert run.wait_for_end() == EXIT_CODE[number], run.output()
    assert_none_survive(run.survivors(GRACE_S[number]), "processes of the run")


def test_a_lost_xdist_worker_leaves_no_process(runs: list[SpecRun], tmp_path: Path) -> None:
    run = start(runs, tmp_path, *XDIST)
    run.wait_until_servers_run(servers_each=1)
    run.wait_until_running(STORE_SERVERS)
    worker = run.test_processes()[0]
    started_by_worker = run.descendants(worker)
    run.signal(signal.SIGKILL, worker)
    # pytest-xdist replaces the worker and the run goes on; what the lost one started ends.
    assert_none_survive(run.survivors(GRACE_S[signal.SIGKILL], among=started_by_worker), "processes of the lost worker")
    assert run.process.poll() is None, "the run ended with its worker"
    run.signal(signal.SIGTERM)
    assert run.wait_for_end() == pytest.ExitCode.INTERRUPTED, run.output()
    assert_none_survive(run.survivors(GRACE_S[signal.SIGTERM]), "processes of the run")


# The scenarios of a site served by two servers first, in the order of their feature, so that
# every cell has started its second server while the scenarios after them still run.
TWO_SERVERS_FIRST = ("-p", "no:randomly", "-k", "alternate_between_the_servers or visits_in_a_row or the_first_visit")
CELLS_WITH_A_SECOND_SERVER = CELL_COUNT


@pytest.mark.parametrize("number", SIGNALS, ids=lambda number: number.name)
def test_a_signal_to_pytest_leaves_neither_of_a_cells_two_servers(
    runs: list[SpecRun], tmp_path: Path, number: signal.Signals
) -> None:
    run = start(runs, tmp_path, *TWO_SERVERS_FIRST)
    run.wait_until_second_servers_run(CELLS_WITH_A_SECOND_SERVER)
    run.signal(number)
    assert run.wait_for_end() == EXIT_CODE[number], run.output()
    assert_none_survive(run.survivors(GRACE_S[number]), "processes of the run")


def test_a_lost_xdist_worker_leaves_neither_of_a_cells_two_servers(runs: list[SpecRun], tmp_path: Path) -> None:
    run = start(runs, tmp_path, *TWO_SERVERS_FIRST, *XDIST)
    run.wait_until_second_servers_run(1)
    worker = next(pid for pid in run.test_processes() if any(p.is_second_server for p in run.children(pid)))
    started_by_worker = run.descendants(worker)
    run.signal(signal.SIGKILL, worker)
    assert_none_survive(run.survivors(GRACE_S[signal.SIGKILL], among=started_by_worker), "processes of the lost worker")
    # A short run may have ended meanwhile, with the lost worker's scenario failed.
    if run.process.poll() is None:
        run.signal(signal.SIGTERM)
    run.wait_for_end()
    assert_none_survive(run.survivors(GRACE_S[signal.SIGTERM]), "processes of the run")


BROKEN_SITE = ("--site-settings=broken_site.settings", f"--site-path={TESTS}", "--expect-timeout=500")


@pytest.mark.parametrize(
    ("site", "exit_code"),
    [((), pytest.ExitCode.OK), (BROKEN_SITE, pytest.ExitCode.TESTS_FAILED)],
    ids=["passing", "failing"],
)
def test_a_run_that_ends_leaves_no_process(
    runs: list[SpecRun], tmp_path: Path, site: tuple[str, ...], exit_code: pytest.ExitCode
) -> None:
    run = start(runs, tmp_path, *site, "-k", "the_first_visit or a_second_visitor_starts_at_1")
    assert run.wait_for_end() == exit_code, run.output()
    assert_none_survive(run.survivors(0), "processes of the run")


# The conformance runner, hearing SIGINT as Ctrl-C as the spec runs above do.
CONFORMANCE_HEARING_SIGINT = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)


@pytest.mark.parametrize("number", SIGNALS, ids=lambda number: number.name)
def test_a_signal_to_the_conformance_runner_leaves_no_process(
    runs: list[SpecRun], tmp_path: Path, number: signal.Signals
) -> None:
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server")
    runner = [str(PROJECT / "scripts" / "conformance.py"), "--backend=django-redis-cache", "--server=wsgi"]
    command = [sys.executable, "-c", CONFORMANCE_HEARING_SIGINT, *runner, f"--folder={tmp_path / 'results'}"]
    run = SpecRun(tmp_path / "run.log", command=command)
    runs.append(run)
    # Its redis-server, the spec's pytest, a server of the site and a browser, all running.
    run.wait_until_running(("redis-server", " -m gunicorn", "playwright"))
    run.signal(number)
    assert run.wait_for_end() == {signal.SIGKILL: -signal.SIGKILL}.get(number, 130), run.output()
    assert_none_survive(run.survivors(GRACE_S[number]), "processes of the conformance run")

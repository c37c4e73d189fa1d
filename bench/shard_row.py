"""The matrix as N shards one after another, against one serial run of it: balance, overhead, and the same tests."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import process_tree
from features import PROJECT
from sides import PYTEST

# The spec's matrix as `make test` runs it: every engine behind both servers, and the
# database engines on PostgreSQL too.
MATRIX = (
    str(PROJECT / "tests" / "test_features.py"),
    "--session-engine=all",
    "--server=all",
    "--database=all",
    "-m",
    "not needs_site_settings",
)
DURATIONS = PROJECT / "tests" / "data" / "test-durations.json"
# How each way of sharding chooses shard I of N.
SHARDING = {
    # Whole cells, dealt out by the durations file (the plugin's --shard).
    "cell": lambda index, count: (f"--shard={index}/{count}", f"--shard-durations={DURATIONS}"),
    # Single tests, by pytest-split's least-duration algorithm on the same file.
    "test": lambda index, count: (
        f"--splits={count}",
        f"--group={index}",
        "--splitting-algorithm=least_duration",
        f"--durations-path={DURATIONS}",
    ),
}


@dataclass(frozen=True)
class Run:
    """One pytest run of the matrix, or of a shard of it: its wall time and each test's outcome."""

    wall_s: float
    outcomes: dict[str, str]


def junit_outcomes(path: Path) -> dict[str, str]:
    """Each test of a JUnit XML report by its pytest id: passed, failed, error or skipped."""
    outcomes = {}
    for case in ElementTree.parse(path).getroot().iter("testcase"):
        module = case.attrib["classname"].replace(".", "/")
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        outcomes[f"{module}.py::{case.attrib['name']}"] = (
            {"failure": "failed"}.get(kinds[0], kinds[0]) if kinds else "passed"
        )
    return outcomes


def run_matrix(shell: str, *extra: str) -> Run:
    """Run the matrix (``extra`` choosing a shard of it) serially; a failed run stops the benchmark."""
    with tempfile.TemporaryDirectory(prefix="bench-shard-") as name:
        junit = Path(name) / "junit.xml"
        command = [*PYTEST, *MATRIX, *extra, f"--junitxml={junit}", f"--output={Path(name) / 'artifacts'}"]
        finished = process_tree.run(command, env={**os.environ, "SESSION_SPEC_CHROMIUM": shell}, cwd=PROJECT)
        if finished.returncode != 0:
            sys.exit(f"bench: the matrix {' '.join(extra) or 'serially'} failed:\n{finished.output[-3000:]}")
        return Run(finished.wall_s, junit_outcomes(junit))


def measure(shell: str, count: int, ways: list[str]) -> None:
    """Run the matrix once serially, then as ``count`` shards in turn for each way of sharding, and print the rows."""
    print(f"the matrix serially, then as {count} shards by {' and by '.join(ways)}", flush=True)
    load_before = os.getloadavg()[0]
    serial = run_matrix(shell)
    print(f"  serial   {serial.wall_s:7.2f} s, {len(serial.outcomes)} tests", flush=True)
    shards: dict[str, list[Run]] = {way: [] for way in ways}
    # Shard by shard, each way in turn, so that a machine whose load drifts slows the ways alike.
    for index in range(1, count + 1):
        for way in ways:
            shards[way].append(run_matrix(shell, *SHARDING[way](index, count)))
            print(f"  by {way} {index}/{count} {shards[way][-1].wall_s:7.2f} s", flush=True)
    print(
        f"\nThe matrix in {count} shards, one after another, pytest start to exit (load average"
        f" {load_before:.1f} before, {os.getloadavg()[0]:.1f} after); serial: {serial.wall_s:.1f} s,"
        f" {len(serial.outcomes)} tests\n"
    )
    print(
        "| shards by | "
        + " | ".join(f"shard {index}" for index in range(1, count + 1))
        + " | largest / mean | sum / serial | tests and outcomes |"
    )
    print("| --- |" + " ---: |" * count + " ---: | ---: | --- |")
    for way, runs in shards.items():
        walls = [run.wall_s for run in runs]
        each = " | ".join(f"{run.wall_s:.1f} s ({len(run.outcomes)})" for run in runs)
        balance, overhead = max(walls) / statistics.mean(walls), sum(walls) / serial.wall_s
        print(f"| {way} | {each} | {balance:.2f} | {overhead:.2f} | {same_tests(serial, runs)} |")
    print("targets: largest / mean <= 1.15, sum / serial <= 1.25; each shard's tests in brackets")


def same_tests(serial: Run, shards: list[Run]) -> str:
    """Whether the shards ran each of the serial run's tests once, with its outcome."""
    union: dict[str, str] = {}
    twice = 0
    for shard in shards:
        twice += len(union.keys() & shard.outcomes.keys())
        union.update(shard.outcomes)
    if union == serial.outcomes and not twice:
        return f"the serial run's, test for test ({len(union)})"
    missing, extra = serial.outcomes.keys() - union.keys(), union.keys() - serial.outcomes.keys()
    differ = sum(1 for test in union.keys() & serial.outcomes.keys() if union[test] != serial.outcomes[test])
    return (
        f"DIFFERENT: {len(missing)} missing, {len(extra)} not in the serial run, {twice} run twice,"
        f" {differ} with another outcome"
    )

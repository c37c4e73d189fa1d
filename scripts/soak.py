"""Run the feature suite many times in a row, in random order, and count what failed.

Each run shuffles the scenarios with its own pytest-randomly seed, spreads them over
pytest-xdist workers, and takes the next cell of the engine x server x database matrix
(db and cached_db on SQLite and PostgreSQL), so that the runs together cover every cell.
A flaky scenario shows up as a failure in some runs only.

Usage: python scripts/soak.py [--runs 30] [--workers 2] [--first-seed 1]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from spec_runner import PROJECT, outcomes

from session_steps.matrix.cells import DATABASES, ENGINES, SERVERS, Cell
from session_steps.matrix.runnable import left_out_line, runnable_matrix
from session_steps.pytest_plugin.options import engine_databases

# The cells this machine runs, each run naming one; the others are left out, as by the plugin.
MATRIX = runnable_matrix(
    [
        Cell(engine, server, database=database)
        for server in SERVERS
        for engine in ENGINES.values()
        for database in engine_databases(engine, list(DATABASES.values()))
    ],
    every_engine=True,
    every_server=True,
    every_database=True,
)
RUN_TIMEOUT_S = 900


def soak_run(index: int, seed: int, workers: int, folder: Path) -> dict[str, str]:
    """One run of the suite: its scenarios' outcomes, or one "error" entry if it produced none."""
    cell = MATRIX.cells[index % len(MATRIX.cells)]
    report = folder / f"run-{index}.xml"
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/test_features.py",
        # Turns pytest-randomly on again, after the project's addopts turned it off.
        "-p",
        "randomly",
        f"--randomly-seed={seed}",
        f"-n={workers}",
        f"--session-engine={cell.engine.name}",
        f"--server={cell.server}",
        f"--database={cell.database.name}",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--junitxml={report}",
        # The soak counts every failure: a retry that passed would hide the flaky scenarios it is for.
        "--reruns=0",
        f"--output={folder / f'artifacts-{index}'}",
        f"--basetemp={folder / f'tmp-{index}'}",
    ]
    try:
        result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {f"run {index} (the whole run timed out)": "error"}
    if not report.exists():
        return {f"run {index} (no report: {result.stdout[-300:]})": "error"}
    found = outcomes(report)
    if result.returncode not in (0, 1):
        found[f"run {index} (pytest exited with {result.returncode})"] = "error"
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers per run (default: 2)")
    parser.add_argument("--first-seed", type=int, default=1, help="run N uses seed first-seed + N")
    args = parser.parse_args()
    failures: Counter[str] = Counter()
    failed_runs = scenarios_run = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="soak-") as folder:
        for index in range(args.runs):
            seed = args.first_seed + index
            found = soak_run(index, seed, args.workers, Path(folder))
            bad = sorted(name for name, outcome in found.items() if outcome in ("failed", "error"))
            scenarios_run += sum(outcome != "skipped" for outcome in found.values())
            failed_runs += bool(bad)
            failures.update(bad)
            verdict = f"{len(bad)} failed" if bad else "ok"
            cell_id = MATRIX.cells[index % len(MATRIX.cells)].id
            print(f"run {index + 1:2}/{args.runs} seed {seed:3} {cell_id}: {verdict}", flush=True)
            for name in bad:
                print(f"    {name}", flush=True)
    minutes = (time.monotonic() - started) / 60
    failed_scenarios = sum(failures.values())
    print(f"\nsoak: {failed_runs} of {args.runs} runs failed; {failed_scenarios} of {scenarios_run} scenarios failed")
    left_out = left_out_line(MATRIX.left_out)
    if left_out:
        print(left_out)
    for name, count in failures.most_common():
        print(f"  {count:2}x {name}")
    print(f"({minutes:.1f} min)")
    return 1 if failed_runs else 0


if __name__ == "__main__":
    sys.exit(main())

"""``make bench``: the suite, a plain Playwright script and the do-it-yourself stack, side by side.

Every side runs the same scenarios against the same kind of server with the same browser
binary, in turn and repeatedly in one run, so that a noisy machine slows them alike.
Prints medians over the repeats and their ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import process_tree
import report
import shard_row
from features import PROJECT
from report import Samples
from sides import Side, diy_stack, full_spec, plain_script, suite, with_parts


def run_side(side: Side, samples: Samples) -> None:
    """Run one side once and record its timings; a failed run stops the benchmark."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{side.key}-") as name:
        folder = Path(name)
        finished = process_tree.run(side.command(folder), env=side.environment(folder), cwd=PROJECT)
        if finished.returncode != 0:
            sys.exit(f"bench: {side.key} ({side.label}) failed:\n{finished.output[-3000:]}")
        timings = side.timings(folder)
        samples.add(timings, finished.wall_s, finished.cpu_s, finished.peak_mib, finished.machine_busy_s)
        samples.add_screenshots(timings, side.screenshot_times(folder))
        samples.add_parts(side.part_times(folder))
    print(f"  {side.key:<8} {finished.wall_s:6.2f} s, CPU {finished.cpu_s:6.2f} s", flush=True)


def find_browsers() -> tuple[str, str | None]:
    """The headless shell every side uses, and full Chromium for one comparison (or None)."""
    shell = os.environ.get("SESSION_SPEC_CHROMIUM") or shutil.which("chromium-headless-shell")
    if not shell:
        sys.exit("bench: no chromium-headless-shell on PATH (apt-get install chromium-headless-shell)")
    return shell, shutil.which("chromium")


# Every session engine behind both server protocols, as `make test` runs the spec.
MATRIX = ("--session-engine=all", "--server=all")


def all_sides(shell: str, full: str | None, matrix: bool) -> list[Side]:
    sides = [
        suite("A", "this suite (pytest-bdd + plugin)", shell),
        plain_script(shell),
        plain_script(shell, traced=False),
        diy_stack(shell),
    ]
    if full:
        sides.append(suite("A-full", "this suite, full Chromium", full))
    sides += [
        # Blocking the plugin's artifacts module leaves pytest-playwright's own recorder,
        # which writes a trace and screenshots for every test and deletes them on a pass.
        suite(
            "A-eager",
            "artifacts saved on every test, deleted on a pass",
            shell,
            "-p",
            "no:session_steps.browser.failure_artifacts",
        ),
        # The plugin's default before evidence on retry: every scenario traced from its first attempt.
        suite("A-traced", "every scenario traced", shell, "--trace-every-scenario"),
        suite("A-film", "the trace with its screencast", shell, "--trace-every-scenario", "--trace-screenshots"),
        suite("A-bare", "no failure artifacts at all", shell, "--tracing=off", "--screenshot=off"),
        # The living-documentation report: each step observed, each request traced by the
        # server, the last page photographed.
        suite("A-report", "with the report (--session-report)", shell, session_report=True),
        # A and B0 again with a clock in Playwright's calls: where A's time goes, beside B0's.
        with_parts(sides[0]),
        with_parts(sides[2]),
    ]
    sides += [
        full_spec("spec", "full spec, serial", shell),
        full_spec("spec-n2", "full spec, -n 2", shell, "-n", "2"),
    ]
    if matrix:
        sides += [
            full_spec("matrix", "full matrix, serial", shell, *MATRIX),
            full_spec("matrix-n2", "full matrix, -n 2", shell, *MATRIX, "-n", "2", "--dist", "loadgroup"),
        ]
    return sides


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs of each side (default: %(default)s)")
    parser.add_argument("--only", nargs="*", metavar="KEY", help="run only these sides, by key (A, B, C, spec-n2, ...)")
    parser.add_argument(
        "--matrix", action="store_true", help="also time the full engine x server matrix (several minutes a run)"
    )
    parser.add_argument(
        "--shards",
        type=int,
        metavar="N",
        help="time the matrix serially and as N shards one after another (once; the sides too only with --only)",
    )
    parser.add_argument(
        "--shard-by",
        nargs="+",
        choices=sorted(shard_row.SHARDING),
        default=["cell"],
        help="how the shards are chosen: whole cells (--shard), single tests (pytest-split), or both (default: cell)",
    )
    arguments = parser.parse_args()
    shell, full = find_browsers()
    if arguments.shards:
        shard_row.measure(shell, arguments.shards, arguments.shard_by)
        if arguments.only is None:
            return 0
    sides = [
        side for side in all_sides(shell, full, arguments.matrix) if not arguments.only or side.key in arguments.only
    ]
    results = {side.key: Samples() for side in sides}
    load_before = os.getloadavg()[0]
    for repeat in range(arguments.repeats):
        print(f"repeat {repeat + 1} of {arguments.repeats}", flush=True)
        # A different order each time, so no side always runs right after the same one.
        shift = repeat % len(sides)
        for side in sides[shift:] + sides[:shift]:
            run_side(side, results[side.key])
    named = {key: set(results[key].per_scenario) for key in ("A", "B", "B0", "C") if key in results}
    if len({frozenset(names) for names in named.values()}) > 1:
        sys.exit(f"bench: the sides ran different scenarios: {named}")
    report.print_report(results, arguments.repeats, shell, full, (load_before, os.getloadavg()[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``make bench``: the suite, a plain Playwright script and the do-it-yourself stack, side by side.

Every side runs the same scenarios against the same kind of server with the same browser
binary, in turn and repeatedly in one run, so that a noisy machine slows them alike.
Prints medians over the repeats and their ratios. Usage: python bench/run.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import process_tree
from features import FEATURE_FILES, PROJECT
from sides import PYTEST, Side, diy_stack, plain_script, suite

FULL_SPEC = str(PROJECT / "tests" / "test_features.py")


@dataclass
class Samples:
    """What the repeats of one side measured."""

    per_scenario: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    scenario_medians: list[float] = field(default_factory=list)
    walls: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)

    def add(self, timings: dict[str, float], wall: float, peak: float) -> None:
        for name, seconds in timings.items():
            self.per_scenario[name].append(seconds)
        if timings:
            self.scenario_medians.append(statistics.median(timings.values()))
        self.walls.append(wall)
        self.peaks.append(peak)

    @property
    def scenario(self) -> float:
        return statistics.median(self.scenario_medians)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak(self) -> float:
        return statistics.median(self.peaks)


def run_side(side: Side, samples: Samples) -> None:
    """Run one side once and record its timings; a failed run stops the benchmark."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{side.key}-") as name:
        folder = Path(name)
        env = {**os.environ, **dict(side.env)}
        finished = process_tree.run(side.command(folder), env=env, cwd=PROJECT)
        if finished.returncode != 0:
            sys.exit(f"bench: {side.key} ({side.label}) failed:\n{finished.output[-3000:]}")
        samples.add(side.timings(folder), finished.wall_s, finished.peak_mib)
    print(f"  {side.key:<6} {finished.wall_s:6.2f} s", flush=True)


def find_browsers() -> tuple[str, str | None]:
    """The headless shell every side uses, and full Chromium for one comparison (or None)."""
    shell = os.environ.get("SESSION_SPEC_CHROMIUM") or shutil.which("chromium-headless-shell")
    if not shell:
        sys.exit("bench: no chromium-headless-shell on PATH (apt-get install chromium-headless-shell)")
    return shell, shutil.which("chromium")


def print_report(results: dict[str, Samples], sides: list[Side], repeats: int, shell: str, full: str | None) -> None:
    a, b, c = results["A"], results["B"], results["C"]
    names = [path.name for path in FEATURE_FILES]
    print()
    print(f"{len(a.per_scenario)} scenarios ({', '.join(names)}), {shell}, {os.cpu_count()} cores")
    print(f"medians of {repeats} repeats; per scenario: setup + call + teardown, as the runner times it")
    print()
    print(f"| side | per scenario | whole run | peak memory |")
    print(f"| --- | ---: | ---: | ---: |")
    for side in sides:
        if side.key in ("A", "B", "C"):
            s = results[side.key]
            print(f"| {side.key}: {side.label} | {s.scenario:.3f} s | {s.wall:.2f} s | {s.peak:.0f} MiB |")
    print()
    print(f"A/B = {a.scenario / b.scenario:.2f} (target <= 1.10)    C/A = {c.scenario / a.scenario:.2f} (target >= 1.4)")
    print()
    print("| scenario | A | B | C |")
    print("| --- | ---: | ---: | ---: |")
    for name in a.per_scenario:
        cells = [statistics.median(results[key].per_scenario[name]) for key in "ABC"]
        print(f"| {name} | " + " | ".join(f"{cell:.3f}" for cell in cells) + " |")
    print()
    if full is None:
        print("Full Chromium: not installed (apt-get install chromium), so not compared.")
    else:
        f = results["A-full"]
        saved = f.scenario - a.scenario
        print(
            f"Headless shell vs full Chromium ({full}), A per scenario: {a.scenario:.3f} s vs {f.scenario:.3f} s;"
            f" the shell saves {saved:.3f} s ({saved / f.scenario:.0%}); whole run {a.wall:.2f} s vs {f.wall:.2f} s"
        )
    serial, parallel = results["spec"], results["spec-n2"]
    print(
        f"Full spec ({FULL_SPEC.rsplit('/', 2)[-2]}/test_features.py), pytest start to exit:"
        f" serial {serial.wall:.2f} s, -n 2 {parallel.wall:.2f} s;"
        f" speed-up {serial.wall / parallel.wall:.2f} (target >= 1.6); peak memory {serial.peak:.0f} / {parallel.peak:.0f} MiB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs of each side (default: %(default)s)")
    repeats = parser.parse_args().repeats
    shell, full = find_browsers()
    sides = [suite("A", "this suite (pytest-bdd + plugin)", shell), plain_script(shell), diy_stack(shell)]
    if full:
        sides.append(suite("A-full", "this suite, full Chromium", full))
    sides.append(Side("spec", "full spec, serial", (*PYTEST, FULL_SPEC), "junit", (("SESSION_SPEC_CHROMIUM", shell),)))
    sides.append(
        Side("spec-n2", "full spec, -n 2", (*PYTEST, FULL_SPEC, "-n", "2"), "junit", (("SESSION_SPEC_CHROMIUM", shell),))
    )
    results = {side.key: Samples() for side in sides}
    for repeat in range(repeats):
        print(f"repeat {repeat + 1} of {repeats}", flush=True)
        # A different order each time, so no side always runs right after the same one.
        shift = repeat % len(sides)
        for side in sides[shift:] + sides[:shift]:
            run_side(side, results[side.key])
    print_report(results, sides, repeats, shell, full)
    return 0


if __name__ == "__main__":
    sys.exit(main())

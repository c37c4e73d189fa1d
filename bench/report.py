"""The benchmark's samples, and the table it prints from their medians."""

from __future__ import annotations

import os
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from features import FEATURE_FILES


@dataclass
class Samples:
    """What the repeats of one side measured."""

    per_scenario: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    scenario_medians: list[float] = field(default_factory=list)
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    busy: list[float] = field(default_factory=list)
    # On a side with the report, each run's median time of its screenshot of the last page,
    # and its median scenario time without it.
    screenshots: list[float] = field(default_factory=list)
    without_screenshot: list[float] = field(default_factory=list)
    # On a side with its parts timed (bench/parts.py), each run's mean seconds per scenario of each part.
    parts: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    # And each Playwright method's mean calls and seconds per scenario, by (method, "calls" or "seconds").
    calls: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))

    def add_parts(self, found: dict[str, dict[str, Any]]) -> None:
        """One run's parts and Playwright calls (bench/parts.py): each one's mean over the run's scenarios."""
        if not found:
            return
        scenarios = list(found.values())
        for part in scenarios[0]["parts"]:
            self.parts[part].append(statistics.mean(scenario["parts"][part] for scenario in scenarios))
        names = {name for scenario in scenarios for name in scenario["calls"]}
        for name in names:
            for index, measure in enumerate(("calls", "seconds")):
                mean = statistics.mean(scenario["calls"].get(name, [0, 0.0])[index] for scenario in scenarios)
                self.calls[name, measure].append(mean)

    @property
    def call_means(self) -> dict[str, tuple[float, float]]:
        """Each Playwright method's (calls, seconds) per scenario: medians over the repeats of the means."""
        names = {name for name, _ in self.calls}
        return {
            name: (statistics.median(self.calls[name, "calls"]), statistics.median(self.calls[name, "seconds"]))
            for name in names
        }

    @property
    def part_means(self) -> dict[str, float]:
        """Each part's median over the repeats of its mean per scenario: the parts add up to the mean scenario."""
        return {part: statistics.median(means) for part, means in self.parts.items()}

    def add_screenshots(self, timings: dict[str, float], screenshots: dict[str, float]) -> None:
        if screenshots:
            self.screenshots.append(statistics.median(screenshots.values()))
            self.without_screenshot.append(
                statistics.median(seconds - screenshots.get(name, 0.0) for name, seconds in timings.items())
            )

    @property
    def screenshot(self) -> float:
        return statistics.median(self.screenshots) if self.screenshots else 0.0

    @property
    def scenario_without_screenshot(self) -> float:
        return statistics.median(self.without_screenshot) if self.without_screenshot else self.scenario

    def add(self, timings: dict[str, float], wall: float, cpu: float, peak: float, busy: float) -> None:
        for name, seconds in timings.items():
            self.per_scenario[name].append(seconds)
        self.scenario_medians.append(statistics.median(timings.values()))
        self.walls.append(wall)
        self.cpus.append(cpu)
        self.peaks.append(peak)
        self.busy.append(busy)

    @property
    def scenario(self) -> float:
        """The median over the repeats of each run's median scenario time."""
        return statistics.median(self.scenario_medians)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    @property
    def peak(self) -> float:
        return statistics.median(self.peaks)

    @property
    def cores_busy(self) -> float:
        """How many cores the machine kept busy on average during the run (median over the repeats)."""
        return statistics.median(busy / wall for busy, wall in zip(self.busy, self.walls, strict=True))


def print_report(
    results: dict[str, Samples], repeats: int, shell: str, full: str | None, load: tuple[float, float]
) -> None:
    print()
    print(
        f"{os.cpu_count()} cores, load average {load[0]:.1f} before and {load[1]:.1f} after;"
        f" medians of {repeats} repeats; browser {shell}"
    )
    print_sides(results)
    print_scenarios(results)
    print_browsers(results, full)
    print_levers(results)
    print_report_cost(results)
    print_parts(results)
    print_parallel(results)


def print_sides(results: dict[str, Samples]) -> None:
    labels = {
        "A": "A: this suite",
        "B0": "B0: plain Playwright script, no tracing",
        "B": "B: plain Playwright script, every context traced",
        "C": "C: live_server + transactional_db",
    }
    present = [key for key in labels if key in results]
    if not present:
        return
    names = ", ".join(path.name for path in FEATURE_FILES)
    count = len(results[present[0]].per_scenario)
    print(f"\n{count} scenarios ({names}); per scenario: set-up + call + tear-down as the runner times it\n")
    print("| side | per scenario | whole run | CPU, whole run | peak memory |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for key in present:
        s = results[key]
        print(f"| {labels[key]} | {s.scenario:.3f} s | {s.wall:.2f} s | {s.cpu:.2f} s | {s.peak:.0f} MiB |")
    ratios = []
    # The plain script with and without tracing, so that the ratio to the one traced as the
    # suite's default traces holds whichever that default is.
    for plain in ("B0", "B"):
        if {"A", plain} <= results.keys():
            ratios.append(f"A/{plain} = {results['A'].scenario / results[plain].scenario:.2f}")
    if ratios:
        # The script a user writes traces nothing: the suite, with its evidence on retry, is held to it.
        ratios.append("(target A/B0 <= 1.05)")
    if {"A", "C"} <= results.keys():
        ratios.append(f"C/A = {results['C'].scenario / results['A'].scenario:.2f} (target >= 1.4)")
    print("\n" + "    ".join(ratios))
    print("CPU: user + system time of the run's processes; peak memory: the largest sum of the")
    print("proportional set size (PSS) over the run's process tree, sampled every 0.1 s")


def print_scenarios(results: dict[str, Samples]) -> None:
    keys = [key for key in ("A", "B0", "B", "C") if key in results]
    if len(keys) < 2:
        return
    print("\n| scenario | " + " | ".join(keys) + " |")
    print("| --- |" + " ---: |" * len(keys))
    for name in results[keys[0]].per_scenario:
        cells = [statistics.median(results[key].per_scenario[name]) for key in keys]
        print(f"| {name} | " + " | ".join(f"{cell:.3f}" for cell in cells) + " |")


def print_browsers(results: dict[str, Samples], full: str | None) -> None:
    if full is None:
        print("\nFull Chromium: not installed (apt-get install chromium), so not compared.")
        return
    if not {"A", "A-full"} <= results.keys():
        return
    shell, chromium = results["A"], results["A-full"]
    saved = chromium.scenario - shell.scenario
    print(
        f"\nA per scenario, headless shell {shell.scenario:.3f} s vs full Chromium {chromium.scenario:.3f} s:"
        f" the shell saves {saved:.3f} s per scenario ({saved / chromium.scenario:.0%});"
        f" whole run {shell.wall:.2f} s vs {chromium.wall:.2f} s"
    )


def print_parallel(results: dict[str, Samples]) -> None:
    runs = {"spec": "Full spec (tests/test_features.py)", "matrix": "Full matrix (every engine x both servers)"}
    for key, label in runs.items():
        if not {key, f"{key}-n2"} <= results.keys():
            continue
        serial, parallel = results[key], results[f"{key}-n2"]
        print(
            f"\n{label}, {len(serial.per_scenario)} scenarios, pytest start to exit:"
            f" serial {serial.wall:.2f} s, -n 2 {parallel.wall:.2f} s;"
            # No target: a serial run already keeps more than one of two cores busy.
            f" speed-up {serial.wall / parallel.wall:.2f}"
        )
        print(
            f"  CPU: serial {serial.cpu:.2f} s, -n 2 {parallel.cpu:.2f} s;"
            f" peak memory: serial {serial.peak:.0f} MiB, -n 2 {parallel.peak:.0f} MiB"
        )
        cores = os.cpu_count() or 1
        # Two workers cannot use more than every core: the serial run's use bounds the speed-up.
        print(
            f"  cores busy on average: serial {serial.cores_busy:.2f} of {cores}, -n 2 {parallel.cores_busy:.2f};"
            f" at the serial run's use, {cores} cores allow a speed-up of at most {cores / serial.cores_busy:.2f}"
        )


LEVERS = {
    "A": "as a user runs it: untraced, a failed test retried with its trace on",
    "A-traced": "every scenario traced, the trace written only for a failed test (--trace-every-scenario)",
    "A-eager": "pytest-playwright's recorder: written for every test, deleted on a pass",
    "A-film": "every scenario traced, with its screencast too (--trace-screenshots)",
    "A-bare": "no failure artifacts at all (--tracing=off --screenshot=off)",
}


def print_levers(results: dict[str, Samples]) -> None:
    present = [key for key in LEVERS if key in results]
    if "A" not in results or len(present) < 2:
        return
    print("\nFailure artifacts, A with the headless shell:\n")
    print("| A, failure artifacts | per scenario | vs A | whole run | CPU, whole run |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for key in present:
        s = results[key]
        ratio = s.scenario / results["A"].scenario
        print(f"| {LEVERS[key]} | {s.scenario:.3f} s | {ratio:.2f} | {s.wall:.2f} s | {s.cpu:.2f} s |")


def print_report_cost(results: dict[str, Samples]) -> None:
    """What the living-documentation report costs a scenario, apart from the screenshot of its last page."""
    if not {"A", "A-report"} <= results.keys():
        return
    plain, documented = results["A"], results["A-report"]
    without_screenshot = documented.scenario_without_screenshot
    print(
        f"\nThe report (--session-report), per scenario: {plain.scenario:.3f} s without it,"
        f" {documented.scenario:.3f} s with it (it costs {documented.scenario - plain.scenario:+.3f} s a scenario)"
        f" = {documented.scenario / plain.scenario:.2f} of the run without it (target <= 1.15);"
        f" of that, the screenshot of the last page {documented.screenshot:.3f} s:"
        f" without it {without_screenshot:.3f} s = {without_screenshot / plain.scenario:.2f}"
    )


PARTS = {
    "playwright": "Playwright's calls (the browser's work, and the driver's)",
    "fixtures": "fixtures' set-up and tear-down, less their Playwright calls",
    "dispatch": "pytest-bdd's dispatch: the call less the step functions",
    "steps": "the step functions, less their Playwright calls",
    "script": "the script's own Python",
}
# The Playwright methods listed, of those whose time differs most between A and B0.
CALLS_SHOWN = 10


def print_parts(results: dict[str, Samples]) -> None:
    """Where A's time per scenario goes, beside B0's: each part's mean, from runs with a clock in Playwright."""
    if not {"A-parts", "B0-parts"} <= results.keys():
        return
    suite, script = results["A-parts"].part_means, results["B0-parts"].part_means
    print("\nWhere the time goes, mean per scenario (A and B0 run again with a clock in Playwright's calls):\n")
    print("| part | A | B0 | A - B0 |")
    print("| --- | ---: | ---: | ---: |")
    for part, label in PARTS.items():
        if part in suite or part in script:
            a, b = suite.get(part, 0.0), script.get(part, 0.0)
            print(f"| {label} | {a * 1000:.1f} ms | {b * 1000:.1f} ms | {(a - b) * 1000:+.1f} ms |")
    a_total, b_total = sum(suite.values()), sum(script.values())
    print(f"| all | {a_total * 1000:.1f} ms | {b_total * 1000:.1f} ms | {(a_total - b_total) * 1000:+.1f} ms |")
    print_calls(results["A-parts"].call_means, results["B0-parts"].call_means)


def print_calls(suite: dict[str, tuple[float, float]], script: dict[str, tuple[float, float]]) -> None:
    """Playwright's calls by method, per scenario, the largest differences in time first."""
    names = sorted(suite.keys() | script.keys(), key=lambda name: -abs(difference(suite, script, name)))
    print("\nPlaywright's calls by method, mean per scenario (calls, time), largest difference first:\n")
    print("| method | A | B0 | A - B0 |")
    print("| --- | ---: | ---: | ---: |")
    for name in names[:CALLS_SHOWN]:
        a, b = suite.get(name, (0.0, 0.0)), script.get(name, (0.0, 0.0))
        print(
            f"| {name} | {a[0]:.1f}, {a[1] * 1000:.1f} ms | {b[0]:.1f}, {b[1] * 1000:.1f} ms"
            f" | {difference(suite, script, name) * 1000:+.1f} ms |"
        )


def difference(suite: dict[str, tuple[float, float]], script: dict[str, tuple[float, float]], name: str) -> float:
    """How much longer A spent in the Playwright method ``name`` than B0, per scenario."""
    return suite.get(name, (0.0, 0.0))[1] - script.get(name, (0.0, 0.0))[1]

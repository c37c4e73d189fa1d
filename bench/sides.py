"""The runs the benchmark compares: each a command, and where its per-scenario times come from."""

from __future__ import annotations

import json
import os
import re
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from parts import PARTS_FILE

from features import PROJECT

BENCH = PROJECT / "bench"
# Where a side with the report writes it, in its run's folder.
SESSION_REPORT = "session-report"
# Tests that only take the run's set-up and tear-down (bench/ours, bench/diy).
UNTIMED = {"warm_up", "cool_down"}
# Where a side with ``parts`` writes them, in its run's folder.
PARTS = "parts.json"
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"]


@dataclass(frozen=True)
class Side:
    """One way of running the scenarios.

    ``report`` is "junit" when pytest times each scenario (setup, call and teardown,
    pytest's default for JUnit XML), "json" when the plain script does.
    """

    key: str
    label: str
    args: tuple[str, ...]
    report: str
    env: tuple[tuple[str, str], ...] = ()
    # Whether the run writes the living-documentation report (--session-report) in its folder.
    session_report: bool = False
    # Whether the run writes where each scenario's time went (bench/parts.py) in its folder.
    parts: bool = False

    def command(self, folder: Path) -> list[str]:
        """The command line, writing its timings and any artifacts under ``folder``."""
        if self.report == "json":
            parts = ["--parts", str(folder / PARTS)] if self.parts else []
            return [*self.args, str(folder / "timings.json"), *parts]
        written = [f"--junitxml={folder / 'junit.xml'}", f"--output={folder / 'artifacts'}"]
        if self.session_report:
            written.append(f"--session-report={folder / SESSION_REPORT}")
        return [*self.args, *written]

    def environment(self, folder: Path) -> dict[str, str]:
        """The run's environment: this process's, the side's own, and where a suite writes its parts."""
        environment = {**os.environ, **dict(self.env)}
        if self.parts and self.report == "junit":
            environment[PARTS_FILE] = str(folder / PARTS)
            environment["PYTHONPATH"] = os.pathsep.join(filter(None, (str(BENCH), environment.get("PYTHONPATH"))))
        return environment

    def part_times(self, folder: Path) -> dict[str, dict[str, Any]]:
        """Each scenario's parts and Playwright calls (bench/parts.py), by the name its timings have."""
        if not self.parts:
            return {}
        parts: dict[str, dict[str, Any]] = json.loads((folder / PARTS).read_text())
        return {scenario_name(name): found for name, found in parts.items() if name.split("[")[0] not in UNTIMED}

    def screenshot_times(self, folder: Path) -> dict[str, float]:
        """Seconds each scenario spent on the report's screenshot of its last page (none without the report)."""
        times = {}
        for journal in (folder / SESSION_REPORT / "runs").glob("*.jsonl"):
            for line in journal.read_text().splitlines():
                run = json.loads(line)
                if run.get("screenshot_seconds") is not None:
                    times[scenario_name(run["nodeid"].split("::")[-1])] = float(run["screenshot_seconds"])
        return times

    def timings(self, folder: Path) -> dict[str, float]:
        """Seconds per scenario, by test name without the ``test_`` prefix."""
        if self.report == "json":
            times: dict[str, float] = json.loads((folder / "timings.json").read_text())
            return times
        root = ElementTree.parse(folder / "junit.xml").getroot()
        times = {scenario_name(case.attrib["name"]): float(case.attrib["time"]) for case in root.iter("testcase")}
        return {name: seconds for name, seconds in times.items() if name.split("[")[0] not in UNTIMED}


def scenario_name(test_name: str) -> str:
    """A test's name without ``test_`` and without the matrix cell this project's runs add."""
    return re.sub(r"\[[\w-]+-(?:wsgi|asgi)\]$", "", test_name.removeprefix("test_"))


def suite(key: str, label: str, chromium: str, *extra: str, session_report: bool = False) -> Side:
    """A: this project's suite as a user runs it: the plugin, the project's default options."""
    args = (*PYTEST, str(BENCH / "ours"), *extra)
    return Side(key, label, args, "junit", (("SESSION_SPEC_CHROMIUM", chromium),), session_report)


def with_parts(side: Side) -> Side:
    """``side`` run again with the clock of bench/parts.py: where each scenario's time goes."""
    args = (*side.args, "-p", "parts") if side.report == "junit" else side.args
    return replace(side, key=f"{side.key}-parts", label=f"{side.label}, its parts timed", args=args, parts=True)


def full_spec(key: str, label: str, chromium: str, *extra: str) -> Side:
    """Every feature of the project, as ``pytest tests/test_features.py`` runs them."""
    args = (*PYTEST, str(PROJECT / "tests" / "test_features.py"), *extra)
    return Side(key, label, args, "junit", (("SESSION_SPEC_CHROMIUM", chromium),))


def plain_script(chromium: str, traced: bool = True) -> Side:
    """B: the hand-written Playwright script, tracing every context; B0: the same without tracing."""
    if traced:
        key, label, extra = "B", "plain Playwright script, every context traced", ()
    else:
        key, label, extra = "B0", "plain Playwright script, no tracing", ("--tracing=off",)
    return Side(
        key,
        label,
        (sys.executable, str(BENCH / "plain_script.py"), *extra),
        "json",
        (("BENCH_CHROMIUM", chromium),),
    )


def diy_stack(chromium: str) -> Side:
    """C: pytest-django's live_server and transactional_db, pytest-playwright's fixtures."""
    args = (
        *PYTEST,
        "-c",
        str(BENCH / "diy" / "pytest.ini"),
        str(BENCH / "diy"),
        # This project's plugin stays out; the steps are loaded by the conftest.
        "-p",
        "no:session_spec",
        # The failure artifacts this suite keeps by default, configured the same way.
        "--tracing=retain-on-failure",
        "--screenshot=only-on-failure",
    )
    return Side("C", "pytest-django live_server + pytest-playwright", args, "junit", (("BENCH_CHROMIUM", chromium),))

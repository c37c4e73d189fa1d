"""Scenario runs grouped as the report presents them: features, their rules, and counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from session_steps.report.model import FAILED, FLAKY, NOT_CHECKED, PASSED, SKIPPED, FeatureInfo, ScenarioRun


@dataclass
class Counts:
    """How many scenario runs passed, failed, were flaky (passed on a retry) or were skipped."""

    passed: int = 0
    failed: int = 0
    flaky: int = 0
    skipped: int = 0
    # Steps of those runs that could not look (an unreadable store): their scenarios went on.
    not_checked: int = 0

    def add(self, outcome: str) -> None:
        if outcome == PASSED:
            self.passed += 1
        elif outcome == SKIPPED:
            self.skipped += 1
        elif outcome == FLAKY:
            self.flaky += 1
        else:
            self.failed += 1

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.flaky + self.skipped

    @property
    def outcome(self) -> str:
        """The worst outcome counted: any failure fails the whole, and a flaky scenario makes it flaky."""
        if self.failed:
            return FAILED
        if self.flaky:
            return FLAKY
        return PASSED if self.passed else SKIPPED


def last_attempts(runs: Iterable[ScenarioRun]) -> list[ScenarioRun]:
    """The runs, less the attempts a later one retried: the results that stand (the retried show, uncounted)."""
    given = list(runs)
    last: dict[tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]], int] = {}
    for run in given:
        key = attempt_key(run)
        last[key] = max(last.get(key, 0), run.identity.attempt)
    return [run for run in given if run.identity.attempt == last[attempt_key(run)]]


def attempt_key(run: ScenarioRun) -> tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]:
    """What the attempts of one test in one cell share: its id, its identity but the attempt, its labels."""
    labels = tuple(sorted((name, value) for name, value in run.labels.items() if name != "attempt"))
    return run.nodeid, run.identity.cell, labels


def count(runs: Iterable[ScenarioRun]) -> Counts:
    counts = Counts()
    for run in last_attempts(runs):
        counts.add(run.outcome)
        counts.not_checked += sum(step.status == NOT_CHECKED for step in run.steps)
    return counts


# What of a run's identity its labels name as well, where the runs shown differ in it.
DISTINGUISHING = ("django", "python", "database", "browser")


def distinguished(runs: list[ScenarioRun]) -> list[ScenarioRun]:
    """The runs, each labelled also with what tells it apart from the others' runs of its test.

    A report of one run names the cell (engine, server); one merged from runs on two Django
    versions names the version too, and Python only where it tells apart more than Django
    does. The attempts of a retried test name their attempt.
    """
    named: list[str] = []
    for name in DISTINGUISHING:
        values = {getattr(run.identity, name) for run in runs}
        before = {tuple(getattr(run.identity, shown) for shown in named) for run in runs}
        after = {tuple(getattr(run.identity, shown) for shown in [*named, name]) for run in runs}
        if len(values) > 1 and len(after) > len(before):
            named.append(name)
    retried = {(run.nodeid, run.identity.cell) for run in runs if run.identity.attempt > 1}
    labelled = []
    for run in runs:
        extra = {name: getattr(run.identity, name) or "unknown" for name in named}
        if (run.nodeid, run.identity.cell) in retried:
            extra["attempt"] = str(run.identity.attempt)
        labelled.append(replace(run, labels={**run.labels, **extra}) if extra else run)
    return labelled


def label_text(labels: dict[str, str]) -> str:
    """A matrix cell as a reader names it: ``engine: db, server: gunicorn``."""
    return ", ".join(f"{name}: {value}" for name, value in labels.items())


@dataclass
class RuleGroup:
    """The scenarios of one ``Rule:`` (or of none, for scenarios outside any rule)."""

    name: str | None
    description: str
    runs: list[ScenarioRun] = field(default_factory=list)


@dataclass
class FeatureGroup:
    """One feature file's runs, with its page in the report."""

    info: FeatureInfo
    page: str
    rules: list[RuleGroup] = field(default_factory=list)

    @property
    def runs(self) -> list[ScenarioRun]:
        return [run for rule in self.rules for run in rule.runs]

    @property
    def counts(self) -> Counts:
        return count(self.runs)

    def anchor(self, run: ScenarioRun) -> str:
        """The id of a run's section on the feature's page: ``scenario-3`` for its third run."""
        position = next(index for index, each in enumerate(self.runs, start=1) if each is run)
        return f"scenario-{position}"

    @property
    def counts_by_labels(self) -> dict[str, Counts]:
        """Counts per matrix cell, where the runs carry labels (engine, server); else empty."""
        cells: dict[str, list[ScenarioRun]] = {}
        for run in self.runs:
            if run.labels:
                cells.setdefault(label_text(run.labels), []).append(run)
        return {cell: count(runs) for cell, runs in cells.items()}


def page_name(feature_file: str, taken: set[str]) -> str:
    """The feature's page, named after its file; a second file of the same name gets a number."""
    stem = PurePosixPath(feature_file).stem
    name, number = f"{stem}.html", 2
    while name in taken:
        name, number = f"{stem}-{number}.html", number + 1
    taken.add(name)
    return name


def group_features(runs: Iterable[ScenarioRun]) -> list[FeatureGroup]:
    """Runs grouped by feature, then rule, keeping the order in which they were collected."""
    features: dict[str, FeatureGroup] = {}
    taken: set[str] = set()
    for run in runs:
        feature = features.get(run.feature.file)
        if feature is None:
            feature = features[run.feature.file] = FeatureGroup(run.feature, page_name(run.feature.file, taken))
        name = run.rule.name if run.rule else None
        rule = next((rule for rule in feature.rules if rule.name == name), None)
        if rule is None:
            rule = RuleGroup(name, run.rule.description if run.rule else "")
            feature.rules.append(rule)
        rule.runs.append(run)
    return list(features.values())

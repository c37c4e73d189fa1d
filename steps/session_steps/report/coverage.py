"""The lesson's parts with the scenarios that prove them, and how those scenarios did in a run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from session_steps.lesson import Lesson, Part, Section, part_ids
from session_steps.report.model import FAILED, PASSED, SKIPPED, ScenarioRun
from session_steps.report.summary import FeatureGroup, count, label_text

# What a part's scenarios showed in the run: one passed (and none failed), one failed,
# none got as far as passing or failing (skipped), or no scenario of the run proves it.
PROVED, NOT_PROVED, UNCOVERED = "proved", "not proved", "uncovered"
# Cells named one by one up to this many; more are counted.
CELLS_NAMED = 3


@dataclass
class ProvingScenario:
    """One scenario tagged with a part, over every run of it: its examples, on every cell."""

    feature: FeatureGroup
    runs: list[ScenarioRun]

    @property
    def name(self) -> str:
        return self.runs[0].name

    @property
    def link(self) -> str:
        """Its place on its feature's page, from the report's folder: the section of its first run."""
        return f"features/{self.feature.page}#{self.feature.anchor(self.runs[0])}"

    @property
    def examples(self) -> int:
        """How many rows of Examples it ran (1 for a scenario that is no outline)."""
        return len({tuple(run.example.items()) for run in self.runs})

    @property
    def outcome(self) -> str:
        return count(self.runs).outcome

    @property
    def cells_by_outcome(self) -> dict[str, list[str]]:
        """The cells it ran on (``engine: db, server: wsgi``), by their outcome: the worst of the cell's runs."""
        cells: dict[str, list[ScenarioRun]] = {}
        for run in self.runs:
            cells.setdefault(label_text(run.labels), []).append(run)
        found: dict[str, list[str]] = {}
        for cell, runs in cells.items():
            found.setdefault(count(runs).outcome, []).append(cell)
        return {outcome: found[outcome] for outcome in (FAILED, PASSED, SKIPPED) if outcome in found}

    @property
    def outcome_phrases(self) -> list[tuple[str, str]]:
        """Each outcome with where it happened, as a reader says it: ("passed", "on 12 cells")."""
        phrases = []
        for outcome, cells in self.cells_by_outcome.items():
            if cells == [""]:
                where = ""  # runs with no parameters: one cell, the run itself
            elif len(cells) > CELLS_NAMED:
                where = f"on {len(cells)} cells"
            else:
                where = "on " + "; ".join(cells)
            phrases.append((outcome, where))
        return phrases


@dataclass
class PartCoverage:
    """A part of the lesson and the scenarios of the run that prove it."""

    part: Part
    scenarios: list[ProvingScenario] = field(default_factory=list)

    @property
    def status(self) -> str:
        outcomes = {scenario.outcome for scenario in self.scenarios}
        if not outcomes:
            return UNCOVERED
        if FAILED in outcomes:
            return FAILED
        return PROVED if PASSED in outcomes else NOT_PROVED


@dataclass
class SectionCoverage:
    section: Section
    parts: list[PartCoverage]


@dataclass
class LessonCoverage:
    """Every part of the lesson, in its order, with its scenarios."""

    lesson: Lesson
    sections: list[SectionCoverage]

    @property
    def parts(self) -> list[PartCoverage]:
        return [part for section in self.sections for part in section.parts]

    def with_status(self, status: str) -> list[PartCoverage]:
        return [part for part in self.parts if part.status == status]


def proving_scenarios(features: Iterable[FeatureGroup]) -> dict[str, list[ProvingScenario]]:
    """Each part's scenarios, in the order the features ran them; an outline's examples are one scenario."""
    scenarios: dict[tuple[str, int], ProvingScenario] = {}
    for feature in features:
        for run in feature.runs:
            key = (run.feature.file, run.line)
            if key in scenarios:
                scenarios[key].runs.append(run)
            else:
                scenarios[key] = ProvingScenario(feature, [run])
    by_part: dict[str, list[ProvingScenario]] = {}
    for scenario in scenarios.values():
        for part in part_ids(scenario.runs[0].all_tags):
            by_part.setdefault(part, []).append(scenario)
    return by_part


def lesson_coverage(lesson: Lesson, features: Iterable[FeatureGroup]) -> LessonCoverage:
    """The parts of ``lesson``, each with the scenarios among ``features`` that are tagged with it."""
    by_part = proving_scenarios(features)
    return LessonCoverage(
        lesson,
        [
            SectionCoverage(section, [PartCoverage(part, by_part.get(part.id, [])) for part in section.parts])
            for section in lesson.sections
        ],
    )


def names_the_lesson(runs: Iterable[ScenarioRun]) -> bool:
    """Whether any run is tagged with a part of the lesson: a project's own features may tag none."""
    return any(part_ids(run.all_tags) for run in runs)

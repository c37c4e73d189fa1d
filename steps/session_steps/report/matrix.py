"""The behaviour matrix: each scenario by each cell it ran in, so that where engines differ shows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from session_steps.matrix.cells import chooses_cells
from session_steps.report.model import (
    ENGINE_NOT_IN_RUN,
    FAILED,
    FLAKY,
    PASSED,
    SKIPPED,
    FeatureInfo,
    ScenarioRun,
)

# A cell without a run: the scenario's @engine: tags leave this engine out, or this run did not have it.
NOT_FOR_ENGINE, NOT_IN_RUN = "not for this engine", "not in this run"


@dataclass(frozen=True)
class Dimension:
    """One way cells differ, as the matrix heads its columns."""

    name: str
    heading: str
    value: Callable[[ScenarioRun], str | None]


DIMENSIONS = (
    Dimension("engine", "engine", lambda run: run.identity.engine or run.labels.get("engine")),
    Dimension("django", "Django", lambda run: run.identity.django),
    Dimension("server", "server", lambda run: run.identity.server or run.labels.get("server")),
    Dimension("database", "database", lambda run: run.identity.database),
    Dimension("python", "Python", lambda run: run.identity.python),
    Dimension("browser", "browser", lambda run: run.identity.browser),
)
# A matrix always names these; the others where its runs differ in them.
ALWAYS = {"engine", "django", "server"}


@dataclass
class Heading:
    """One cell of a header row: a value and how many columns it spans; values folded into it below."""

    text: str
    span: int
    folded: list[str] = field(default_factory=list)


@dataclass
class HeaderRow:
    heading: str
    cells: list[Heading]
    folded: list[str] = field(default_factory=list)


@dataclass
class Cell:
    """One scenario in one cell: its outcome (or why it has none), its note, and how many tries it took."""

    state: str
    title: str
    note: int | None = None
    attempts: int = 1


@dataclass
class Row:
    """One scenario (one example of an outline) across the columns."""

    key: tuple[str, int, str, tuple[tuple[str, str], ...]]
    feature: FeatureInfo
    name: str
    example: dict[str, str]
    tags: list[str]
    cells: list[Cell] = field(default_factory=list)
    # Why the scenario ran in no cell of some run: it states a fact of engines that run did not cover.
    elsewhere: str | None = None

    @property
    def engine_tags(self) -> list[str]:
        """The tags that chose its cells: ``engine:NAME``, ``store:WHERE``."""
        return [tag for tag in self.tags if chooses_cells(tag)]

    @property
    def outcomes(self) -> set[str]:
        return {cell.state for cell in self.cells if cell.state in (PASSED, FAILED, SKIPPED)}

    @property
    def differs(self) -> bool:
        """Whether the cells it ran in disagree."""
        return len(self.outcomes) > 1

    @property
    def anchor(self) -> str:
        """An id for the row's link, from its feature file, line and example values."""
        file, line, _, example = self.key
        readable = "-".join([PurePosixPath(file).stem, str(line), *(value for _, value in example)])
        return "row-" + re.sub(r"[^A-Za-z0-9_]+", "-", readable).strip("-")


@dataclass
class FeatureRows:
    info: FeatureInfo
    rows: list[Row] = field(default_factory=list)


@dataclass
class Matrix:
    header_rows: list[HeaderRow]
    column_titles: list[str]
    features: list[FeatureRows]
    # The notes the cells point to: why a scenario was skipped, or how it failed.
    notes: list[str]

    @property
    def rows(self) -> list[Row]:
        return [row for feature in self.features for row in feature.rows]

    @property
    def differing(self) -> list[Row]:
        return [row for row in self.rows if row.differs]


def row_key(run: ScenarioRun) -> tuple[str, int, str, tuple[tuple[str, str], ...]]:
    return run.feature.file, run.line, run.name, tuple(run.example.items())


def shown_dimensions(runs: list[ScenarioRun]) -> tuple[list[Dimension], dict[str, Dimension]]:
    """The dimensions the columns are told apart by, and those folded into the one before them.

    A dimension that splits no column further (each Django version ran on one Python) is
    named under the dimension it follows instead of in a header row of its own.
    """
    shown: list[Dimension] = []
    folded_into: dict[str, Dimension] = {}
    for dimension in DIMENSIONS:
        values = {dimension.value(run) or "" for run in runs}
        if dimension.name not in ALWAYS and len(values) < 2:
            continue
        determining = None if dimension.name in ALWAYS else determined_by(dimension, shown, runs)
        if determining is not None:
            folded_into[dimension.name] = determining
        else:
            shown.append(dimension)
    return shown, folded_into


def determined_by(dimension: Dimension, shown: list[Dimension], runs: list[ScenarioRun]) -> Dimension | None:
    """The first shown dimension whose value alone tells this one's (Django's tells Python's), if any."""
    for candidate in shown:
        alone = {shown_value(candidate, run) for run in runs}
        paired = {(shown_value(candidate, run), shown_value(dimension, run)) for run in runs}
        if len(paired) == len(alone):
            return candidate
    return None


def shown_value(dimension: Dimension, run: ScenarioRun) -> str:
    return dimension.value(run) or "?"


def first_seen(runs: list[ScenarioRun], dimensions: list[Dimension]) -> list[dict[str, int]]:
    """Each dimension's values in the order the runs met them: the columns keep the collection's order."""
    order: list[dict[str, int]] = [{} for _ in dimensions]
    for run in runs:
        for index, dimension in enumerate(dimensions):
            order[index].setdefault(shown_value(dimension, run), len(order[index]))
    return order


def header_rows(
    columns: list[tuple[str, ...]], shown: list[Dimension], folded: dict[str, Dimension], runs: list[ScenarioRun]
) -> list[HeaderRow]:
    """One row per shown dimension; a value spans the columns it heads."""
    rows = []
    for level, dimension in enumerate(shown):
        under = [d for d in DIMENSIONS if folded.get(d.name) is dimension]
        cells: list[Heading] = []
        for column in columns:
            prefix = column[: level + 1]
            if cells and columns[columns.index(column) - 1][: level + 1] == prefix:
                cells[-1].span += 1
                continue
            run = next(run for run in runs if tuple(shown_value(d, run) for d in shown)[: level + 1] == prefix)
            cells.append(Heading(prefix[-1], 1, [f"{d.heading} {shown_value(d, run)}" for d in under]))
        rows.append(HeaderRow(dimension.heading, cells, [d.heading for d in under]))
    return rows


def cell_of(row_runs: list[ScenarioRun], title: str, notes: dict[str, int]) -> Cell:
    """The cell of one scenario's runs in one column: the last attempt stands."""
    final = max(row_runs, key=lambda run: run.identity.attempt)
    cell = Cell(final.outcome, f"{title}: {final.outcome}", attempts=final.identity.attempt)
    why = None
    if final.outcome == SKIPPED:
        why = f"skipped: {final.skip_reason or 'no reason given'}"
    elif final.outcome == FLAKY:
        first = min(row_runs, key=lambda run: run.identity.attempt)
        why = f"flaky: passed on attempt {final.identity.attempt} after {failure_note(first)}"
    elif final.outcome == FAILED:
        why = failure_note(final)
    if why is not None:
        cell.note = notes.setdefault(why, len(notes) + 1)
        cell.title += f" ({why})"
    if cell.attempts > 1:
        cell.title += f", on attempt {cell.attempts}"
    return cell


def failure_note(run: ScenarioRun) -> str:
    """Where and how a run failed, in one line: ``failed at Then the page reads ...: <its first line>``."""
    step = run.failed_step
    error = (step.error if step else run.error) or ""
    where = f"{step.keyword} {step.text}" if step else "outside its steps"
    return f"failed at {where}: {error.strip().splitlines()[0] if error.strip() else 'no message'}"


def build_matrix(runs: list[ScenarioRun]) -> Matrix:
    """The matrix of ``runs`` (in reading order): a row per scenario, a column per cell."""
    placed = [run for run in runs if (run.identity.engine or run.labels.get("engine")) != ENGINE_NOT_IN_RUN]
    in_a_cell = {id(run) for run in placed}
    shown, folded = shown_dimensions(placed)
    order = first_seen(placed, shown)

    def column_of(run: ScenarioRun) -> tuple[str, ...]:
        return tuple(shown_value(d, run) for d in shown)

    columns = sorted(
        {column_of(run) for run in placed},
        key=lambda column: tuple(order[index][value] for index, value in enumerate(column)),
    )
    titles = [", ".join(f"{d.heading} {value}" for d, value in zip(shown, column, strict=True)) for column in columns]
    rows: dict[tuple[str, int, str, tuple[tuple[str, str], ...]], Row] = {}
    by_cell: dict[tuple[object, tuple[str, ...]], list[ScenarioRun]] = {}
    for run in runs:
        key = row_key(run)
        row = rows.setdefault(key, Row(key, run.feature, run.name, run.example, run.tags))
        if id(run) in in_a_cell:
            by_cell.setdefault((key, column_of(run)), []).append(run)
        elif run.skip_reason:
            row.elsewhere = run.skip_reason
    notes: dict[str, int] = {}
    features: dict[str, FeatureRows] = {}
    for key, row in rows.items():
        for column, title in zip(columns, titles, strict=True):
            found = by_cell.get((key, column))
            if found:
                row.cells.append(cell_of(found, title, notes))
            else:
                state = NOT_FOR_ENGINE if row.engine_tags else NOT_IN_RUN
                row.cells.append(Cell(state, f"{title}: {state}"))
        features.setdefault(row.feature.file, FeatureRows(row.feature)).rows.append(row)
    return Matrix(header_rows(columns, shown, folded, placed), titles, list(features.values()), list(notes))

"""What a report reads from a feature file itself: the comments above a step, the line of an example's row."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def feature_lines(filename: str) -> tuple[str, ...]:
    return tuple(Path(filename).read_text(encoding="utf-8").splitlines())


def notes_above(filename: str, line_number: int) -> list[str]:
    """The comment lines right above line ``line_number`` (1-based), without their ``#``."""
    lines = feature_lines(filename)
    notes: list[str] = []
    index = line_number - 2
    while 0 <= index < len(lines) and lines[index].strip().startswith("#"):
        notes.insert(0, lines[index].strip().lstrip("#").strip())
        index -= 1
    return notes


def table_cells(line: str) -> list[str] | None:
    """The cells of a Gherkin table row (``| a | b |``), or None for a line that is no row."""
    text = line.strip()
    if not (text.startswith("|") and text.endswith("|")):
        return None
    return [cell.strip() for cell in text[1:-1].split("|")]


def example_row_line(filename: str, outline_line: int, example: dict[str, str]) -> int | None:
    """The line (1-based) of the row of the outline at ``outline_line`` whose values are ``example``."""
    header: list[str] | None = None
    for number, line in enumerate(feature_lines(filename)[outline_line:], start=outline_line + 1):
        keyword = line.strip().split(":", 1)[0]
        if keyword in ("Scenario", "Scenario Outline", "Scenario Template", "Example", "Rule", "Feature"):
            break  # the next scenario: the outline's tables are behind
        cells = table_cells(line)
        if cells is None:
            header = None if keyword in ("Examples", "Scenarios") else header
            continue
        if header is None:
            header = cells
        elif dict(zip(header, cells, strict=False)) == example:
            return number
    return None

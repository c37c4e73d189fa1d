"""The comments a feature file writes just above a step, which tie the step to the document."""

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

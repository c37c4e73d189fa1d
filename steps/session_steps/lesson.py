"""The lesson the features restate, as an outline of parts that ``@lesson:ID`` tags name."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

# A scenario's tag naming a part of the lesson it proves: @lesson:quiz-2.
LESSON_TAG = "lesson:"
# The outline, beside the feature files whose tags name its parts (packaged with them).
OUTLINE = ("features", "lesson.toml")


@dataclass(frozen=True)
class Part:
    """One part of the lesson: a step of its execution table, a quiz question, a snapshot line..."""

    id: str
    title: str
    # The lesson's words for the part (a question, a row), its code, and a question's answer.
    quote: str = ""
    code: str = ""
    answer: str = ""


@dataclass(frozen=True)
class Section:
    """A section of the lesson (its execution table, its quiz...), with its parts in order."""

    title: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Lesson:
    title: str
    sections: tuple[Section, ...]

    @property
    def parts(self) -> list[Part]:
        """Every part, in the lesson's order."""
        return [part for section in self.sections for part in section.parts]

    @property
    def ids(self) -> list[str]:
        return [part.id for part in self.parts]


def parse_lesson(data: dict[str, Any]) -> Lesson:
    """A lesson from its outline's TOML, read as a dictionary."""
    return Lesson(
        title=data["title"],
        sections=tuple(
            Section(
                section["title"],
                tuple(Part(**{name: value.strip("\n") for name, value in part.items()}) for part in section["parts"]),
            )
            for section in data["sections"]
        ),
    )


@cache
def the_lesson() -> Lesson:
    """The lesson of the packaged outline, ``features/lesson.toml``."""
    text = files("session_steps").joinpath(*OUTLINE).read_text(encoding="utf-8")
    return parse_lesson(tomllib.loads(text))


def part_ids(tags: Iterable[str]) -> list[str]:
    """The parts of the lesson that ``@lesson:`` tags among ``tags`` name, sorted."""
    return sorted({tag.removeprefix(LESSON_TAG) for tag in tags if tag.startswith(LESSON_TAG)})


def unknown_part_message(part: str, lesson: Lesson) -> str | None:
    """Why ``@lesson:PART`` names no part of ``lesson``, with the ids it has; None when it names one."""
    if part in lesson.ids:
        return None
    return (
        f"@{LESSON_TAG}{part} names no part of the lesson outlined in {'/'.join(OUTLINE)}; "
        f"its parts: {', '.join(lesson.ids)}"
    )

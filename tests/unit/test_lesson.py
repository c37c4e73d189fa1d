"""The lesson's outline: every part of the lesson, once, under an id that says where it is."""

from __future__ import annotations

import re

from session_steps.lesson import LESSON_TAG, parse_lesson, part_ids, the_lesson, unknown_part_message

# The lesson's sections, in its order, and how many parts each has.
SECTIONS = {
    "Execution sample": 1,  # the example view
    "Execution table": 5,  # its five steps
    "Variable tracker": 2,  # request.session and favorite
    "Key moments": 2,
    "Visual quiz": 3,
    "Practice": 5,
    "Concept snapshot": 5,  # its lines
}
# The ids of the numbered sections: a part's number is its place in the lesson.
NUMBERED = {
    "Execution table": "execution-step",
    "Key moments": "key-moment",
    "Visual quiz": "quiz",
    "Practice": "practice",
    "Concept snapshot": "snapshot",
}
SNAPSHOT = [
    "Django sessions store data per user.",
    "Set data: request.session['key'] = value",
    "Get data safely: request.session.get('key', default)",
    "Data persists across requests.",
    "Session saves when response is sent.",
]


def test_the_outline_counts_every_part_of_the_lesson() -> None:
    lesson = the_lesson()
    assert lesson.title == "Setting and getting session data in Django"
    assert {section.title: len(section.parts) for section in lesson.sections} == SECTIONS
    assert [section.title for section in lesson.sections] == list(SECTIONS)
    assert len(lesson.parts) == sum(SECTIONS.values())


def test_each_part_has_a_unique_id_a_tag_can_carry_and_a_title() -> None:
    lesson = the_lesson()
    assert len(set(lesson.ids)) == len(lesson.ids)
    for part in lesson.parts:
        # A Gherkin tag holds no space; a mark's argument is compared as written.
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", part.id), part.id
        assert part.title.strip(), part.id


def test_a_numbered_part_is_numbered_by_its_place_in_the_lesson() -> None:
    for section in the_lesson().sections:
        prefix = NUMBERED.get(section.title)
        if prefix is not None:
            assert [part.id for part in section.parts] == [f"{prefix}-{n}" for n in range(1, len(section.parts) + 1)]


def test_the_snapshot_is_the_lessons_lines_as_written() -> None:
    [snapshot] = [section for section in the_lesson().sections if section.title == "Concept snapshot"]
    assert [part.title for part in snapshot.parts] == SNAPSHOT


def test_the_quiz_and_the_practice_give_the_lessons_answers() -> None:
    lesson = the_lesson()
    answers = {part.id: part.answer for part in lesson.parts if part.answer}
    assert answers["quiz-2"] == "Step 3"
    assert answers["practice-3"] == "Visit count: 1"
    assert answers["practice-4"].startswith("KeyError")
    assert {part.id for part in lesson.parts if part.id.startswith(("quiz-", "practice-"))} <= set(answers)


def test_a_code_block_is_kept_as_written_without_the_blank_lines_around_it() -> None:
    lesson = parse_lesson(
        {"title": "T", "sections": [{"title": "S", "parts": [{"id": "a", "title": "A", "code": "\nx = 1\n    y\n"}]}]}
    )
    assert lesson.parts[0].code == "x = 1\n    y"


def test_lesson_tags_name_parts_and_an_unknown_one_is_told_with_the_ids() -> None:
    tags = ["server-error", f"{LESSON_TAG}quiz-2", "engine:db", f"{LESSON_TAG}example"]
    assert part_ids(tags) == ["example", "quiz-2"]
    lesson = the_lesson()
    assert unknown_part_message("quiz-2", lesson) is None
    message = unknown_part_message("quiz-9", lesson)
    assert message is not None
    assert message.startswith("@lesson:quiz-9 names no part of the lesson outlined in features/lesson.toml")
    assert "quiz-1, quiz-2, quiz-3" in message

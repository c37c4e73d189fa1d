"""Writing the report's static site with Jinja2: the index, one page per feature, the JSON."""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import django
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from session_steps.lesson import the_lesson
from session_steps.report import filters
from session_steps.report.coverage import lesson_coverage, names_the_lesson
from session_steps.report.cucumber import cucumber_json
from session_steps.report.execution import execution_rows, traced
from session_steps.report.matrix import build_matrix
from session_steps.report.model import ScenarioRun
from session_steps.report.summary import count, distinguished, group_features, label_text

PAGES = "features"
STYLESHEET = "report.css"
LESSON_PAGE = "lesson.html"
CUCUMBER_JSON = "cucumber.json"
MATRIX = "matrix.html"


@dataclass
class RunFacts:
    """What the runs were: when, with which versions, how many test sessions made them."""

    # In UTC, saying so: a report is read, and merged, on machines in other zones than the one that wrote it.
    generated: str = field(default_factory=lambda: time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    django: str = django.get_version()
    python: str = platform.python_version()
    browsers: list[str] = field(default_factory=list)
    sessions: int = 1

    @classmethod
    def of(cls, runs: list[ScenarioRun]) -> RunFacts:
        """The facts of ``runs``, from their identities: merged runs may come from other machines."""
        facts = cls(browsers=sorted({run.browser for run in runs if run.browser}))
        djangos = distinct(run.identity.django for run in runs)
        pythons = distinct(run.identity.python for run in runs)
        # Journals written before runs carried their identity: this process's versions.
        facts.django = " and ".join(djangos) or facts.django
        facts.python = " and ".join(pythons) or facts.python
        facts.sessions = max(len({run.test_session for run in runs}), 1)
        return facts


def distinct(values: Iterable[str]) -> list[str]:
    """The values, once each, without empties, in version order."""
    return sorted({value for value in values if value}, key=version_order)


def version_order(version: str) -> tuple[int | str, ...]:
    return tuple(int(part) if part.isdigit() else part for part in version.split("."))


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("session_steps.report"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        seconds=filters.seconds,
        prose=filters.prose,
        inline=filters.inline,
        note=filters.note,
        first_sentence=filters.first_sentence,
        labels=label_text,
        execution_rows=execution_rows,
        traced=traced,
    )
    return env


def write_report(folder: Path, runs: list[ScenarioRun]) -> Path:
    """Write the report for ``runs`` into ``folder``; the path of its index page."""
    env = environment()
    features = group_features(distinguished(runs))
    facts = RunFacts.of(runs)
    (folder / PAGES).mkdir(parents=True, exist_ok=True)
    stylesheet = files("session_steps.report").joinpath("templates", STYLESHEET).read_text(encoding="utf-8")
    (folder / STYLESHEET).write_text(stylesheet, encoding="utf-8")
    # Only a run of features that name the lesson's parts has a Lesson page to show.
    lesson_page = LESSON_PAGE if names_the_lesson(runs) else None
    index = folder / "index.html"
    index.write_text(
        env.get_template("index.html.j2").render(
            root="", features=features, total=count(runs), facts=facts, lesson_page=lesson_page
        ),
        encoding="utf-8",
    )
    (folder / LESSON_PAGE).unlink(missing_ok=True)
    if lesson_page is not None:
        coverage = lesson_coverage(the_lesson(), features)
        (folder / lesson_page).write_text(
            env.get_template("lesson.html.j2").render(root="", coverage=coverage, facts=facts), encoding="utf-8"
        )
    page = env.get_template("feature.html.j2")
    for feature in features:
        (folder / PAGES / feature.page).write_text(
            page.render(root="../", feature=feature, facts=facts), encoding="utf-8"
        )
    pages = {feature.info.file: f"{PAGES}/{feature.page}" for feature in features}
    (folder / MATRIX).write_text(
        env.get_template("matrix.html.j2").render(
            root="", matrix=build_matrix(runs), pages=pages, total=count(runs), facts=facts
        ),
        encoding="utf-8",
    )
    (folder / CUCUMBER_JSON).write_text(json.dumps(cucumber_json(features, folder), indent=1), encoding="utf-8")
    return index

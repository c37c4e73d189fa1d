"""Writing the report's static site with Jinja2: the index, one page per feature, the JSON."""

from __future__ import annotations

import json
import platform
import time
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
from session_steps.report.model import ScenarioRun
from session_steps.report.summary import count, group_features, label_text

PAGES = "features"
STYLESHEET = "report.css"
LESSON_PAGE = "lesson.html"
CUCUMBER_JSON = "cucumber.json"


@dataclass
class RunFacts:
    """What the whole run was: when, with which versions, for how long."""

    generated: str = field(default_factory=lambda: time.strftime("%Y-%m-%d %H:%M"))
    django: str = django.get_version()
    python: str = platform.python_version()
    browsers: list[str] = field(default_factory=list)


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
        first_sentence=filters.first_sentence,
        labels=label_text,
        execution_rows=execution_rows,
        traced=traced,
    )
    return env


def write_report(folder: Path, runs: list[ScenarioRun]) -> Path:
    """Write the report for ``runs`` into ``folder``; the path of its index page."""
    env = environment()
    features = group_features(runs)
    facts = RunFacts(browsers=sorted({run.browser for run in runs if run.browser}))
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
    (folder / CUCUMBER_JSON).write_text(json.dumps(cucumber_json(features), indent=1), encoding="utf-8")
    return index

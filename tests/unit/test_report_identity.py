"""What a run records of where it was made, and where each step's definition is written."""

from __future__ import annotations

import functools
import platform
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django
import pytest

from session_steps.report.model import FeatureInfo, RunIdentity, ScenarioRun
from session_steps.report.recorder import definition_location
from session_steps.report.summary import distinguished

HERE = Path(__file__)


def a_step_definition() -> None:
    """A function whose first line the test knows."""


def wrapped(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any) -> Any:
        return function(*args)

    return wrapper


def test_a_definition_is_its_file_relative_to_the_root_and_its_line() -> None:
    line = a_step_definition.__code__.co_firstlineno
    assert definition_location(a_step_definition, HERE.parents[2]) == f"tests/unit/{HERE.name}:{line}"


def test_a_decorated_definition_is_where_its_function_is_written() -> None:
    line = a_step_definition.__code__.co_firstlineno
    assert definition_location(wrapped(a_step_definition), HERE.parent) == f"{HERE.name}:{line}"


def test_a_definition_outside_the_root_is_its_module_s_path_the_same_on_every_machine(tmp_path: Path) -> None:
    line = a_step_definition.__code__.co_firstlineno
    module = a_step_definition.__module__.replace(".", "/")
    assert definition_location(a_step_definition, tmp_path) == f"{module}.py:{line}"


def test_a_run_records_this_process_s_django_and_python(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        "from session_steps.report.recorder import run_identity\n"
        "def pytest_collection_modifyitems(items):\n"
        "    print('IDENTITY', run_identity(items[0], {'engine': 'file', 'server': 'asgi'}))\n"
    )
    pytester.makepyfile("def test_x(): pass")
    result = pytester.runpytest("-s", "-p", "no:randomly", "--browser", "firefox")
    expected = RunIdentity(django.get_version(), platform.python_version(), "file", "asgi", None, "firefox")
    result.stdout.fnmatch_lines([f"IDENTITY {expected}"])


def a_run(django_version: str, python: str, attempt: int = 1) -> ScenarioRun:
    run = ScenarioRun("t::x[db-wsgi]", 0, FeatureInfo("F", "f.feature", 1, ""), None, "X", 2)
    run.labels = {"engine": "db", "server": "wsgi"}
    run.identity = RunIdentity(django_version, python, "db", "wsgi", None, "chromium", attempt)
    return run


def test_merged_runs_are_labelled_with_the_django_version_and_python_only_where_it_tells_more() -> None:
    runs = [a_run("5.2.7", "3.11.7"), a_run("6.1.3", "3.13.0")]
    assert [run.labels for run in distinguished(runs)] == [
        {"engine": "db", "server": "wsgi", "django": "5.2.7"},
        {"engine": "db", "server": "wsgi", "django": "6.1.3"},
    ]
    both = distinguished([*runs, a_run("6.1.3", "3.12.4")])
    assert [run.labels.get("python") for run in both] == ["3.11.7", "3.13.0", "3.12.4"]


def test_one_run_keeps_its_labels_and_a_retry_names_its_attempt() -> None:
    assert [run.labels for run in distinguished([a_run("5.2.7", "3.11.7")])] == [{"engine": "db", "server": "wsgi"}]
    [retry] = distinguished([a_run("5.2.7", "3.11.7", attempt=2)])
    assert retry.labels["attempt"] == "2"

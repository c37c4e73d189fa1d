"""The names of pytest-bdd that are not its documented API, imported here and nowhere else.

pytest-bdd documents the names of ``pytest_bdd`` itself (``scenario``, ``scenarios``,
``given``, ``when``, ``then``, ``step``), ``pytest_bdd.parsers`` and its ``pytest_bdd_*``
hooks. The plugin, its tests and its scripts need a few more, from modules a release may
reorganise; each is imported below with what it is used for, so a release that moves one
breaks this module alone, in one line that says what to install.

Tested with pytest-bdd 9.0.1 and pytest 9.2, on Python 3.11 with Django 5.2 and on Python 3.13
with Django 6.1: ``TESTED_RANGE``, the range ``pyproject.toml`` requires. (pytest-bdd 9.0.0
cannot look up step definitions under pytest 9.2.) ``tests/unit/test_bdd_compat.py`` checks
the shape of every name, and that no other module imports from pytest-bdd's private modules.
"""

from __future__ import annotations

import sys
from importlib.metadata import version

# The pytest-bdd releases this module was tested with, as a pip requirement specifier.
TESTED_RANGE = ">=9.0.1,<9.1"


def moved_name_line(installed: str, error: ImportError) -> str:
    """The one line for a pytest-bdd release that lacks a name imported here, and what to do."""
    return (
        f"django-session-spec: pytest-bdd {installed} lacks a name the plugin uses ({error}); "
        f"the plugin is tested with pytest-bdd{TESTED_RANGE}: pip install 'pytest-bdd{TESTED_RANGE}'"
    )


try:
    # The Gherkin parser's errors: a feature file that does not parse is told in one line
    # (GherkinParseError); its subclass for a misplaced step (FeatureError) is what the
    # tests of that line construct.
    # pytest-bdd's own shims over pytest's fixture registry, which changed in pytest 9.2:
    # every fixture name registered, and the definitions of one that a node can see. The
    # step lookup (pytest_plugin/step_lookup.py) lists a place's step definitions with them,
    # as find_fixturedefs_for_step does.
    from pytest_bdd.compat import get_fixture_names as fixture_names
    from pytest_bdd.compat import getfixturedefs as visible_fixturedefs
    from pytest_bdd.exceptions import FeatureError, GherkinParseError

    # Every feature file under a folder, parsed as pytest-bdd parses them: the tests and
    # scripts list the scenarios, their tags and their steps from it.
    from pytest_bdd.feature import get_features

    # What the hooks are given: a scenario rendered with its example's values, and its steps
    # (for annotations); the template a scenario's test is made from (tags, rule, steps).
    from pytest_bdd.parser import Scenario, ScenarioTemplate, Step

    # find_fixturedefs_for_step: the step definitions that match a step, looked up as
    # pytest-bdd looks them up, so an undefined step is found at collection.
    # make_python_name: a scenario's test is named "test_" + make_python_name(its name).
    # scenario_wrapper_template_registry: each scenario's test function -> its template.
    from pytest_bdd.scenario import find_fixturedefs_for_step, make_python_name, scenario_wrapper_template_registry

    # Each step definition's function -> its keyword, parser and function: the step
    # catalogue and the mutation scripts read the phrases from it.
    from pytest_bdd.steps import StepFunctionContext, step_function_context_registry
except ImportError as error:
    raise ImportError(moved_name_line(version("pytest-bdd"), error)) from error

# The module whose find_fixturedefs_for_step pytest-bdd's dispatch calls for every step
# (by its global name, so a function put there is the one called). ``pytest_bdd.scenario``
# is the package's ``scenario`` function, which hides the module of the same name.
scenario_module = sys.modules[find_fixturedefs_for_step.__module__]

# The parameter pytest-bdd parametrizes an outline's test with: one row of its Examples,
# by column. A scenario without examples does not have it.
EXAMPLE_PARAM = "_pytest_bdd_example"

__all__ = [
    "EXAMPLE_PARAM",
    "TESTED_RANGE",
    "FeatureError",
    "GherkinParseError",
    "Scenario",
    "ScenarioTemplate",
    "Step",
    "StepFunctionContext",
    "find_fixturedefs_for_step",
    "fixture_names",
    "get_features",
    "make_python_name",
    "moved_name_line",
    "scenario_module",
    "scenario_template",
    "scenario_wrapper_template_registry",
    "step_function_context_registry",
    "visible_fixturedefs",
]


def scenario_template(function: object) -> ScenarioTemplate | None:
    """The scenario template a test function runs; None for any other test (a doctest has no function)."""
    # The registry holds weak references, and None (a doctest's function) cannot be one.
    return scenario_wrapper_template_registry.get(function) if callable(function) else None

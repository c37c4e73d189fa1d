"""pytest-bdd's undocumented names: each is where bdd_compat.py imports it, shaped as the plugin uses it."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
import pytest_bdd
from packaging.specifiers import SpecifierSet
from pytest_bdd import parsers, when

from session_steps import bdd_compat
from session_steps.bdd_compat import (
    EXAMPLE_PARAM,
    TESTED_RANGE,
    FeatureError,
    GherkinParseError,
    Scenario,
    ScenarioTemplate,
    Step,
    StepFunctionContext,
    find_fixturedefs_for_step,
    fixture_names,
    get_features,
    make_python_name,
    scenario_module,
    scenario_template,
    step_function_context_registry,
    visible_fixturedefs,
)

PROJECT = Path(__file__).resolve().parents[2]
COMPAT = PROJECT / "steps" / "session_steps" / "bdd_compat.py"
# The folders whose Python may import pytest-bdd, and so must go through bdd_compat.py.
CHECKED_FOLDERS = ("steps", "tests", "scripts", "bench")
# pytest-bdd's documented API: the names of the package itself, and its parsers.
PUBLIC_MODULES = {"pytest_bdd", "pytest_bdd.parsers"}
PUBLIC_NAMES = {*pytest_bdd.__all__, "parsers"}

FEATURE = '''\
@colour
Feature: Colours
  Background:
    Given the visitor is on the site

  @palette
  Rule: A chosen colour is remembered

    @outline
    Scenario Outline: Choosing a colour
      When the visitor chooses "<colour>"
      Then the page reads
        """
        You chose <colour>.
        """
      And the table holds
        | colour   |
        | <colour> |

      Examples:
        | colour |
        | red    |
        | blue   |
'''
STEPS = '''\
from pytest_bdd import given, parsers, when


@given("the visitor is on the site")
def _() -> None:
    """Defined: the Then steps are not."""


@when(parsers.parse('the visitor chooses "{colour}"'))
def _(colour: str) -> None:
    """Defined."""
'''


def moved(name: str, what: str) -> str:
    """The failure of a check below: the pytest-bdd release, the name, and what changed."""
    return (
        f"pytest-bdd {version('pytest-bdd')} moved or changed {name}: {what}. bdd_compat.py is tested with "
        f"pytest-bdd{TESTED_RANGE}; adapt it to this release, or pin pytest-bdd there"
    )


def lacking(thing: object, attributes: tuple[str, ...]) -> list[str]:
    return [attribute for attribute in attributes if not hasattr(thing, attribute)]


@when(parsers.re(r"the compatibility check counts (?P<count>\d+) visits"))
def _counting_visits(count: str) -> None:
    """A step definition of this module, for the step registry to hold."""


def test_the_installed_pytest_bdd_is_in_the_tested_range_which_the_package_requires() -> None:
    installed = version("pytest-bdd")
    assert installed in SpecifierSet(TESTED_RANGE), moved("its version", f"{installed} is outside {TESTED_RANGE}")
    dependencies = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert f"pytest-bdd{TESTED_RANGE}" in dependencies, f"pyproject.toml should require pytest-bdd{TESTED_RANGE}"


def test_features_parse_into_scenarios_with_their_tags_examples_and_steps(tmp_path: Path) -> None:
    (tmp_path / "colours.feature").write_text(FEATURE)
    [feature] = get_features([str(tmp_path)])
    assert feature.name == "Colours" and feature.tags == {"colour"}, moved("get_features", "the feature's name or tags")
    template = feature.scenarios.get("Choosing a colour")
    assert isinstance(template, ScenarioTemplate), moved("Feature.scenarios", f"holds {feature.scenarios!r}")
    attributes = ("tags", "feature", "rule", "examples", "all_background_steps", "render")
    assert not lacking(template, attributes), moved("ScenarioTemplate", f"lacks {lacking(template, attributes)}")
    assert template.tags == {"outline"}, moved("ScenarioTemplate.tags", repr(template.tags))
    assert template.rule is not None and template.rule.tags == {"palette"}, moved("Rule.tags", repr(template.rule))
    assert template.rule.name == "A chosen colour is remembered", moved("Rule.name", repr(template.rule.name))
    [examples] = template.examples
    assert [row for row in examples.examples] == [["red"], ["blue"]], moved("Examples.examples", repr(examples))
    contexts = list(examples.as_contexts())
    assert contexts == [{"colour": "red"}, {"colour": "blue"}], moved("Examples.as_contexts", repr(contexts))
    background = [step.name for step in template.all_background_steps]
    assert background == ["the visitor is on the site"], moved("all_background_steps", repr(background))


def test_a_rendered_scenario_has_the_example_s_values_in_its_steps(tmp_path: Path) -> None:
    (tmp_path / "colours.feature").write_text(FEATURE)
    [feature] = get_features([str(tmp_path)])
    scenario = feature.scenarios["Choosing a colour"].render({"colour": "red"})
    assert isinstance(scenario, Scenario), moved("ScenarioTemplate.render", f"gives {type(scenario)}")
    attributes = ("feature", "rule", "name", "line_number", "description", "tags", "steps")
    assert not lacking(scenario, attributes), moved("Scenario", f"lacks {lacking(scenario, attributes)}")
    assert scenario.line_number == 10 and scenario.feature.line_number == 2, moved("Scenario.line_number", "moved")
    assert scenario.feature.filename == str(tmp_path / "colours.feature"), moved("Feature.filename", "differs")
    assert all(isinstance(step, Step) for step in scenario.steps), moved("Scenario.steps", repr(scenario.steps))
    steps = [(step.type, step.keyword.strip(), step.name, step.line_number) for step in scenario.steps]
    assert steps == [
        ("given", "Given", "the visitor is on the site", 4),
        ("when", "When", 'the visitor chooses "red"', 11),
        ("then", "Then", "the page reads", 12),
        ("then", "And", "the table holds", 16),
    ], moved("Step", f"its type, keyword, name or line_number: {steps}")
    page, table = scenario.steps[2:]
    assert page.docstring == "You chose red.", moved("Step.docstring", repr(page.docstring))
    assert table.datatable is not None and table.datatable.raw() == [["colour"], ["red"]], moved(
        "Step.datatable", repr(table.datatable)
    )


def test_a_feature_that_does_not_parse_raises_an_error_with_its_file_line_and_text(tmp_path: Path) -> None:
    broken = tmp_path / "broken.feature"
    broken.write_text("Feature: Broken\n  Scenario: One\n    Given a step\n  Nonsense here\n")
    with pytest.raises(GherkinParseError) as raised:
        get_features([str(broken)])
    error = raised.value
    attributes = ("filename", "line", "line_content", "message")
    assert not lacking(error, attributes), moved("GherkinParseError", f"lacks {lacking(error, attributes)}")
    assert (error.filename, error.line, error.line_content.strip()) == (str(broken), 4, "Nonsense here"), moved(
        "GherkinParseError", f"its filename, line or line_content: {error!r}"
    )
    assert issubclass(FeatureError, GherkinParseError), moved("FeatureError", "is no GherkinParseError")
    made = FeatureError("Step definition outside of a Scenario.", 5, "  Then", str(broken))
    assert (made.message, made.line, made.line_content, made.filename) == (
        "Step definition outside of a Scenario.",
        5,
        "  Then",
        str(broken),
    ), moved("FeatureError", "its arguments (message, line, line_content, filename)")


def test_a_scenario_s_test_is_named_after_it() -> None:
    assert make_python_name("Choosing a colour") == "choosing_a_colour", moved("make_python_name", "its result")
    assert make_python_name("A cookie's Max-Age, in days!") == "a_cookies_maxage_in_days", moved(
        "make_python_name", "what it drops"
    )


def test_the_step_registry_holds_each_step_definition_with_its_keyword_and_phrase() -> None:
    contexts = [context for context in step_function_context_registry.values() if context.step_func is _counting_visits]
    assert len(contexts) == 1, moved("step_function_context_registry", f"holds {len(contexts)} entries for a step")
    [context] = contexts
    assert isinstance(context, StepFunctionContext), moved("StepFunctionContext", f"is {type(context)}")
    assert context.type == "when", moved("StepFunctionContext.type", repr(context.type))
    phrase = getattr(context.parser, "name", None)
    assert phrase == r"the compatibility check counts (?P<count>\d+) visits", moved("StepParser.name", repr(phrase))


def test_collected_scenarios_are_found_with_their_template_example_and_step_definitions(
    pytester: pytest.Pytester,
) -> None:
    pytester.makefile(".feature", colours=FEATURE)
    pytester.makeconftest(STEPS)
    pytester.makepyfile(test_colours='from pytest_bdd import scenarios\n\nscenarios("colours.feature")\n')
    # pytest-bdd on its own: this plugin would stop the collection of steps without a definition.
    items, _ = pytester.inline_genitems("-p", "no:session_spec")
    names = [item.name for item in items]
    expected_name = "test_" + make_python_name("Choosing a colour")
    assert names == [f"{expected_name}[red]", f"{expected_name}[blue]"], moved("the scenario's test name", str(names))
    red = items[0]
    template = scenario_template(getattr(red, "obj", None))
    assert template is not None and template.name == "Choosing a colour", moved(
        "scenario_wrapper_template_registry", "has no template for a scenario's test"
    )
    params = red.callspec.params  # type: ignore[attr-defined]
    assert params.get(EXAMPLE_PARAM) == {"colour": "red"}, moved(f"the parameter {EXAMPLE_PARAM}", repr(params))
    fixturemanager = red.session._fixturemanager
    defined = [any(find_fixturedefs_for_step(step, fixturemanager, red)) for step in template.render({}).steps]
    assert defined == [True, True, False, False], moved("find_fixturedefs_for_step", f"finds {defined}")
    step_fixtures = [
        fixturedef
        for name in fixture_names(fixturemanager)
        for fixturedef in visible_fixturedefs(fixturemanager, name, red) or ()
        if fixturedef.func in step_function_context_registry
    ]
    # The conftest's two, beside pytest-bdd's own "trace" steps.
    shown = {fixturedef.argname.removeprefix("pytestbdd_stepdef_") for fixturedef in step_fixtures}
    assert {"given_the visitor is on the site", 'when_the visitor chooses "{colour}"'} < shown, moved(
        "get_fixture_names or getfixturedefs", f"show {sorted(shown)}"
    )
    dispatched = scenario_module.find_fixturedefs_for_step
    assert getattr(dispatched, "__wrapped__", dispatched) is find_fixturedefs_for_step, moved(
        "find_fixturedefs_for_step", "is not the function of the module pytest-bdd's dispatch calls"
    )


def test_a_test_function_pytest_bdd_did_not_make_has_no_scenario_template() -> None:
    assert scenario_template(test_a_scenario_s_test_is_named_after_it) is None
    assert scenario_template(len) is None
    # A doctest's item has None for a function.
    assert scenario_template(None) is None


def test_a_release_that_moves_a_name_fails_at_import_in_one_line_saying_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The module by its name: the package's attribute of that name is the scenario decorator.
    module = importlib.import_module("pytest_bdd.scenario")
    monkeypatch.delattr(module, "make_python_name")
    spec = importlib.util.spec_from_file_location("bdd_compat_on_a_moved_name", COMPAT)
    assert spec is not None and spec.loader is not None
    with pytest.raises(ImportError) as raised:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    installed = version("pytest-bdd")
    assert str(raised.value) == (
        f"django-session-spec: pytest-bdd {installed} lacks a name the plugin uses "
        "(cannot import name 'make_python_name' from 'pytest_bdd.scenario' "
        f"({module.__file__})); the plugin is tested with pytest-bdd{TESTED_RANGE}: "
        f"pip install 'pytest-bdd{TESTED_RANGE}'"
    )


def private_imports(path: Path) -> list[str]:
    """Each import of ``path`` from a pytest-bdd module, or of a name, outside its documented API."""
    found = []
    where = path.relative_to(PROJECT)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
            found += [f"{where}:{node.lineno}: import {module}" for module in modules if is_private(module)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "pytest_bdd":
            names = [alias.name for alias in node.names]
            if is_private(node.module) or (node.module == "pytest_bdd" and not set(names) <= PUBLIC_NAMES):
                found.append(f"{where}:{node.lineno}: from {node.module} import {', '.join(names)}")
    return found


def is_private(module: str) -> bool:
    return module.split(".")[0] == "pytest_bdd" and module not in PUBLIC_MODULES


def test_only_bdd_compat_imports_pytest_bdd_s_private_modules() -> None:
    files = [path for folder in CHECKED_FOLDERS for path in sorted((PROJECT / folder).rglob("*.py"))]
    assert COMPAT in files and Path(__file__) in files
    found = [line for path in files if path != COMPAT for line in private_imports(path)]
    assert not found, "import these through session_steps.bdd_compat:\n" + "\n".join(found)
    # What the check would catch, so that it cannot pass by catching nothing.
    assert private_imports(COMPAT), "bdd_compat.py imports no private module: the check reads nothing"


def test_bdd_compat_exports_every_name_it_imports() -> None:
    imported = {
        alias.asname or alias.name
        for node in ast.walk(ast.parse(COMPAT.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pytest_bdd")
        for alias in node.names
    }
    assert imported <= set(bdd_compat.__all__), f"bdd_compat.__all__ lacks {sorted(imported - set(bdd_compat.__all__))}"

"""The remembered step lookup finds what pytest-bdd's own finds, where steps override each other."""

from __future__ import annotations

import pytest

FEATURE = """\
Feature: Colours
  Scenario: A colour of the package's own
    Given a colour red
    When the colour is mixed
    Then the colour is red-mixed

  Scenario: A colour of the module's own
    Given a colour blue
    When the colour is mixed
    Then the colour is blue-mixed

  Scenario Outline: A colour by example
    Given a colour <colour>
    When the colour is mixed
    Then the colour is <colour>-mixed

    Examples:
      | colour |
      | red    |
      | green  |
"""

# The root's definitions; the package's conftest overrides "the colour is mixed", and one
# module overrides "a colour blue" with a specific phrase that the generic parser also matches.
ROOT_STEPS = """\
import pytest
from pytest_bdd import given, parsers, step, then, when

@pytest.fixture
def colour():
    return []

@given(parsers.parse("a colour {name}"))
def generic(name, colour):
    colour.append(name)

@when("the colour is mixed")
def mixed(colour):
    colour.append("root")

@step(parsers.parse("the colour is {expected}"))
def check(expected, colour):
    assert "-".join(colour) == expected

# A Then that a Given's text matches: a lookup keeps to the step's own keyword.
@then("a colour red")
def red_at_last(colour):
    assert "red" in colour
"""

PACKAGE_STEPS = """\
from pytest_bdd import when

@when("the colour is mixed")
def mixed_here(colour):
    colour.append("mixed")
"""

COMPARING = """\
import sys
import pytest
from session_steps import bdd_compat
from session_steps.pytest_plugin.step_lookup import LOOKUPS

@pytest.hookimpl(tryfirst=True)
def pytest_bdd_before_step(request, step):
    lookup = bdd_compat.scenario_module.find_fixturedefs_for_step
    assert request.config.stash[LOOKUPS].collected
    fixturemanager = request._fixturemanager
    remembered = [d.func for d in lookup(step, fixturemanager, request.node)]
    again = [d.func for d in lookup(step, fixturemanager, request.node)]
    own = [d.func for d in lookup.__wrapped__(step=step, fixturemanager=fixturemanager, node=request.node)]
    assert remembered == own == again, (step.name, remembered, own)
    print("LOOKED UP", request.node.name, step.name, len(own))
"""


# At the root, "a colour blue" is the generic phrase's alone, and "mixed" the root's.
ROOT_FEATURE = """\
Feature: Colours at the root
  Scenario: A colour mixed at the root
    Given a colour blue
    When the colour is mixed
    Then the colour is blue-root
"""


def make_project(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", root=ROOT_FEATURE)
    pytester.makepyfile(test_root='from pytest_bdd import scenarios\n\nscenarios("root.feature")\n')
    pytester.makeconftest(ROOT_STEPS + COMPARING)
    package = pytester.mkpydir("colours")
    (package / "conftest.py").write_text(PACKAGE_STEPS)
    (package / "colours.feature").write_text(FEATURE)
    (package / "test_own.py").write_text(
        "from pytest_bdd import given, scenario, scenarios\n\n"
        '@given("a colour blue")\n'
        "def blue(colour):\n"
        '    colour.append("blue")\n\n'
        'scenarios("colours.feature")\n'
    )
    (package / "test_shared.py").write_text(
        'from pytest_bdd import scenario\n\n@scenario("colours.feature", "A colour of the package\'s own")\n'
        "def test_shared():\n    pass\n"
    )


def test_each_step_finds_what_pytest_bdd_finds_and_its_override_runs(pytester: pytest.Pytester) -> None:
    make_project(pytester)
    # A process of its own: pytest-playwright's plugin keeps one run's state in its module.
    result = pytester.runpytest_subprocess("-s", "-q", "-p", "no:randomly", "colours", "test_root.py")
    result.assert_outcomes(passed=6, failed=0)
    # pytest's progress dots share the lines of -s's output.
    looked_up = [line.lstrip(".") for line in result.outlines if "LOOKED UP" in line]
    assert len(looked_up) == 18, result.outlines
    # The module's "a colour blue" and the root's generic phrase; the root's, the package's
    # and the generic @step's "mixed".
    assert "LOOKED UP test_a_colour_of_the_modules_own[db-wsgi] a colour blue 2" in looked_up, looked_up
    assert "LOOKED UP test_shared[db-wsgi] the colour is mixed 3" in looked_up, looked_up
    assert "LOOKED UP test_a_colour_mixed_at_the_root[db-wsgi] a colour blue 1" in looked_up, looked_up


def test_the_package_s_step_runs_not_the_root_s(pytester: pytest.Pytester) -> None:
    make_project(pytester)
    (pytester.path / "colours" / "conftest.py").unlink()
    # Without the package's override the root's "mixed" runs, and every "-mixed" check fails.
    result = pytester.runpytest_subprocess("-q", "-p", "no:randomly", "colours")
    result.assert_outcomes(passed=0, failed=5)
    result.stdout.fnmatch_lines(["*assert 'blue-root' == 'blue-mixed'*"])

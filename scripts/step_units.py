"""The units of the step library a mutant can change, and the scenarios each one reaches.

A unit is a step definition, a function or method the steps call, or a module-level
name they read (a phrase's regex, a tolerance). A step definition reaches the scenarios
whose steps its parsers match (pytest-bdd's own parsers, on the features as pytest-bdd's
Gherkin parser reads them); any other unit reaches the scenarios of every step
definition that refers to it by name, directly or through other units; a unit no step
refers to by name (a fixture's, a dunder method's) reaches every scenario.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from session_steps.bdd_compat import (
    StepFunctionContext,
    get_features,
    make_python_name,
    step_function_context_registry,
)
from session_steps.catalogue import readable
from session_steps.matrix.cells import chooses_cells


@dataclass(frozen=True)
class Scenario:
    """A scenario as the spec's test names it, with its steps' keywords and texts."""

    test_name: str
    steps: tuple[tuple[str, str], ...]  # (given|when|then, text), background first, each example in turn
    engine_tagged: bool


@dataclass
class Unit:
    """A stretch of a module's source that a mutant's line falls in."""

    name: str  # the name others refer to it by: function, method, or assigned name
    label: str  # how a mutant's id names it
    first_line: int
    last_line: int
    refers_to: set[str] = field(default_factory=set)
    steps: list[StepFunctionContext] = field(default_factory=list)


def scenarios_of(features: Path) -> list[Scenario]:
    """Every scenario of the feature files under ``features``."""
    found = []
    for feature in get_features([str(features)]):
        for scenario in feature.scenarios.values():
            tags = scenario.tags | feature.tags | (scenario.rule.tags if scenario.rule else set())
            # An outline runs its steps with each example's values in place of the <placeholders>.
            contexts = [context for table in scenario.examples for context in table.as_contexts()] or [{}]
            steps = tuple((step.type, step.name) for context in contexts for step in scenario.render(context).steps)
            found.append(
                Scenario(
                    "test_" + make_python_name(scenario.name),
                    steps,
                    any(chooses_cells(tag) for tag in tags),
                )
            )
    return found


def names_in(node: ast.AST) -> set[str]:
    """Every name and attribute a piece of code refers to."""
    return {
        child.id if isinstance(child, ast.Name) else child.attr
        for child in ast.walk(node)
        if isinstance(child, ast.Name | ast.Attribute)
    }


def first_line(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(decorator.lineno for decorator in decorators)])


def step_contexts(module_name: str) -> dict[int, list[StepFunctionContext]]:
    """The step definitions of a module, by the first line of their source (decorators included)."""
    importlib.import_module(module_name)
    found: dict[int, list[StepFunctionContext]] = {}
    for context in list(step_function_context_registry.values()):
        # A step wrapped by a decorator of the steps' own (looks_at_the_store) is found by its source.
        function = inspect.unwrap(context.step_func)
        if getattr(function, "__module__", "") == module_name:
            found.setdefault(function.__code__.co_firstlineno, []).append(context)
    return found


def units_of(source: str, module_name: str) -> list[Unit]:
    """The units of one module, innermost last: module-level statements, classes, functions, methods."""
    tree = ast.parse(source)
    steps = step_contexts(module_name)
    units = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            contexts = steps.get(first_line(node), [])
            label = f'step "{readable(str(contexts[0].parser.name))}"' if contexts else node.name
            units.append(Unit(node.name, label, first_line(node), node.end_lineno or 0, names_in(node), contexts))
        elif isinstance(node, ast.ClassDef):
            units.append(Unit(node.name, node.name, first_line(node), node.end_lineno or 0, names_in(node)))
            for method in node.body:
                if isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
                    units.append(
                        Unit(
                            method.name,
                            f"{node.name}.{method.name}",
                            first_line(method),
                            method.end_lineno or 0,
                            names_in(method),
                        )
                    )
        else:
            targets = [
                target
                for target in ast.walk(node)
                if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store)
            ]
            name = ", ".join(target.id for target in targets) or "module"
            units.append(Unit(name, name, node.lineno, node.end_lineno or node.lineno, names_in(node)))
    return units


def unit_at(units: list[Unit], line: int) -> Unit | None:
    """The innermost unit that holds ``line``."""
    holding = [unit for unit in units if unit.first_line <= line <= unit.last_line]
    return holding[-1] if holding else None


def matches_step(context: StepFunctionContext, step: tuple[str, str]) -> bool:
    kind, text = step
    return context.type in (None, kind) and bool(context.parser.is_matching(text))


class Reach:
    """Which scenarios each unit of the step library reaches, over all the modules given."""

    def __init__(self, units: Iterable[Unit], scenarios: list[Scenario]) -> None:
        self.units = list(units)
        self.scenarios = scenarios
        self._by_name: dict[str, list[Unit]] = {}
        for unit in self.units:
            if not unit.steps:
                for name in unit.name.split(", "):
                    self._by_name.setdefault(name, []).append(unit)

    def _refers(self, unit: Unit, name: str) -> bool:
        """Whether ``unit`` refers to ``name``, directly or through the units it refers to."""
        seen: set[int] = set()
        todo = [unit]
        while todo:
            current = todo.pop()
            if name in current.refers_to:
                return True
            for referred in current.refers_to:
                for other in self._by_name.get(referred, []):
                    if id(other) not in seen:
                        seen.add(id(other))
                        todo.append(other)
        return False

    def step_definitions(self, unit: Unit) -> list[Unit]:
        """The step definitions a change to ``unit`` can change: itself, or those that refer to it."""
        if unit.steps:
            return [unit]
        names = unit.name.split(", ")
        return [step for step in self.units if step.steps and any(self._refers(step, name) for name in names)]

    def reached_by(self, unit: Unit | None) -> list[Scenario]:
        """The scenarios a change to ``unit`` reaches: every one when no step refers to it."""
        steps = self.step_definitions(unit) if unit is not None else []
        if not steps:
            return self.scenarios
        contexts = [context for step in steps for context in step.steps]
        return [
            scenario
            for scenario in self.scenarios
            if any(matches_step(context, step) for context in contexts for step in scenario.steps)
        ]

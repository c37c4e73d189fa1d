"""pytest-bdd's lookup of a step's definitions, made once per place and step.

For every step it runs, pytest-bdd finds the step definitions that match it by walking
every fixture name the run has registered, asking pytest which of that name's definitions
the test can see, and trying the parser of each step definition among them: about a
millisecond a step, one of the largest parts of what a scenario of the spec costs beyond
the same navigations in a plain Playwright script (``make bench``, side A-parts). What it finds
depends on the step (its keyword and text), on where the test is (pytest decides a
fixture's visibility by the nodes above the test) and on the fixtures registered, which
no longer change once collection is over. So, from then on, the step definitions a place
can see are listed once, in pytest-bdd's order, and each step's matches once; every
later lookup of the same step at the same place is a dictionary's. What a lookup finds is
what pytest-bdd's own finds, in its order: ``tests/unit/test_step_lookup.py`` compares the
two for every step of a project whose modules and packages override each other's steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from session_steps.bdd_compat import (
    Step,
    StepFunctionContext,
    fixture_names,
    scenario_module,
    step_function_context_registry,
    visible_fixturedefs,
)

FixtureDef = Any  # pytest's FixtureDef and FixtureManager, which pytest does not export
Finder = Callable[..., Iterable[FixtureDef]]


@dataclass
class Lookups:
    """What the run has looked up: step definitions visible at each place, matches of each step."""

    collected: bool = False  # set once collection is over: before, fixtures may still be registered
    visible: dict[tuple[object, int], tuple[tuple[FixtureDef, StepFunctionContext], ...]] = field(default_factory=dict)
    matches: dict[tuple[object, int, str | None, str], tuple[FixtureDef, ...]] = field(default_factory=dict)


LOOKUPS = pytest.StashKey[Lookups]()


def remembering(find: Finder) -> Finder:
    """``find`` (pytest-bdd's lookup), answering from the run's lookups once collection is over."""

    def find_remembered(step: Step, fixturemanager: Any, node: pytest.Item) -> Iterator[FixtureDef]:
        """The step definitions that match ``step`` and that ``node`` can see, in pytest-bdd's order."""
        lookups = node.config.stash.get(LOOKUPS, None)
        if lookups is None or not lookups.collected or node.parent is None:
            return iter(find(step=step, fixturemanager=fixturemanager, node=node))
        names = fixture_names(fixturemanager)
        # The nodes above the test decide what it sees; a name registered since is a new place.
        place = (node.parent, len(names))
        visible = lookups.visible.get(place)
        if visible is None:
            visible = lookups.visible[place] = tuple(
                (fixturedef, context)
                for name in names
                for fixturedef in visible_fixturedefs(fixturemanager, name, node) or ()
                if (context := step_function_context_registry.get(fixturedef.func)) is not None
            )
        key = (*place, step.type, step.name)
        found = lookups.matches.get(key)
        if found is None:
            found = lookups.matches[key] = tuple(
                fixturedef
                for fixturedef, context in visible
                if context.type in (None, step.type) and context.parser.is_matching(step.name)
            )
        return iter(found)

    find_remembered.__wrapped__ = find  # type: ignore[attr-defined]
    return find_remembered


def step_definitions(step: Step, item: pytest.Item) -> Iterator[FixtureDef]:
    """The step definitions that match ``step`` in ``item``'s place, as pytest-bdd's dispatch finds them."""
    return iter(scenario_module.find_fixturedefs_for_step(step, item.session._fixturemanager, item))


def remember_lookups(config: pytest.Config) -> None:
    """Put the remembering lookup where pytest-bdd's dispatch calls it, with ``config``'s memory.

    pytest-bdd's dispatch calls the lookup through its module's global name: the
    remembering one goes there once a process, and answers as pytest-bdd's own would for
    a run whose collection is not over, or that does not load this plugin.
    """
    config.stash[LOOKUPS] = Lookups()
    found = scenario_module.find_fixturedefs_for_step
    if not hasattr(found, "__wrapped__"):
        scenario_module.find_fixturedefs_for_step = remembering(found)  # type: ignore[attr-defined]


def collection_is_over(config: pytest.Config) -> None:
    """Every fixture is registered: lookups are remembered from now on."""
    config.stash[LOOKUPS].collected = True

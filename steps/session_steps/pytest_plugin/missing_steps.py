"""Finding scenario steps that no step definition matches, at collection time."""

from __future__ import annotations

import pytest
from pytest_bdd.scenario import find_fixturedefs_for_step, scenario_wrapper_template_registry


def missing_step_errors(session: pytest.Session, items: list[pytest.Item]) -> list[str]:
    """One line per undefined step: where it is and what it says."""
    errors: dict[str, None] = {}  # a dict keeps the order and drops outline repeats
    for item in items:
        template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))  # type: ignore[arg-type]
        if template is None:
            continue
        callspec = getattr(item, "callspec", None)
        example = callspec.params.get("_pytest_bdd_example", {}) if callspec else {}
        for step in template.render(example).steps:
            if not any(find_fixturedefs_for_step(step, session._fixturemanager, item)):
                where = f"{template.feature.rel_filename}:{step.line_number}"
                errors[f"  {where}: {step.keyword.strip()} {step.name}"] = None
    return list(errors)

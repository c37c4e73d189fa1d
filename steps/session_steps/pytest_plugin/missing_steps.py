"""Finding scenario steps that no step definition matches, at collection time."""

from __future__ import annotations

import pytest

from session_steps.bdd_compat import EXAMPLE_PARAM, scenario_template
from session_steps.pytest_plugin.step_lookup import step_definitions


def missing_step_errors(items: list[pytest.Item]) -> list[str]:
    """One line per undefined step: where it is and what it says."""
    errors: dict[str, None] = {}  # a dict keeps the order and drops outline repeats
    for item in items:
        template = scenario_template(getattr(item, "obj", None))
        if template is None:
            continue
        callspec = getattr(item, "callspec", None)
        example = callspec.params.get(EXAMPLE_PARAM, {}) if callspec else {}
        for step in template.render(example).steps:
            if not any(step_definitions(step, item)):
                where = f"{template.feature.rel_filename}:{step.line_number}"
                errors[f"  {where}: {step.keyword.strip()} {step.name}"] = None
    return list(errors)

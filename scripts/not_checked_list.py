"""A pytest plugin for the mutation runs: the names of the tests that passed with a step not checked.

A step that cannot look at the store passes and says so; the judge tells that verdict from
a pass that looked, so a mutant that drops the saying is killed. Loaded with
``-p not_checked_list``; the names go, one per line, to the file ``SESSION_SPEC_NOT_CHECKED`` names.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The user property the plugin's report gives each step that could not look.
NOT_CHECKED_STEP = "session-spec not checked"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    listed = os.environ.get("SESSION_SPEC_NOT_CHECKED")
    if listed and report.when == "call" and any(name == NOT_CHECKED_STEP for name, _ in report.user_properties):
        with Path(listed).open("a") as names:
            names.write(report.nodeid.split("::")[-1] + "\n")

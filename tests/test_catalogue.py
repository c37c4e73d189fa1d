"""The step catalogue is generated from the code, and docs/steps.md is kept equal to it."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

from spec_runner import PROJECT

from session_steps.catalogue import STEP_MODULES, entries, readable

STEP_DECORATORS = {"given", "when", "then"}


def phrases_in_source() -> set[str]:
    """The phrase of every step decorator in the step modules, as written: read apart from pytest-bdd."""
    phrases = set()
    for module in STEP_MODULES:
        source = Path(str(importlib.import_module(module).__file__)).read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in STEP_DECORATORS:
                phrases.add(ast.unparse(node.args[0]))
    return phrases


def test_docs_steps_md_is_the_generated_catalogue() -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "session_steps.catalogue"], capture_output=True, text=True, check=True
    ).stdout
    assert (PROJECT / "docs" / "steps.md").read_text() == printed, (
        "run: python -m session_steps.catalogue > docs/steps.md"
    )


def test_every_step_has_a_meaning() -> None:
    assert all(entry.meaning for entry in entries())
    # One entry per phrase: a phrase served by Given and Then is one entry.
    assert len(entries()) == len(phrases_in_source())


def test_regex_phrases_read_as_words() -> None:
    assert readable(r'(?:the|(?P<visitor>[A-Z][\w-]*)\'s) page reads "(?P<text>[^"]*)"') == (
        '(the|<visitor>\'s) page reads "<text>"'
    )
    assert readable(r"opens (?P<times>\d+) times?(?: again)?") == "opens <times> time[s][ again]"
    assert readable(r"the cookie (?P<verdict>has changed|is unchanged)") == "the cookie (has changed|is unchanged)"

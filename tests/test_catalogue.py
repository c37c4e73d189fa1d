"""The step catalogue is generated from the code, and docs/steps.md is kept equal to it."""

from __future__ import annotations

import subprocess
import sys

from spec_runner import PROJECT

from session_steps.catalogue import entries, readable


def test_docs_steps_md_is_the_generated_catalogue() -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "session_steps.catalogue"], capture_output=True, text=True, check=True
    ).stdout
    assert (PROJECT / "docs" / "steps.md").read_text() == printed, (
        "run: python -m session_steps.catalogue > docs/steps.md"
    )


def test_every_step_has_a_meaning() -> None:
    assert all(entry.meaning for entry in entries())
    assert len(entries()) >= 25


def test_regex_phrases_read_as_words() -> None:
    assert readable(r'(?:the|(?P<visitor>[A-Z][\w-]*)\'s) page reads "(?P<text>[^"]*)"') == (
        '(the|<visitor>\'s) page reads "<text>"'
    )
    assert readable(r"opens (?P<times>\d+) times?(?: again)?") == "opens <times> time[s][ again]"
    assert readable(r"the cookie (?P<verdict>has changed|is unchanged)") == "the cookie (has changed|is unchanged)"

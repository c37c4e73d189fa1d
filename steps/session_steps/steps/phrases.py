"""Pieces of step phrases shared by the step modules.

A visitor is "the visitor" or a capitalised name ("Alice"); "the page", "the browser"
and "the session cookie" mean whoever acted or was named last.
"""

from __future__ import annotations

import ast
from typing import Any

from session_steps.browser.visitors import THE_VISITOR

WHO = rf"(?P<visitor>{THE_VISITOR}|[A-Z][\w-]*)"
WHOSE = r"(?:the visitor's|(?P<visitor>[A-Z][\w-]*)'s)"
THE_OR_WHOSE = r"(?:the|(?P<visitor>[A-Z][\w-]*)'s)"
WHO_ELSE = r"(?P<holder>[A-Z][\w-]*)"  # a named visitor, where a phrase names two
PATH = r'"(?P<path>[^"]*)"'
TEXT = r'"(?P<text>[^"]*)"'


def python_literal(text: str) -> Any:
    """A value written as Python writes it: ``{'color': 'blue'}``, ``1``, ``None``."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError) as error:
        raise ValueError(f"{text!r} is not a Python literal") from error


def table_column(datatable: list[list[str]]) -> list[str]:
    """The cells of a one-column Gherkin table."""
    if any(len(row) != 1 for row in datatable):
        raise ValueError("this step takes a table of one column")
    return [row[0] for row in datatable]

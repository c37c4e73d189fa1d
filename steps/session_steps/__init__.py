"""Reusable pytest-bdd steps and fixtures that specify Django sessions in a real browser.

What a project's own steps may import from here (docs/steps.md, "Writing a step of your own"):

- ``Visitors`` (the ``visitors`` fixture) and ``Visitor``: ``open(path)``, ``act(what, action)``
  for any other interaction, ``page``, ``cookie(name)``, ``last_visit``;
- ``Visit`` and ``Exchange``: the record of one action and of each response to it;
- the pieces of the catalogue's phrases (``WHO``, ``WHOSE``, ``THE_OR_WHOSE``, ``PATH``,
  ``TEXT``) and ``python_literal``, so that a project's phrases read like ours.
"""

from __future__ import annotations

__all__ = [
    "PATH",
    "TEXT",
    "THE_OR_WHOSE",
    "THE_VISITOR",
    "WHO",
    "WHOSE",
    "Exchange",
    "SpecSetupError",
    "Visit",
    "Visitor",
    "Visitors",
    "python_literal",
]

from session_steps.browser.visitors import THE_VISITOR, Exchange, Visit, Visitor, Visitors
from session_steps.errors import SpecSetupError
from session_steps.steps.phrases import PATH, TEXT, THE_OR_WHOSE, WHO, WHOSE, python_literal

"""Reusable pytest-bdd steps and fixtures that specify Django sessions in a real browser.

What a project's own steps may import from here (docs/steps.md, "Writing a step of your own"):

- ``Visitors`` (the ``visitors`` fixture) and ``Visitor``: ``open(path)``, ``act(what, action)``
  for any other interaction, ``page``, ``cookie(name)``, ``last_visit``;
- ``Visit`` and ``Exchange``: the record of one action and of each response to it;
- the pieces of the catalogue's phrases (``WHO``, ``WHOSE``, ``THE_OR_WHOSE``, ``PATH``,
  ``TEXT``) and ``python_literal``, so that a project's phrases read like ours.

They are imported on first use: importing a module of the package (``session_steps.errors``)
loads no browser code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from session_steps.errors import SpecSetupError

if TYPE_CHECKING:
    from session_steps.browser.visitors import THE_VISITOR, Exchange, Visit, Visitor, Visitors
    from session_steps.steps.phrases import PATH, TEXT, THE_OR_WHOSE, WHO, WHOSE, python_literal

# Each public name, and the module it is defined in.
PUBLIC = {
    **dict.fromkeys(("THE_VISITOR", "Exchange", "Visit", "Visitor", "Visitors"), "session_steps.browser.visitors"),
    **dict.fromkeys(("PATH", "TEXT", "THE_OR_WHOSE", "WHO", "WHOSE", "python_literal"), "session_steps.steps.phrases"),
}

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


def __getattr__(name: str) -> Any:
    if name not in PUBLIC:
        raise AttributeError(f"module 'session_steps' has no attribute {name!r}")
    return getattr(importlib.import_module(PUBLIC[name]), name)

"""Reusable pytest-bdd steps and fixtures that specify Django sessions in a real browser."""

from __future__ import annotations

__all__ = ["SpecSetupError"]

from session_steps.errors import SpecSetupError

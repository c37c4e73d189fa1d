"""Every scenario of every feature file, run in Chromium against the live site."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd import scenarios

FEATURES = Path(__file__).resolve().parents[1] / "features"

scenarios(str(FEATURES))

"""The spec, packaged: ``pytest --pyargs session_steps --base-url URL`` checks a deployment."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd import scenarios

scenarios(str(Path(__file__).resolve().parent / "features"))

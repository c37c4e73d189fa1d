"""The features every side of the benchmark runs: the same Gherkin files for A and C."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
FEATURE_FILES = tuple(PROJECT / "features" / name for name in ("visit_counts.feature", "last_page.feature"))

"""A: the benchmark's features through this project's plugin, configured as a user runs it."""

from __future__ import annotations

import sys
from pathlib import Path

from pytest_bdd import scenarios

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from features import FEATURE_FILES, run_boundary

RUN_FIXTURES = ("live_site", "browser", "session_store", "session_cookie_name")

test_warm_up = run_boundary("Set up what the whole run shares before the first scenario.", *RUN_FIXTURES)

scenarios(*map(str, FEATURE_FILES))

test_cool_down = run_boundary("The last test: tearing down what the run shares is counted here.", *RUN_FIXTURES)

"""Every feature three times over: 93 scenarios, as a matrix of three configurations runs.

The start-up of pytest, the site and the browser is the same for 31 scenarios or 93; a
longer run shows what pytest-xdist gains once that start-up is paid per worker.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pytest_bdd import scenarios

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from features import PROJECT

scenarios(str(PROJECT / "features"))

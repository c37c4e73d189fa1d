"""The runs of a test session as JSON lines: one file per process, merged by the controller.

Under pytest-xdist each worker observes its own scenarios; a file of its own needs no
locking, and the controller reads them all once every worker has finished.
"""

from __future__ import annotations

import json
from pathlib import Path

from session_steps.report.model import ScenarioRun

RUNS = "runs"


def journal_path(folder: Path, process: str) -> Path:
    return folder / RUNS / f"{process}.jsonl"


def append_run(folder: Path, process: str, run: ScenarioRun) -> None:
    """Add one finished run to this process's journal."""
    path = journal_path(folder, process)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as journal:
        journal.write(json.dumps(run.to_dict()) + "\n")


def read_runs(folder: Path) -> list[ScenarioRun]:
    """Every run journaled in ``folder``, in collection order; a rerun replaces an earlier try."""
    by_id: dict[str, ScenarioRun] = {}
    for path in sorted((folder / RUNS).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            run = ScenarioRun.from_dict(json.loads(line))
            by_id[run.nodeid] = run
    return sorted(by_id.values(), key=lambda run: (run.order, run.nodeid))

"""The runs of a test session as JSON lines: one file per process, merged by the controller.

Under pytest-xdist each worker observes its own scenarios; a file of its own needs no
locking, and the controller reads them all once every worker has finished.
"""

from __future__ import annotations

import json
from pathlib import Path

from session_steps.report.merging import merge_runs
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


def journaled_runs(folder: Path) -> list[ScenarioRun]:
    """Every line of every journal in ``folder``, as written: reruns included."""
    return [
        ScenarioRun.from_dict(json.loads(line))
        for path in sorted((folder / RUNS).glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def read_runs(folder: Path) -> list[ScenarioRun]:
    """Every result journaled in ``folder``, in collection order (``merging.merge_runs``'s rule)."""
    return merge_runs(journaled_runs(folder))


def write_runs(folder: Path, process: str, runs: list[ScenarioRun]) -> None:
    """A journal of ``runs`` in ``folder``, under the name ``process``, replacing any of that name."""
    path = journal_path(folder, process)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(run.to_dict()) + "\n" for run in runs), encoding="utf-8")

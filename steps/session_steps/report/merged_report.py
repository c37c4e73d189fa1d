"""One report from the journals of several runs: every page, cucumber.json, and the files they show.

The journals hold everything the pages show (the features' descriptions, the comments above
steps, each run's identity), so the runs may have been made on other machines, from other
checkouts: a CI job downloads each run's report folder and merges them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from session_steps.report.artifacts import SCREENSHOTS, TRACES
from session_steps.report.journal import RUNS, journaled_runs, write_runs
from session_steps.report.merging import merge_runs
from session_steps.report.model import ScenarioRun
from session_steps.report.render import PAGES, write_report

# The merged journal, in the output's own runs/ folder: a merged report can be merged again.
MERGED_JOURNAL = "merged"


class MergeError(Exception):
    """Folders that cannot be merged, said in one line."""


def copy_artifacts(run: ScenarioRun, source: Path, out: Path) -> None:
    """Copy the run's screenshot and trace from ``source`` into ``out``, where its pages link them."""
    for path in (run.screenshot, run.trace):
        if path is None:
            continue
        found = source / path
        if found.is_file():
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(found, out / path)
        elif path == run.screenshot:
            run.screenshot, run.screenshot_error = None, f"the screenshot {path} was not beside the journal in {source}"
        else:
            run.trace = None


def merge_reports(out: Path, sources: list[Path]) -> list[ScenarioRun]:
    """Write one report into ``out`` from the journals in ``sources``; the runs it shows.

    Screenshots and traces are copied into ``out``, which then stands alone. ``out`` may hold
    the source folders (``report/`` over ``report/django-5.2``), but may not be one of them.
    """
    given: list[tuple[Path, ScenarioRun]] = []
    for source in sources:
        if not (source / RUNS).is_dir():
            raise MergeError(f"{source} holds no journal ({RUNS}/*.jsonl): is it a --session-report folder?")
        if source.resolve() == out.resolve():
            raise MergeError(f"{out} is both the output and a journal folder: write the merged report elsewhere")
        given += [(source, run) for run in journaled_runs(source)]
    kept = merge_runs(run for _, run in given)
    source_of = {id(run): source for source, run in given}
    # Only what a report writes: the folder may hold other files, and the sources themselves.
    for name in (RUNS, SCREENSHOTS, TRACES, PAGES):
        shutil.rmtree(out / name, ignore_errors=True)
    for run in kept:
        copy_artifacts(run, source_of[id(run)], out)
    write_runs(out, MERGED_JOURNAL, kept)
    write_report(out, kept)
    return kept

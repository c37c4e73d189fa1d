"""Runs from several journals as one: which run of a test stands, and in what order they read."""

from __future__ import annotations

from collections.abc import Iterable

from session_steps.report.model import ScenarioRun


def run_key(run: ScenarioRun) -> tuple[str, tuple[str, ...], int]:
    """What makes a run one result: its test, its identity (versions, cell, browser) and its attempt."""
    return run.nodeid, run.identity.cell, run.identity.attempt


def reading_order(runs: Iterable[ScenarioRun]) -> dict[str, int]:
    """Each test's position: as the first collection had it, later collections' tests placed after
    the test that preceded them in their own collection.

    A run's ``order`` is a position in its own collection only: two sessions (two Django
    versions) may collect different sets of tests. The shards of one run collect the same
    tests, so they read as that run would (a journal that names no collection: as its session).
    """
    sessions: dict[str, list[ScenarioRun]] = {}
    for run in runs:
        sessions.setdefault(run.collection or run.test_session, []).append(run)
    ordered: list[str] = []
    placed: set[str] = set()
    for session_runs in sessions.values():
        after = -1
        collected = sorted(session_runs, key=lambda run: (run.order, run.nodeid))
        for nodeid in dict.fromkeys(run.nodeid for run in collected):
            if nodeid in placed:
                after = ordered.index(nodeid)
            else:
                after += 1
                ordered.insert(after, nodeid)
                placed.add(nodeid)
    return {nodeid: position for position, nodeid in enumerate(ordered)}


def merge_runs(runs: Iterable[ScenarioRun]) -> list[ScenarioRun]:
    """Every result once, in reading order.

    Runs of one test whose identities differ (another Django, Python, engine, server,
    database or browser) or whose attempts differ are all kept, side by side. A run with
    the same test, identity and attempt as another is a rerun: the one that finished later
    replaces the other; where both finished at once, the one given later does.
    """
    given = list(runs)
    kept: dict[tuple[str, tuple[str, ...], int], ScenarioRun] = {}
    for run in given:
        key = run_key(run)
        if key not in kept or run.finished >= kept[key].finished:
            kept[key] = run
    position = reading_order(given)
    return sorted(kept.values(), key=lambda run: (position[run.nodeid], run.identity.cell, run.identity.attempt))

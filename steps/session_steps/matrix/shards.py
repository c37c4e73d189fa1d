"""Shards of a run's matrix: whole cells dealt out by their measured seconds, each server started on one machine."""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from session_steps.errors import SpecSetupError

# What a test never measured counts as, where nothing at all was measured.
UNMEASURED_SECONDS = 1.0


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` (from 1) of ``count``."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """argparse type for ``--shard``: ``I/N``, with 1 <= I <= N."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"expected I/N, shard I of N (for example 2/4), not {text!r}")
    index, count = int(match[1]), int(match[2])
    if count < 1 or not 1 <= index <= count:
        raise argparse.ArgumentTypeError(f"{text!r}: shard I of N needs 1 <= I <= N (for example 2/4)")
    return Shard(index, count)


def read_durations(path: Path) -> dict[str, float]:
    """Seconds per test id, from a durations file as pytest-split's ``--store-durations`` writes it."""
    try:
        durations = json.loads(path.read_text())
    except FileNotFoundError:
        raise SpecSetupError(
            f"--shard-durations {path}: no such file; write it with pytest-split's"
            f" --store-durations --durations-path={path}, or leave the option out to deal cells by test count"
        ) from None
    except json.JSONDecodeError as error:
        raise SpecSetupError(
            f"--shard-durations {path}: not JSON ({error}); write it again with --store-durations"
        ) from None
    if not isinstance(durations, dict):
        raise SpecSetupError(f"--shard-durations {path}: expected an object of test ids and seconds")
    return {str(test): float(seconds) for test, seconds in durations.items()}


def cell_seconds(tests: Iterable[tuple[str, str]], durations: Mapping[str, float]) -> dict[str, float]:
    """Each cell's seconds: the sum of its tests' ``(test id, cell id)`` durations.

    A test the file does not know (new since it was written) counts as the mean of the
    tests it does know, as pytest-split counts it.
    """
    tests = list(tests)
    known = [durations[test] for test, _ in tests if test in durations]
    unknown = sum(known) / len(known) if known else UNMEASURED_SECONDS
    seconds: dict[str, float] = {}
    for test, cell in tests:
        seconds[cell] = seconds.get(cell, 0.0) + durations.get(test, unknown)
    return seconds


def deal_cells(seconds: Mapping[str, float], count: int) -> dict[str, int]:
    """The shard (from 1) of each cell, so that the longest shard is as short as whole cells allow.

    The longest cell first, each to the shard with the fewest seconds so far; then, while
    moving a cell of the longest shard to another (alone, or for a shorter cell of that
    shard) shortens it, the move that shortens it most. Ties go by the cell's id and the lower shard, so every
    machine that collects the same tests deals them alike.
    """
    loads = [0.0] * count
    dealt = {}
    for cell in sorted(seconds, key=lambda cell: (-seconds[cell], cell)):
        lightest = min(range(count), key=lambda shard: (loads[shard], shard))
        loads[lightest] += seconds[cell]
        dealt[cell] = lightest
    while (exchange := best_exchange(seconds, dealt, loads)) is not None:
        mine, theirs, shard = exchange
        moved = seconds[mine] - (seconds[theirs] if theirs else 0.0)
        loads[dealt[mine]] -= moved
        loads[shard] += moved
        if theirs:
            dealt[theirs] = dealt[mine]
        dealt[mine] = shard
    return {cell: shard + 1 for cell, shard in dealt.items()}


def best_exchange(
    seconds: Mapping[str, float], dealt: Mapping[str, int], loads: list[float]
) -> tuple[str, str | None, int] | None:
    """A cell of the longest shard to move to another shard, for one of that shard's cells or for none.

    The exchange that leaves the two shards shortest, if it leaves both shorter than the longest was.
    """
    longest = max(range(len(loads)), key=lambda shard: (loads[shard], -shard))
    best, best_peak = None, loads[longest]
    for mine in sorted(cell for cell, shard in dealt.items() if shard == longest):
        for shard in (shard for shard in range(len(loads)) if shard != longest):
            theirs = sorted(cell for cell, dealt_to in dealt.items() if dealt_to == shard)
            for other in [None, *theirs]:
                moved = seconds[mine] - (seconds[other] if other else 0.0)
                peak = max(loads[longest] - moved, loads[shard] + moved)
                if moved > 0 and peak < best_peak - 1e-9:
                    best, best_peak = (mine, other, shard), peak
    return best

"""Running a command while sampling the memory of its whole process tree (Linux /proc)."""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
# Often enough to catch the peak of a run of seconds, rarely enough not to slow it.
SAMPLE_INTERVAL_S = 0.1


@dataclass(frozen=True)
class Finished:
    """A finished command: exit code, wall time, CPU time and peak memory of its tree, output."""

    returncode: int
    wall_s: float
    cpu_s: float
    peak_mib: float
    output: str
    machine_busy_s: float  # CPU seconds all cores spent busy meanwhile, whoever's


def machine_busy_s() -> float:
    """CPU seconds the machine's cores have spent busy since boot (/proc/stat, idle and iowait left out).

    Chromium's renderers are forked by its zygote and escape the accounting of waited-for
    children; on a quiet machine, the whole machine's busy time is the run's true CPU use.
    """
    fields = [int(value) for value in (PROC / "stat").read_text().split("\n", 1)[0].split()[1:]]
    busy = sum(fields) - fields[3] - fields[4]  # all but idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """The process's children, from each of its threads' ``children`` file (Linux 3.5+)."""
    found: list[int] = []
    try:
        for task in (PROC / str(pid) / "task").iterdir():
            found.extend(int(child) for child in (task / "children").read_text().split())
    except OSError:
        pass  # the process has just exited
    return found


def descendants(root: int) -> list[int]:
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children(pid))
    return found


def pss_kib(pid: int) -> int:
    """Proportional set size: shared pages (Chromium's, above all) are counted once overall."""
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_mib(root: int) -> float:
    return sum(pss_kib(pid) for pid in descendants(root)) / 1024


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Finished:
    """Run ``command`` to the end, sampling its process tree's memory meanwhile.

    CPU time does not grow when other work on the machine slows the run down, so it
    backs the wall times on a noisy machine.
    """
    started = time.perf_counter()
    busy_before = machine_busy_s()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(
        command, env=env or dict(os.environ), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(SAMPLE_INTERVAL_S):
            peak = max(peak, tree_pss_mib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    # Every process of the tree that its parent waited for (the server, the browser's).
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    busy = machine_busy_s() - busy_before
    return Finished(process.returncode, wall, cpu, peak, output.decode(errors="replace"), busy)

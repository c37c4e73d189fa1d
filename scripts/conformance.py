"""The packaged spec on third-party session backends, each behind both servers, compared with what is recorded.

Each backend is the bundled site with that backend configured (conformance/sites), run by
``pytest --pyargs session_steps`` in a process of its own, with a redis-server of the run's
where the backend keeps sessions in Redis. The run prints one table, backend by server, and
every failure's scenario with the first line of its assertion. A failure recorded in
conformance/expectations.toml (a deviation confirmed in the backend's source) is expected;
the run exits 1 when a backend's behaviour changed: a new failure, or an expected one passing.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from session_steps.server import processes
from session_steps.server.redis_server import RedisServer

PROJECT = Path(__file__).resolve().parents[1]
SITES = PROJECT / "conformance" / "sites"
EXPECTATIONS = PROJECT / "conformance" / "expectations.toml"
SERVERS = ("wsgi", "asgi")
# One whole spec run on one cell takes about a minute; far more means it hangs.
RUN_TIMEOUT_S = 1200
INTERRUPTED = 130


@dataclass(frozen=True)
class Backend:
    """A third-party session backend, as the bundled site's settings module ``settings`` configures it."""

    name: str
    distribution: str  # its name on PyPI, for the installed version
    settings: str
    needs_redis: bool = False

    @property
    def version(self) -> str:
        return importlib.metadata.version(self.distribution)


BACKENDS = {
    backend.name: backend
    for backend in (
        Backend("django-redis-cache", "django-redis", "conformance_django_redis_cache", needs_redis=True),
        Backend("django-redis-cached_db", "django-redis", "conformance_django_redis_cached_db", needs_redis=True),
        Backend("django-qsessions", "django-qsessions", "conformance_qsessions"),
        Backend("django-user-sessions", "django-user-sessions", "conformance_user_sessions"),
        Backend("django-redis-sessions", "django-redis-sessions", "conformance_redis_sessions", needs_redis=True),
    )
}


@dataclass(frozen=True)
class Failure:
    scenario: str  # the test's name without its cell: test_name, or test_name[example]
    message: str  # the first line of the assertion


@dataclass
class Outcome:
    """What the spec did on one backend behind one server."""

    backend: Backend
    server: str
    passed: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    broken: str | None = None  # why the run gave no results at all


@dataclass(frozen=True)
class Expectation:
    """A recorded deviation: the scenario fails on this backend, version and server, for this reason."""

    backend: str
    version: str
    scenario: str
    servers: tuple[str, ...]
    reason: str
    source: str  # the backend's file:line that causes it


# A test's cell in its parametrization: [db-wsgi], [cache-locmem-asgi-red], an engine of a
# project's own by its dotted path ([user_sessions.backends.db-wsgi]), or the skipped [other-engines].
CELL = re.compile(r"\[(?:[a-z_][a-z0-9_.]*(?:-[a-z]+)*?-(?:wsgi|asgi)|other-engines)(?:-|(?=\]))")


def scenario_name(test_name: str) -> str:
    """The test's name without its cell: "test_a[db-wsgi-red]" is "test_a[red]", "test_a[db-wsgi]" is "test_a"."""
    return CELL.sub("[", test_name, count=1).replace("[]", "")


def read_junit(outcome: Outcome, report: Path) -> Outcome:
    """``outcome`` filled from a JUnit XML report of its run."""
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        problem = next((case.find(tag) for tag in ("failure", "error") if case.find(tag) is not None), None)
        if problem is not None:
            text = problem.attrib.get("message") or problem.text or ""
            first = next((line.strip() for line in text.splitlines() if line.strip()), "")
            outcome.failures.append(Failure(scenario_name(case.attrib["name"]), first))
        elif case.find("skipped") is not None:
            outcome.skipped += 1
        else:
            outcome.passed += 1
    return outcome


def load_expectations(path: Path = EXPECTATIONS) -> list[Expectation]:
    with path.open("rb") as file:
        data = tomllib.load(file)
    return [
        Expectation(
            item["backend"], item["version"], item["scenario"], tuple(item["servers"]), item["reason"], item["source"]
        )
        for item in data.get("deviation", [])
    ]


@dataclass(frozen=True)
class Verdict:
    """How one backend behind one server compares with what is recorded."""

    new_failures: list[Failure]
    expected: list[tuple[Failure, Expectation]]
    now_passing: list[Expectation]

    @property
    def changed(self) -> bool:
        return bool(self.new_failures or self.now_passing)


def compare(outcome: Outcome, expectations: Iterable[Expectation]) -> Verdict:
    """The run's failures beside the recorded ones for its backend, version and server."""
    recorded = {
        expectation.scenario: expectation
        for expectation in expectations
        if expectation.backend == outcome.backend.name
        and expectation.version == outcome.backend.version
        and outcome.server in expectation.servers
    }
    failed = {failure.scenario for failure in outcome.failures}
    return Verdict(
        new_failures=[failure for failure in outcome.failures if failure.scenario not in recorded],
        expected=[
            (failure, recorded[failure.scenario]) for failure in outcome.failures if failure.scenario in recorded
        ],
        now_passing=[expectation for scenario, expectation in recorded.items() if scenario not in failed],
    )


def spec_command(backend: Backend, server: str, folder: Path, workers: int, extra: Iterable[str] = ()) -> list[str]:
    """The pytest command that runs the packaged spec on ``backend`` behind ``server``."""
    command = [sys.executable, "-m", "pytest", "--pyargs", "session_steps"]
    command += [f"--site-settings={backend.settings}", f"--site-path={SITES}", f"--server={server}"]
    command += [f"--junitxml={folder / 'junit.xml'}", f"--output={folder / 'artifacts'}"]
    # A backend's expected failures are told once each, not retried.
    command += ["--tracing=off", "--screenshot=off", "--reruns=0", "-p", "no:cacheprovider", "-q"]
    if workers > 1:
        command += ["-n", str(workers)]
    return [*command, *extra]


@contextmanager
def redis_for(backend: Backend, folder: Path) -> Iterator[str]:
    """A redis-server of the run's own for a backend that keeps sessions in Redis: its URL ("" for others)."""
    if not backend.needs_redis:
        yield ""
        return
    server = RedisServer(folder / "redis-data")
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def run_one(backend: Backend, server: str, folder: Path, workers: int, extra: Iterable[str] = ()) -> Outcome:
    """Run the packaged spec on one backend behind one server; what it did."""
    folder.mkdir(parents=True, exist_ok=True)
    outcome = Outcome(backend, server)
    log_path = folder / "pytest.log"
    with redis_for(backend, folder) as redis_url, log_path.open("wb") as log:
        environment = {**os.environ, "CONFORMANCE_SERVER": server, "CONFORMANCE_REDIS_URL": redis_url}
        # In a process group of its own that ends with this one, however this one ends.
        process = processes.start(spec_command(backend, server, folder, workers, extra), log, env=environment)
        try:
            code = process.wait(timeout=RUN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            processes.stop(process)
    # pytest exits 0 when every test passed and 1 when some failed; anything else is no verdict.
    if code not in (0, 1):
        outcome.broken = (
            f"pytest ended with {'a timeout' if code is None else f'exit code {code}'}: {last_line(log_path)}"
        )
        return outcome
    return read_junit(outcome, folder / "junit.xml")


def last_line(path: Path) -> str:
    lines = [line for line in path.read_text(errors="replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else f"see {path}"


def table(outcomes: list[Outcome]) -> str:
    """The one table: backend by server, with the counts of each."""
    header = ("backend", "version", "server", "passed", "failed", "skipped")
    rows = [header] + [
        (o.backend.name, o.backend.version, o.server, str(o.passed), str(len(o.failures)), str(o.skipped))
        if o.broken is None
        else (o.backend.name, o.backend.version, o.server, "-", "-", f"- ({o.broken})")
        for o in outcomes
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header) - 1)]
    lines = [
        " | ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]) for row in rows
    ]
    lines.insert(1, "-+-".join(["-" * width for width in widths] + ["-" * len(header[-1])]))
    return "\n".join(line.rstrip() for line in lines)


def failure_lines(outcome: Outcome, verdict: Verdict) -> list[str]:
    """Each failure of one backend behind one server, expected or new, and each expected failure that passed."""
    where = f"{outcome.backend.name} {outcome.server}"
    lines = [f"NEW      {where}: {failure.scenario}: {failure.message}" for failure in verdict.new_failures]
    lines += [
        f"expected {where}: {failure.scenario}: {failure.message} ({expectation.source})"
        for failure, expectation in verdict.expected
    ]
    lines += [
        f"PASSES   {where}: {expectation.scenario}, recorded as failing ({expectation.source}): remove it from"
        " conformance/expectations.toml if the backend changed"
        for expectation in verdict.now_passing
    ]
    return lines


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--backend", action="append", choices=list(BACKENDS), help="only this backend (repeatable)")
    parser.add_argument("--server", action="append", choices=SERVERS, help="only this server (repeatable)")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers of each run (default: 2)")
    parser.add_argument(
        "--folder", type=Path, default=PROJECT / "conformance-results", help="where each run keeps its report and log"
    )
    parser.add_argument("pytest_args", nargs="*", help="more arguments for each run's pytest, after --")
    return parser.parse_args()


def missing_backends(backends: Iterable[Backend]) -> list[str]:
    """The backends' distributions this Python lacks."""
    missing = []
    for backend in backends:
        try:
            importlib.metadata.version(backend.distribution)
        except importlib.metadata.PackageNotFoundError:
            missing.append(backend.distribution)
    return sorted(set(missing))


def main() -> int:
    args = parse_arguments()
    backends = [BACKENDS[name] for name in args.backend or BACKENDS]
    servers = args.server or list(SERVERS)
    missing = missing_backends(backends)
    if missing:
        print(f"not installed here: {', '.join(missing)}: run `make conformance`, which installs them", file=sys.stderr)
        return 2
    expectations = load_expectations()
    started = time.monotonic()
    outcomes: list[Outcome] = []
    undo = processes.interrupt_on_sigterm()
    try:
        for backend in backends:
            for server in servers:
                print(f"running the spec on {backend.name} {backend.version} behind {server} ...", flush=True)
                folder = args.folder / f"{backend.name}-{server}"
                outcomes.append(run_one(backend, server, folder, args.workers, args.pytest_args))
    except KeyboardInterrupt:
        print("interrupted: every run it started has ended", file=sys.stderr)
        return INTERRUPTED
    finally:
        undo()
    verdicts = [compare(outcome, expectations) for outcome in outcomes]
    print()
    print(table(outcomes))
    print()
    for outcome, verdict in zip(outcomes, verdicts, strict=True):
        for line in failure_lines(outcome, verdict):
            print(line)
    changed = [o for o, v in zip(outcomes, verdicts, strict=True) if v.changed or o.broken]
    print(f"\n{len(outcomes)} runs in {(time.monotonic() - started) / 60:.1f} min; ", end="")
    if changed:
        names = ", ".join(f"{o.backend.name} {o.server}" for o in changed)
        print(f"behaviour differs from conformance/expectations.toml on: {names}")
        return 1
    print("every backend behaves as conformance/expectations.toml records")
    return 0


if __name__ == "__main__":
    sys.exit(main())

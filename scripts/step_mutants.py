"""Mutation testing of the step library, judged by the spec's verdicts on good and broken sites.

Each mutant changes one thing in a step definition of ``session_steps/steps`` or in what
the steps assert through: the visitors' record of what the browser saw
(``browser/visitors.py``), the reading of the server's store (the store readers of
``server/store_readers.py`` and what they read with, ``server/django_store.py``), the
signed cookie's payload (``browser/signed_cookie.py``), and the step phrases' regexes and
literals (``steps/phrases.py``).
The steps run in the pytest process, so the mutant is written to a copy of the
``session_steps`` package that goes first on that process's import path (``PYTHONPATH``,
ahead of the editable install's finder).

A mutant is killed when the spec gives any scenario another verdict than the unmutated
steps give it (passed, failed or skipped): first on the bundled site (every engine, and
the settings that the @needs_site_settings scenarios ask for), then, for a mutant that
survives those, on the near-miss sites of ``tests/broken_site``, where the right steps
fail exactly the scenarios that catch each break. Only the scenarios the mutated unit
reaches run. Mutants listed as equivalent in docs/mutants.md, with their reason, are
left out of the score.

Usage: python scripts/step_mutants.py [--jobs N] [--only browser/visitors.py] [--match PATTERN] [--list]
"""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from covering_tests import covering
from killers import Killers
from mutation import (
    PROJECT,
    Mutant,
    assertion_mutations,
    chosen,
    exit_code,
    interruptible_map,
    mutated_sources,
    parse_arguments,
    run,
    run_spec_process,
)
from package_copies import PackageCopies
from step_units import Reach, Scenario, Unit, scenarios_of, unit_at, units_of

sys.path.insert(0, str(PROJECT / "tests"))
from spec_runner import CELL_ID, TESTS, outcomes, scenarios_named
from test_spec_can_fail import FAILS_ON_NEAR_MISS_ENGINES, STORES_NOTHING, STORING_SITE
from third_party import serving_project, write_shop_package

PACKAGE = PROJECT / "steps" / "session_steps"
EXAMPLE = PROJECT / "examples" / "shop"
SCRIPTS = PROJECT / "scripts"
# The deployment judges run against: a project of its own that mounts the spec's pages under
# /session-spec/, its sessions in a local-memory cache, its store probe on with this secret.
DEPLOYMENT_SETTINGS = """\
from shop.settings import *  # noqa: F403

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_SPEC_PROBE_SECRET = "judge-secret"
"""
PROBE_SECRET = "judge-secret"
# The session cookie's name in the shop's settings.
DEPLOYED_COOKIE_NAME = "basket"
# Two overlapping requests share the deployment's one gate: two judges at once would mix them up.
NOT_OVERLAPPING = "not (slower_request_saves or two_requests_make_two_sessions)"
# The deployment's base URL, once served (main() serves it for the whole run).
DEPLOYED: list[str] = []
FEATURES = PROJECT / "features"
# Each module mutated, and its units that are mutated (None: all of them). Of server/store_readers.py only
# the stores' reading and clearing: its Django thread is the harness, which every test runs.
TARGETS: dict[str, tuple[str, ...] | None] = {
    "steps/navigation.py": None,
    "steps/forms.py": None,
    "steps/page.py": None,
    "steps/cookies.py": None,
    "steps/store.py": None,
    "steps/engines.py": None,
    "steps/site_settings.py": None,
    "steps/expiry.py": None,
    "steps/phrases.py": None,
    "steps/bookkeeping.py": None,
    "steps/store_checks.py": None,
    "browser/visitors.py": None,
    "browser/signed_cookie.py": None,
    "server/store_readers.py": ("InProcessStore", "ProbeStore"),
    # What both stores read with, in this process and in the server's probe.
    "server/django_store.py": (
        "engine",
        "load",
        "exists",
        "cache_holds",
        "clear_cache",
        "session_files",
        "count",
        "count_cache_keys",
    ),
}
# A test that runs longer fails (pytest-timeout): a mutant that hangs a step is killed by that
# test's verdict, which names it. The slowest scenario takes seconds; the slowest broken one,
# an action or two waiting for the navigation timeout below.
TEST_TIMEOUT_S = 60
# A spec run is ended only when it outlives every test's timeout and its own start: a
# backstop, never a verdict. Its tests' length depends on how many and on the machine's
# load, so a fixed limit would end a long, unmutated-looking run and call the mutant killed.
SPEC_START_S = 120
# The tests that killed each unit's mutants in the last whole run (scripts/killers.py).
KILLERS_FILE = PROJECT / "tests" / "data" / "step-mutant-killers.json"
NAVIGATION_TIMEOUT_MS = 5000
DEFAULT_CELL = "db-wsgi"


@dataclass(frozen=True)
class Site:
    """A site the spec runs against, by the options that choose it.

    ``untagged_on_default_cell`` runs a scenario without an @engine tag on the default
    cell only, though the options ask for every engine (which the tagged ones need).
    """

    name: str
    options: tuple[str, ...]
    broken: bool = False
    untagged_on_default_cell: bool = False
    # Where its pytest runs, and the test modules (a file or folder) it runs there: the
    # spec's, or those of the example project, whose features use the app steps.
    project: Path = PROJECT
    tests: str = "tests/test_features.py"
    # Run against the deployment this script serves (``--base-url``), not a site the plugin serves.
    deployed: bool = False


BROKEN_SITE_PATH = f"--site-path={TESTS}"
SETTINGS_SCENARIOS = ("-m", "needs_site_settings")
# A near-miss engine of tests/broken_site is the site's own: every scenario runs on it.
ON_EVERY_SCENARIO = (BROKEN_SITE_PATH, "--expect-timeout=500", "--ignore-engine-tags")
# The scenarios with a line that says a request stored nothing.
STORES_NOTHING_SELECTION = scenarios_named(STORES_NOTHING)
SITES = (
    Site("bundled site", ("--session-engine=all", "--expect-timeout=1000"), untagged_on_default_cell=True),
    Site(
        "bundled site, short sessions",
        ("--site-settings=session_site.short_age_settings", "--session-engine=all", *SETTINGS_SCENARIOS),
        untagged_on_default_cell=True,
    ),
    Site("bundled site, secure cookie", ("--site-settings=session_site.secure_cookie_settings", *SETTINGS_SCENARIOS)),
    Site(
        "bundled site, secure cookie over HTTPS",
        ("--site-settings=session_site.secure_cookie_settings", "--site-https", *SETTINGS_SCENARIOS),
    ),
    # The near misses of tests/test_spec_can_fail.py and tests/test_settings_scenarios.py.
    Site("broken views", ("--site-settings=broken_site.settings", BROKEN_SITE_PATH, "--expect-timeout=500"), True),
    Site(
        "changed cookie settings",
        ("--site-settings=broken_site.cookie_settings", BROKEN_SITE_PATH, "--expect-timeout=500"),
        True,
    ),
    Site(
        "lasting sessions",
        ("--site-settings=broken_site.lasting_settings", BROKEN_SITE_PATH, *SETTINGS_SCENARIOS),
        True,
    ),
    Site(
        "views whose page, response or cookie disagree with the store",
        ("--site-settings=broken_site.response_settings", BROKEN_SITE_PATH, "--expect-timeout=500"),
        True,
    ),
    # Judged on every scenario, not only those it fails: its engine, not a page, is the near
    # miss, so a scenario it passes may pass for another reason than on the bundled site
    # (a damaged key that still looks like one Django issues).
    Site(
        "an engine that refuses a malformed key",
        ("--site-settings=broken_site.strict_settings", BROKEN_SITE_PATH, "--expect-timeout=500"),
    ),
    Site(
        "a cache that keeps nothing",
        ("--site-settings=broken_site.dummy_cache_settings", BROKEN_SITE_PATH, "--expect-timeout=500"),
        True,
    ),
    Site(
        "a local-memory cache that keeps nothing, read in the server",
        ("--site-settings=broken_site.forgetful_cache_settings", BROKEN_SITE_PATH, "--expect-timeout=500"),
        True,
    ),
    # A Secure cookie where the spec expects none: a near miss of the plain one's scenario.
    Site("secure cookie, unasked", ("--site-settings=session_site.secure_cookie_settings",), True),
    Site(
        "replayable sessions",
        ("--site-settings=broken_site.replayable_settings", BROKEN_SITE_PATH, *SETTINGS_SCENARIOS),
        True,
    ),
    Site(
        "cookie stripped of Secure",
        ("--site-settings=broken_site.insecure_cookie_settings", BROKEN_SITE_PATH, *SETTINGS_SCENARIOS),
        True,
    ),
    Site(
        "cookie stripped of Secure, over HTTPS",
        ("--site-settings=broken_site.insecure_cookie_settings", "--site-https", BROKEN_SITE_PATH, *SETTINGS_SCENARIOS),
        True,
    ),
    # With signed cookies the broken page that should only read stores a session in the
    # browser: the count of new sessions reads the cookies there.
    Site(
        "broken views, signed cookies",
        (
            "--site-settings=broken_site.settings",
            BROKEN_SITE_PATH,
            "--expect-timeout=500",
            "--session-engine=signed_cookies",
            "-k",
            "test_a_first_visit_to_a_page_that_only_reads_stores_nothing",
        ),
        True,
    ),
    # Near-miss engines: the site's own engine runs every scenario, those of other engines too.
    Site(
        "an engine that stores a session it only read",
        ("--site-settings=broken_site.eager_settings", *ON_EVERY_SCENARIO),
        True,
    ),
    Site(
        "an engine that adopts the key a browser sends",
        ("--site-settings=broken_site.adopting_settings", *ON_EVERY_SCENARIO),
        True,
    ),
    # Near-miss engines that only a few scenarios read closely enough to tell apart.
    *(
        Site(
            f"the near-miss engine of {settings}",
            (f"--site-settings={settings}", *ON_EVERY_SCENARIO, "-k", scenarios_named(fails)),
            True,
        )
        for settings, fails in sorted(FAILS_ON_NEAR_MISS_ENGINES.items())
    ),
    # The count of new sessions reads the browsers' cookies with signed cookies: the bundled
    # site's "stores nothing" lines pass there too, through that branch of the count.
    Site(
        "bundled site, signed cookies",
        ("--session-engine=signed_cookies", "--expect-timeout=1000", "-k", STORES_NOTHING_SELECTION),
    ),
    # The bundled site's "stores nothing" lines count files and cache keys too: the near
    # misses that store what Django would not fail there, so only this site shows that each
    # branch of the count counts.
    Site(
        "bundled site, on files and in caches",
        (
            "--session-engine=file",
            "--session-engine=cache-locmem",
            "--session-engine=cache-redis",
            "--expect-timeout=1000",
            "-k",
            STORES_NOTHING_SELECTION,
        ),
    ),
    # An engine of its own kind, whose sessions the spec reads but cannot count: its
    # "stores nothing" lines are not checked, and say so, rather than failing or passing.
    Site(
        "an engine the spec cannot count",
        (
            "--site-settings=broken_site.opaque_settings",
            BROKEN_SITE_PATH,
            "--expect-timeout=1000",
            "-k",
            STORES_NOTHING_SELECTION,
        ),
    ),
    # A cache the spec cannot list the keys of: its "stores nothing" lines are not checked, and say so.
    Site(
        "a cache the spec cannot list",
        (
            "--site-settings=broken_site.file_cache_settings",
            BROKEN_SITE_PATH,
            "--expect-timeout=1000",
            "-k",
            STORES_NOTHING_SELECTION,
        ),
    ),
    # Sessions in a local-memory cache the site's own settings name: read in the server.
    Site(
        "a local-memory cache of the site's own settings",
        ("--site-settings=broken_site.locmem_cache_settings", BROKEN_SITE_PATH, "--expect-timeout=1000"),
    ),
    # A hidden notice on every page: only here does the DOM's text differ from what a person
    # sees, so only here do the page steps show that they read the latter.
    Site(
        "a hidden notice on every page",
        ("--site-settings=broken_site.hidden_notice_settings", BROKEN_SITE_PATH, "--expect-timeout=1000"),
    ),
    # A middleware that keeps keys of its own in every session, declared in the site's
    # settings: only here are the data compared without keys the site declares.
    Site(
        "bookkeeping keys the site declares",
        (
            "--site-settings=broken_site.tracking_settings",
            BROKEN_SITE_PATH,
            "--expect-timeout=1000",
            "--session-engine=db",
            "--session-engine=signed_cookies",
        ),
    ),
    Site(
        "a site that stores what Django would not, in its own local-memory cache",
        (
            "--site-settings=broken_site.storing_locmem_cache_settings",
            BROKEN_SITE_PATH,
            "--expect-timeout=500",
            "-k",
            STORES_NOTHING_SELECTION,
        ),
        True,
    ),
    # Every "stores nothing" line, on each kind of server-side store.
    Site("a site that stores what Django would not", STORING_SITE, True),
    Site(
        "a site that stores what Django would not, on files and in caches",
        (
            *STORING_SITE,
            "--session-engine=file",
            "--session-engine=cache-locmem",
            "--session-engine=cache-redis",
            "-k",
            STORES_NOTHING_SELECTION,
        ),
        True,
    ),
    # A deployment, as a project runs the packaged spec against it: its pages under a
    # prefix (paths in pages and sessions are expected under it), its store read through
    # the probe it consents to, or not read at all; its cache never cleared from outside.
    Site(
        "a deployment under a prefix, read through its probe",
        (
            f"--probe-secret={PROBE_SECRET}",
            "--session-engine=cache-locmem",
            "--expect-timeout=1000",
            "-k",
            NOT_OVERLAPPING,
        ),
        deployed=True,
    ),
    Site(
        "a deployment under a prefix, its store unread",
        # Unread, the deployment does not tell its cookie's name: the project says it.
        (
            "--session-engine=cache-locmem",
            f"--session-cookie-name={DEPLOYED_COOKIE_NAME}",
            "--expect-timeout=1000",
            "-k",
            NOT_OVERLAPPING,
        ),
        deployed=True,
    ),
    # The example project: its features use the steps an ordinary app needs (forms,
    # redirects, the session's keys), which the spec's own features do not. Its broken
    # variant fails the scenarios of each mistake it makes.
    Site(
        "the example shop", (f"--site-path={EXAMPLE}", "--site-settings=shop.settings"), project=EXAMPLE, tests="tests"
    ),
    Site(
        "the example shop, broken",
        (f"--site-path={EXAMPLE}", "--site-settings=shop.broken_settings", "--expect-timeout=500"),
        True,
        project=EXAMPLE,
        tests="tests",
    ),
    # Its near misses: slips in where a page is, how the visitor got there and what a person
    # sees, each failing a scenario at the one step that reads it.
    Site(
        "the example shop, near misses",
        (f"--site-path={EXAMPLE}", "--site-settings=shop.near_miss_settings", "--expect-timeout=500"),
        True,
        project=EXAMPLE,
        tests="tests",
    ),
)

# The verdicts of one run: each test (a scenario on a cell) and "passed", "passed, not checked", "failed" or "skipped".
Verdicts = dict[str, str]


def dotted(module: str) -> str:
    return "session_steps." + module.removesuffix(".py").replace("/", ".")


@cache
def module_units(module: str) -> list[Unit]:
    return units_of((PACKAGE / module).read_text(), dotted(module))


def is_target(unit: Unit | None, module: str) -> bool:
    wanted = TARGETS[module]
    return wanted is None or (unit is not None and unit.label.split(".")[0] in wanted)


def mutants_of(module: str) -> list[Mutant]:
    """The mutants of one module, each named by its unit and its change (not its line)."""
    units = module_units(module)
    found: list[Mutant] = []
    seen: dict[str, int] = {}
    for line, change, source in mutated_sources(
        (PACKAGE / module).read_text(), assertion_mutations, skip_messages=True
    ):
        unit = unit_at(units, line)
        if not is_target(unit, module):
            continue
        mutant = Mutant(module, line, change, source, unit.label if unit else "module", keyed_by_function=True)
        # The same change twice in one unit: the second is named by its order.
        seen[mutant.id] = seen.get(mutant.id, 0) + 1
        if seen[mutant.id] > 1:
            mutant = Mutant(module, line, f"{change} ({seen[mutant.id]})", source, mutant.function, True)
        found.append(mutant)
    return found


def reach() -> Reach:
    """Which scenarios each unit reaches, over every step module and every target: the spec's and the example's."""
    modules = sorted({*TARGETS, *(f"steps/{path.name}" for path in (PACKAGE / "steps").glob("[!_]*.py"))})
    scenarios = scenarios_of(FEATURES) + scenarios_of(EXAMPLE / "features")
    return Reach([unit for module in modules for unit in module_units(module)], scenarios)


def scenarios_for(mutant: Mutant, reached: Reach) -> list[Scenario]:
    units = module_units(mutant.module)
    return reached.reached_by(unit_at(units, mutant.line))


def test_name(test_id: str) -> str:
    """The scenario's test name of one test id: ``test_x[db-wsgi-...]`` -> ``test_x``."""
    return test_id.split("[", 1)[0]


def cell(test_id: str) -> str | None:
    match = CELL_ID.search(test_id)
    return match.group("cell") if match else None


def differs(baseline: Verdicts, verdicts: Verdicts | None, tests: list[str]) -> bool:
    """Whether any of ``tests`` has another verdict than the unmutated steps gave it.

    ``None`` is a run that reported nothing (the plugin failed to load): every test differs.
    A test the run did not report at all (collection failed) differs too.
    """
    if verdicts is None:
        return True
    return any(verdicts.get(test) != baseline[test] for test in tests)


def changed(baseline: Verdicts, verdicts: Verdicts | None, tests: list[str]) -> list[str]:
    """The tests a run reported with another verdict than the unmutated steps gave them."""
    return [test for test in tests if verdicts and test in verdicts and verdicts[test] != baseline[test]]


# A pass with a step that could not look is another verdict than a pass that looked.
NOT_CHECKED = ", not checked"


def verdict_of(outcome: str) -> str:
    return "failed" if outcome == "error" else outcome


def run_spec(
    site: Site, tests: list[str], package: Path, folder: Path, expected: Verdicts | None, measure: Path | None = None
) -> Verdicts | None:
    """Run ``tests`` against ``site`` with the ``session_steps`` copy at ``package`` first on the path.

    With ``expected`` verdicts, the run stops at the first test whose verdict differs: one
    is enough to kill. With ``measure``, the lines each test runs are written to that
    coverage data file (``scripts/covering_tests.py``).
    """
    report = folder / "junit.xml"
    report.unlink(missing_ok=True)
    unchecked = folder / "not-checked.txt"
    unchecked.unlink(missing_ok=True)
    expected_file = folder / "expected-verdicts.json"
    expected_file.write_text(json.dumps(expected or {}))
    command = [
        sys.executable,
        "-m",
        "pytest",
        *(f"{MODULE_OF[site.name, test]}::{test}" for test in tests),
        *options_of(site),
        f"--junitxml={report}",
        "-q",
        "-p",
        "no:cacheprovider",
        "--tracing=off",
        "--screenshot=off",
        # A mutant that breaks a locator or a page waits for an action or navigation until
        # this ends: Playwright's 30 s was half the time of the first hundred verdicts. The
        # sites answer in well under it.
        f"--navigation-timeout={NAVIGATION_TIMEOUT_MS}",
        f"--timeout={TEST_TIMEOUT_S}",
        # A failure is a verdict (the baseline's or a mutant's): tried again, it would only cost twice.
        "--reruns=0",
        f"--output={folder}/output",
        f"--basetemp={folder}/tmp",
        "-p",
        "not_checked_list",
        "-p",
        "first_difference",
        "-p",
        "covering_tests",
    ]
    import_path = [str(package), str(SCRIPTS), os.environ.get("PYTHONPATH", "")]
    environment = {
        **COPIES[0].environment(os.environ),
        "PYTHONPATH": os.pathsep.join(import_path),
        "SESSION_SPEC_NOT_CHECKED": str(unchecked),
        "SESSION_SPEC_EXPECTED_VERDICTS": str(expected_file),
    }
    if measure is not None:
        measure.unlink(missing_ok=True)
        environment["SESSION_SPEC_COVERAGE"] = str(measure)
        environment["SESSION_SPEC_COVERAGE_SOURCE"] = str(package / PACKAGE.name)
    with in_turn(site):
        finished = run_spec_process(command, environment, spec_deadline(tests), cwd=site.project)
    if finished is None:
        raise SpecRunTimedOut(f"{len(tests)} tests, {site.name}: ran past {spec_deadline(tests):.0f} s")
    if not report.exists():
        return None
    not_checked = not_checked_names(unchecked)
    return {
        name: verdict_of(outcome) + (NOT_CHECKED if name in not_checked and outcome == "passed" else "")
        for name, outcome in outcomes(report).items()
    }


# The judges' one deployment serves one spec run at a time: its store is shared, and a step
# that counts the sessions it holds would count those another job's run made meanwhile.
DEPLOYMENT_IN_USE = threading.Lock()


def in_turn(site: Site) -> AbstractContextManager[object]:
    """What a spec run against ``site`` holds while it runs: the deployment, if the site is one."""
    return DEPLOYMENT_IN_USE if site.deployed else nullcontext()


def not_checked_names(listed: Path) -> set[str]:
    """The tests ``scripts/not_checked_list.py`` wrote to ``listed``, one a line: an outline's may hold spaces."""
    return set(listed.read_text().splitlines()) if listed.exists() else set()


class SpecRunTimedOut(Exception):
    """A spec run outlived its deadline: it gave no verdict, neither the mutant's nor the steps'."""


def spec_deadline(tests: list[str]) -> float:
    """Seconds a spec run of ``tests`` may take before it is ended: every test to its timeout."""
    return SPEC_START_S + TEST_TIMEOUT_S * len(tests)


# The copies of session_steps the spec runs import, kept for the whole run (set by main).
COPIES: list[PackageCopies] = []


@contextmanager
def package_copy(replaced: dict[str, str] | None = None) -> Iterator[tuple[Path, Path]]:
    """A copy of ``session_steps`` with each module of ``replaced`` given its new source: (import path, work folder)."""
    with COPIES[0].copy(replaced) as found:
        yield found


def options_of(site: Site) -> tuple[str, ...]:
    """The options that run the spec against ``site``: a deployment's base URL too."""
    return (*site.options, f"--base-url={DEPLOYED[0]}/session-spec/") if site.deployed else site.options


@contextmanager
def deployment() -> Iterator[None]:
    """Serve the judges' deployment (one gunicorn, as a project deploys) for the whole run."""
    with tempfile.TemporaryDirectory(prefix="step-mutants-deployment-") as folder:
        project = Path(folder)
        write_shop_package(project)
        (project / "shop" / "deployed_settings.py").write_text(DEPLOYMENT_SETTINGS)
        with serving_project(project, "shop.deployed_settings", project / "run") as url:
            DEPLOYED[:] = [url]
            yield


# The test module of each test a site collected, by the site's name and the test's: how to run it alone.
MODULE_OF: dict[tuple[str, str], str] = {}


def collected(site: Site, scenarios: list[Scenario]) -> list[str]:
    """The tests of ``site`` for these scenarios, as pytest collects them."""
    command = [sys.executable, "-m", "pytest", site.tests, *options_of(site), "--collect-only", "-q"]
    lines = subprocess.run(command, cwd=site.project, capture_output=True, text=True, check=True).stdout.splitlines()
    tagged = {scenario.test_name for scenario in scenarios if scenario.engine_tagged}
    tests = []
    for line in lines:
        if line.startswith(site.tests) and "::" in line:
            module, test = line.split("::", 1)
            MODULE_OF[site.name, test] = module
            tests.append(test)
    if site.untagged_on_default_cell:
        tests = [test for test in tests if test_name(test) in tagged or cell(test) == DEFAULT_CELL]
    return tests


def baselines(scenarios: list[Scenario], jobs: int) -> dict[Site, Verdicts]:
    """Each site's verdicts with the unmutated steps; of a near-miss site, only the tests it fails.

    A near miss exists to fail those: a mutant that keeps them failing keeps the site's
    verdict, and the tests it passes are passed on the bundled site too.
    """

    def baseline(site: Site) -> Verdicts:
        with package_copy() as (package, folder):
            measure = folder / "coverage"
            try:
                verdicts = run_spec(site, collected(site, scenarios), package, folder, expected=None, measure=measure)
            except SpecRunTimedOut as timed_out:
                raise SystemExit(f"the unmutated steps' run timed out: {timed_out}") from None
            if measure.exists():
                COVERING[site.name] = covering(measure, package / PACKAGE.name)
        if verdicts is None:
            raise SystemExit(f"the spec did not run against the {site.name} ({' '.join(site.options)}): fix that")
        counts = {verdict: list(verdicts.values()).count(verdict) for verdict in sorted(set(verdicts.values()))}
        print(f"baseline, {site.name}: {counts}", flush=True)
        return {test: verdict for test, verdict in verdicts.items() if not site.broken or verdict == "failed"}

    return dict(zip(SITES, interruptible_map(baseline, SITES, jobs), strict=True))


# Of each site (by name), what its baseline's tests ran: by module, each line run and the
# tests that ran it (None: run at import, so by every test). Set by baselines().
COVERING: dict[str, dict[str, dict[int, frozenset[str] | None]]] = {}
# Run in the site's server process too (the store probe reads with it), where the spec
# run's coverage does not look: every reached test is run for its mutants.
NOT_MEASURED = frozenset({"server/django_store.py"})


def in_a_body(tree: ast.Module, line: int) -> bool:
    """Whether ``line`` is in the body of a function: run when it is called, not at import."""
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body[0].lineno <= line <= (node.end_lineno or node.lineno)
        for node in ast.walk(tree)
    )


def statement_lines(tree: ast.Module, line: int, whole: bool) -> range | None:
    """The lines of the innermost statement at ``line``; of a compound one only its header, unless ``whole``."""
    statements = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or node.lineno)
    ]
    if not statements:
        return None
    innermost = min(statements, key=lambda node: (node.end_lineno or node.lineno) - node.lineno)
    end = innermost.end_lineno or innermost.lineno
    body = getattr(innermost, "body", None)
    if isinstance(body, list) and body and not whole:
        end = max(innermost.lineno, body[0].lineno - 1)
    return range(innermost.lineno, end + 1)


def uses_of_a_module_name(tree: ast.Module, module: str, line: int) -> list[int] | None:
    """Of a module-level ``NAME = ...`` at ``line``: the lines that read NAME, all in functions of this module.

    None where the statement is something else, or where NAME is read at import (by
    another module-level line, or by another module of the package, which imports it).
    """
    assigned = next(
        (
            node
            for node in tree.body
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.lineno <= line <= (node.end_lineno or node.lineno)
        ),
        None,
    )
    targets = [] if assigned is None else assigned.targets if isinstance(assigned, ast.Assign) else [assigned.target]
    if not targets or not all(isinstance(target, ast.Name) for target in targets):
        return None
    names = {target.id for target in targets if isinstance(target, ast.Name)}
    reads = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load)
    ]
    others = (path for path in PACKAGE.rglob("*.py") if path != PACKAGE / module)
    if any(name in path.read_text() for path in others for name in names):
        return None
    if not all(in_a_body(tree, read) for read in reads):
        return None
    return reads


def lines_of(mutant: Mutant) -> list[int] | None:
    """The lines a test must run for ``mutant`` to change anything, or None where every test runs them.

    Those of the statement it changes: of a compound statement (an ``if``, a loop, a
    ``with``) only the header, unless the mutant removes the whole statement. A change of a
    module-level name runs at import, but changes only the lines that read it: theirs, if
    all of them are in functions. Any other change outside a function's body (a decorator,
    a default argument) is made at import, for every test.
    """
    tree = ast.parse((PACKAGE / mutant.module).read_text())
    if not in_a_body(tree, mutant.line):
        reads = uses_of_a_module_name(tree, mutant.module, mutant.line)
        if reads is None:
            return None
        return sorted({line for read in reads for line in statement_lines(tree, read, whole=False) or [read]})
    found = statement_lines(tree, mutant.line, whole=mutant.change.startswith("statement removed"))
    return None if found is None else list(found)


def runs_mutated_line(site: Site, mutant: Mutant, lines: list[int] | None) -> Callable[[str], bool]:
    """Whether a test of ``site`` runs one of ``lines`` of the mutant's module with the unmutated steps.

    A test that never runs them runs the same with the mutant: it cannot tell it apart.
    Where nothing was measured (a change made at import, a module run in the server too,
    a site whose baseline wrote no coverage), every test may.
    """
    measured = COVERING.get(site.name)
    if lines is None or mutant.module in NOT_MEASURED or measured is None:
        return lambda test: True
    ran = measured.get(mutant.module, {})
    tests: set[str] = set()
    for line in lines:
        found = ran.get(line, frozenset())
        if found is None:
            return lambda test: True
        tests |= found
    return tests.__contains__


def canary_source(module: str) -> str:
    """``module`` with every step definition failing at once: the canary's mutant."""
    tree = ast.parse((PACKAGE / module).read_text())
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.decorator_list:
            node.body.insert(0, ast.parse("raise AssertionError('canary')").body[0])
    return ast.unparse(ast.fix_missing_locations(tree))


def check_the_copy_runs(baseline: Verdicts) -> None:
    """Prove that the copy is the code the spec runs: a canary in the step modules must fail every scenario."""
    site = SITES[0]
    step_modules = [module for module in TARGETS if module.startswith("steps/") and module != "steps/phrases.py"]
    with package_copy({module: canary_source(module) for module in step_modules}) as (package, folder):
        try:
            verdicts = run_spec(site, list(baseline), package, folder, expected=None) or {}
        except SpecRunTimedOut as timed_out:
            raise SystemExit(f"the canary's run timed out: {timed_out}") from None
    passed = [test for test, verdict in baseline.items() if verdict.startswith("passed")]
    escaped = [test for test in passed if verdicts.get(test) != "failed"]
    if escaped:
        raise SystemExit(
            f"the canary mutant did not fail {len(escaped)} scenarios, e.g. {escaped[0]}: "
            "the mutated copy is not what the spec runs"
        )
    print(f"canary: the copy of session_steps is the code that runs ({len(passed)} of {len(passed)} scenarios failed)")


def judge(mutant: Mutant, scenarios: list[Scenario], baseline: dict[Site, Verdicts], killers: Killers[Site]) -> bool:
    """True when the spec gives one of ``scenarios`` another verdict on some site (the mutant is killed).

    First only the tests that run the mutated line with the unmutated steps: the tests that
    killed earlier mutants of the same unit or module, then the sites in order. A mutant
    that survives them is judged again on every test of the scenarios it reaches, site by
    site: a test that never runs the line may still read what it changed, kept from an
    earlier test (state the coverage of one test does not show), and a survivor is only
    one when no test tells it apart.
    """
    lines = lines_of(mutant)
    runs_line = {site: runs_mutated_line(site, mutant, lines) for site in SITES}
    if judge_on(mutant, scenarios, baseline, killers, lambda site, test: runs_line[site](test)):
        return True
    return judge_on(mutant, scenarios, baseline, killers, lambda site, test: not runs_line[site](test))


def judge_on(
    mutant: Mutant,
    scenarios: list[Scenario],
    baseline: dict[Site, Verdicts],
    killers: Killers[Site],
    chosen_test: Callable[[Site, str], bool],
) -> bool:
    """``judge`` on the tests of ``scenarios`` that ``chosen_test`` picks: likely killers first, then site by site."""
    names = {scenario.test_name for scenario in scenarios}
    unit = mutant.function or "module"

    def admits(site: Site, test: str) -> bool:
        return test in baseline[site] and test_name(test) in names and chosen_test(site, test)

    with package_copy({mutant.module: mutant.source}) as (package, folder):

        def killed_on(site: Site, tests: list[str]) -> bool:
            try:
                verdicts = run_spec(site, tests, package, folder, {test: baseline[site][test] for test in tests})
            except SpecRunTimedOut as timed_out:
                # Not a kill: a run ended from outside says nothing about what the mutant changed.
                print(f"no verdict, {mutant.id}: {timed_out}; judged on the other sites", flush=True)
                return False
            if not differs(baseline[site], verdicts, tests):
                return False
            telling = changed(baseline[site], verdicts, tests)
            if not telling:
                # Killed by tests the run never reported (it ended before them): say so, as
                # such a kill may be the judge's fault, not the mutant's.
                print(f"killed by unreported tests, {mutant.id}: {len(tests)} run, {site.name}", flush=True)
            else:
                # Which test told it apart, and where: what a reader checks a surprising kill by.
                assert verdicts is not None  # changed() finds nothing in a run that reported nothing
                test = telling[0]
                print(f"  {mutant.id}: {test}, {baseline[site][test]} -> {verdicts[test]}, {site.name}", flush=True)
            killers.record(mutant.module, unit, site, telling)
            return True

        likely = killers.likely(mutant.module, unit, admits)
        if any(killed_on(site, tests) for site, tests in likely):
            return True
        for site in SITES:
            tests = [test for test in baseline[site] if admits(site, test)]
            if tests and killed_on(site, tests):
                return True
    return False


def main() -> int:
    args = parse_arguments(__doc__.splitlines()[0], list(TARGETS), "the mutants and how many scenarios each reaches")
    mutants = chosen([mutant for module in args.only or list(TARGETS) for mutant in mutants_of(module)], args.match)
    reached = reach()
    if args.list:
        for mutant in mutants:
            print(f"{mutant.id}  [{len(scenarios_for(mutant, reached))} scenarios]")
        return 0
    started = time.monotonic()
    # A SIGTERM while the deployment starts ends the run as Ctrl-C does: the deployment stopped too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with deployment(), tempfile.TemporaryDirectory(prefix="step-mutants-copies-") as copies:
        COPIES[:] = [PackageCopies(PACKAGE, Path(copies))]
        baseline = baselines(reached.scenarios, args.jobs)
        check_the_copy_runs(baseline[SITES[0]])
        killers: Killers[Site] = Killers()
        killers.load(KILLERS_FILE, {site.name: site for site in SITES})
        try:
            return run(
                mutants,
                lambda mutant: judge(mutant, scenarios_for(mutant, reached), baseline, killers),
                # A listed equivalent is judged on every scenario, not only those its unit reaches.
                lambda mutant: judge(mutant, reached.scenarios, baseline, killers),
                args,
                steps=True,
                started=started,
            )
        finally:
            # What killed the mutants judged so far, an interrupted or partial run's too: the
            # next run tries it first. The listed equivalents' killers are mistakes, not hints.
            if not args.check_equivalents:
                killers.save(KILLERS_FILE, lambda site: site.name)
                print(f"the tests that killed each unit's mutants, tried first by the next run: {KILLERS_FILE}")


if __name__ == "__main__":
    sys.exit(exit_code(main))

"""Mutation testing of the site under test, judged by the feature suite in a real browser.

Each mutant changes one thing in one module of ``site/session_site`` (an operator, a
constant, an argument, a list item, a statement). It is written to a copy of the site
that goes first on the server's import path (``--site-path``), and the spec runs against
it: a mutant is killed when a scenario fails. A survivor of the quick pass (the default
engine) is judged again on every engine before it counts as surviving. Mutants listed
as equivalent in docs/mutants.md, with their reason, are left out of the score.

mutmut and cosmic-ray apply mutants inside the test process; here the code under test
runs in a server process of its own, so this runner applies each mutant to a copy.

Usage: python scripts/mutants.py [--jobs N] [--only views.py] [--list]
"""

from __future__ import annotations

import ast
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mutation import PROJECT, Mutant, chosen, exit_code, mutated_sources, parse_arguments, run, run_spec_process

SITE = PROJECT / "site" / "session_site"
# Each module, and the server that runs its code (both run urls.py and settings.py).
TARGETS = {
    "views.py": "wsgi",
    "async_views.py": "asgi",
    "urls.py": "wsgi",
    "settings.py": "wsgi",
}
# A backstop for a run that never ends; every test has its own timeout (pytest-timeout).
SPEC_TIMEOUT_S = 3600


def enclosing_function(tree: ast.Module, line: int) -> str | None:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.lineno <= line <= (node.end_lineno or 0):
            return node.name
    return None


def mutants_of(module: str) -> list[Mutant]:
    source = (SITE / module).read_text()
    original = ast.parse(source)
    return [
        Mutant(module, line, change, mutated, enclosing_function(original, line))
        for line, change, mutated in mutated_sources(source)
    ]


def routes_of(view: str) -> list[str]:
    """The paths of urls.py's ROUTES served by the view of this name, up to their first parameter."""
    tree = ast.parse((SITE / "urls.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "ROUTES" for target in node.targets):
            routes: list[tuple[str, str]] = ast.literal_eval(node.value)
            return ["/" + route.split("<")[0] for route, name in routes if name == view]
    return []


def scenarios_visiting(paths: list[str]) -> list[str]:
    """The test names of the scenarios with a step (or a background step) naming one of ``paths``."""
    from session_steps.bdd_compat import get_features, make_python_name

    names = []
    for feature in get_features([str(PROJECT / "features")]):
        for scenario in feature.scenarios.values():
            texts = [step.name for step in [*scenario.all_background_steps, *scenario.steps]]
            texts += [str(table.examples) for table in scenario.examples]
            if any(f'"{path}' in text or f"'{path}" in text for text in texts for path in paths):
                names.append("test_" + make_python_name(scenario.name))
    return names


def selection(mutant: Mutant) -> list[str]:
    """``-k`` for the scenarios that open the mutated view's pages; none: the whole suite."""
    names = scenarios_visiting(routes_of(mutant.function)) if mutant.function else []
    return ["-k", " or ".join(names)] if names else []


def judge(mutant: Mutant, server: str, every_engine: bool, selected: list[str] | None = None) -> bool:
    """True when the feature suite fails against the site with this mutant (it is killed)."""
    with tempfile.TemporaryDirectory(prefix="mutant-") as folder:
        copy = Path(folder) / "session_site"
        shutil.copytree(SITE, copy, ignore=shutil.ignore_patterns("__pycache__", "db.sqlite3"))
        (copy / mutant.module).write_text(mutant.source)
        command = [
            sys.executable,
            "-m",
            "pytest",
            "tests/test_features.py",
            "-x",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--site-path={folder}",
            f"--server={server}",
            *(["--session-engine=all"] if every_engine else []),
            "--expect-timeout=1000",
            *(selected or []),
            "--tracing=off",
            "--screenshot=off",
            # A mutant's failure is its verdict: tried again, it would only cost twice.
            "--reruns=0",
            f"--output={folder}/output",
            f"--basetemp={folder}/tmp",
        ]
        code = run_spec_process(command, None, SPEC_TIMEOUT_S)
        if code is None:
            # Ended from outside, the run gave no verdict: a slow machine is no kill. A mutant
            # that hangs the site fails the test it hangs (Playwright's and pytest's timeouts).
            print(f"no verdict, {mutant.id}: the spec ran past {SPEC_TIMEOUT_S} s", flush=True)
            return False
        return code != 0


def main() -> int:
    args = parse_arguments(__doc__.splitlines()[0], list(TARGETS), "the mutants")
    modules = args.only or list(TARGETS)
    mutants = chosen([mutant for module in modules for mutant in mutants_of(module)], args.match)
    if args.list:
        print("\n".join(mutant.id for mutant in mutants))
        return 0
    # The judge must pass the site as it is, or every mutant would look killed.
    for module in modules:
        original = Mutant(module, 0, "none", (SITE / module).read_text())
        if judge(original, TARGETS[module], every_engine=False):
            print(f"the spec fails against the unmutated site ({module}, {TARGETS[module]}): fix that first")
            return 2

    def is_killed(mutant: Mutant) -> bool:
        server = TARGETS[mutant.module]
        # Quick: the scenarios that open the view's pages; then the whole suite; then every engine.
        selected = selection(mutant)
        return (
            (bool(selected) and judge(mutant, server, every_engine=False, selected=selected))
            or judge(mutant, server, every_engine=False)
            or judge(mutant, server, every_engine=True)
        )

    def on_every_engine(mutant: Mutant) -> bool:
        return judge(mutant, TARGETS[mutant.module], every_engine=True)

    return run(mutants, is_killed, on_every_engine, args, steps=False, started=time.monotonic())


if __name__ == "__main__":
    sys.exit(exit_code(main))

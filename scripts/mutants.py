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

import argparse
import ast
import fnmatch
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SITE = PROJECT / "site" / "session_site"
EQUIVALENTS = PROJECT / "docs" / "mutants.md"
# Each module, and the server that runs its code (both run urls.py and settings.py).
TARGETS = {
    "views.py": "wsgi",
    "async_views.py": "asgi",
    "urls.py": "wsgi",
    "settings.py": "wsgi",
}
SPEC_TIMEOUT_S = 600
SWAPPED_OPERATORS: dict[type, type] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    change: str
    source: str
    function: str | None = None  # the view it changes, if any

    @property
    def id(self) -> str:
        return f"{self.module}:{self.line}: {self.change}"


def skipped_nodes(tree: ast.Module) -> set[int]:
    """Nodes no mutant touches: docstrings, imports, annotations."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            skip.update(id(child) for child in ast.walk(first))
        if isinstance(node, ast.Import | ast.ImportFrom):
            skip.update(id(child) for child in ast.walk(node))
        for annotation in (getattr(node, "annotation", None), getattr(node, "returns", None)):
            if annotation is not None:
                skip.update(id(child) for child in ast.walk(annotation))
    return skip


def describe(node: ast.AST) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


def mutations(node: ast.AST) -> Iterator[tuple[str, ast.AST | None]]:
    """Each way to change ``node``: a description and the replacement (None: remove it)."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            yield f"{node.value} -> {not node.value}", ast.Constant(not node.value)
        elif isinstance(node.value, int):
            yield f"{node.value} -> {node.value + 1}", ast.Constant(node.value + 1)
        elif isinstance(node.value, str):
            yield f"{node.value!r} -> {'XX' + node.value + 'XX'!r}", ast.Constant("XX" + node.value + "XX")
    elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in SWAPPED_OPERATORS:
        swapped = SWAPPED_OPERATORS[type(node.op)]()
        yield f"{type(node.op).__name__} -> {type(swapped).__name__} in {describe(node)}", swapped
    elif isinstance(node, ast.Compare) and type(node.ops[0]) in SWAPPED_OPERATORS:
        swapped = SWAPPED_OPERATORS[type(node.ops[0])]()
        yield f"{type(node.ops[0]).__name__} -> {type(swapped).__name__} in {describe(node)}", swapped
    elif isinstance(node, ast.If):
        yield f"negated condition: {describe(node.test)}", ast.UnaryOp(ast.Not(), node.test)
    elif isinstance(node, ast.Call):
        if len(node.args) >= 2:
            yield f"last argument dropped: {describe(node)}", None
    elif isinstance(node, ast.List):
        for index, element in enumerate(node.elts):
            yield f"list item removed: {describe(element)}", ast.Constant(index)
    if isinstance(node, ast.stmt) and not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Return):
        yield f"statement removed: {describe(node)}", ast.Pass()


def apply(node: ast.AST, change: str, replacement: ast.AST | None) -> ast.AST:
    """``node`` with one mutation applied (on a copy made by the caller)."""
    if isinstance(node, ast.stmt) and change.startswith("statement removed"):
        return ast.Pass()
    if isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(replacement, ast.operator):
        node.op = replacement
    elif isinstance(node, ast.Compare) and isinstance(replacement, ast.cmpop):
        node.ops[0] = replacement
    elif isinstance(node, ast.If) and replacement is not None and isinstance(replacement, ast.expr):
        node.test = replacement
    elif isinstance(node, ast.Call):
        node.args = node.args[:-1]
    elif isinstance(node, ast.List) and isinstance(replacement, ast.Constant):
        del node.elts[replacement.value]
    elif isinstance(replacement, ast.AST):
        return replacement
    return node


class Mutator(ast.NodeTransformer):
    """Applies the mutation numbered ``target`` in walk order to a fresh tree."""

    def __init__(self, target: int, skip: set[int]) -> None:
        self.target = target
        self.skip = skip
        self.count = 0
        self.applied: tuple[int, str] | None = None

    def generic_visit(self, node: ast.AST) -> ast.AST:
        if id(node) not in self.skip:
            for change, replacement in mutations(node):
                if self.count == self.target:
                    self.applied = (getattr(node, "lineno", 0), change)
                    node = apply(node, change, replacement)
                self.count += 1
        return super().generic_visit(node)


def enclosing_function(tree: ast.Module, line: int) -> str | None:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.lineno <= line <= (node.end_lineno or 0):
            return node.name
    return None


def mutants_of(module: str) -> list[Mutant]:
    source = (SITE / module).read_text()
    original = ast.parse(source)
    found = []
    index = 0
    while True:
        tree = ast.parse(source)
        mutator = Mutator(index, skipped_nodes(tree))
        mutated = mutator.visit(tree)
        if mutator.applied is None:
            return found
        line, change = mutator.applied
        mutated_source = ast.unparse(ast.fix_missing_locations(mutated))
        found.append(Mutant(module, line, change, mutated_source, enclosing_function(original, line)))
        index += 1


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
    from pytest_bdd.feature import get_features
    from pytest_bdd.scenario import make_python_name

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
            f"--output={folder}/output",
            f"--basetemp={folder}/tmp",
        ]
        try:
            result = subprocess.run(command, cwd=PROJECT, capture_output=True, timeout=SPEC_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return True
        return result.returncode != 0


def equivalent_patterns() -> list[str]:
    """Mutants docs/mutants.md lists as equivalent: lines "- `module:line: change`", ``*`` a wildcard."""
    if not EQUIVALENTS.exists():
        return []
    return re.findall(r"^- `([^`]+)`", EQUIVALENTS.read_text(), flags=re.MULTILINE)


def is_equivalent(mutant: Mutant, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(mutant.id, pattern) for pattern in patterns)


def check_equivalents(listed: list[Mutant], jobs: int) -> int:
    """Judge the mutants listed as equivalent on every engine; each one killed is a mistake in the list."""

    def verdict(mutant: Mutant) -> tuple[Mutant, bool]:
        killed = judge(mutant, TARGETS[mutant.module], every_engine=True)
        print(f"{'KILLED  ' if killed else 'survived'} {mutant.id}", flush=True)
        return mutant, killed

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        killed = [mutant for mutant, was_killed in pool.map(verdict, listed) if was_killed]
    print(f"\n{len(listed)} mutants listed as equivalent; {len(killed)} killed, so not equivalent")
    for mutant in killed:
        print(f"  not equivalent: {mutant.id}")
    return 1 if killed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="mutants judged at once (default: 2)")
    parser.add_argument("--only", action="append", choices=list(TARGETS), help="mutate only this module")
    parser.add_argument(
        "--match", metavar="PATTERN", action="append", help="judge only mutants whose id matches one (* a wildcard)"
    )
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument(
        "--check-equivalents",
        action="store_true",
        help="judge only the mutants docs/mutants.md lists as equivalent: any one killed is listed wrongly",
    )
    args = parser.parse_args()
    modules = args.only or list(TARGETS)
    mutants = [mutant for module in modules for mutant in mutants_of(module)]
    if args.match:
        mutants = [mutant for mutant in mutants if any(fnmatch.fnmatchcase(mutant.id, match) for match in args.match)]
    if args.list:
        print("\n".join(mutant.id for mutant in mutants))
        return 0
    # The judge must pass the site as it is, or every mutant would look killed.
    for module in modules:
        original = Mutant(module, 0, "none", (SITE / module).read_text())
        if judge(original, TARGETS[module], every_engine=False):
            print(f"the spec fails against the unmutated site ({module}, {TARGETS[module]}): fix that first")
            return 2
    patterns = equivalent_patterns()
    if args.check_equivalents:
        return check_equivalents([mutant for mutant in mutants if is_equivalent(mutant, patterns)], args.jobs)
    judged = [mutant for mutant in mutants if not is_equivalent(mutant, patterns)]
    started = time.monotonic()

    def verdict(mutant: Mutant) -> tuple[Mutant, bool]:
        server = TARGETS[mutant.module]
        # Quick: the scenarios that open the view's pages; then the whole suite; then every engine.
        selected = selection(mutant)
        killed = (
            (bool(selected) and judge(mutant, server, every_engine=False, selected=selected))
            or judge(mutant, server, every_engine=False)
            or judge(mutant, server, every_engine=True)
        )
        print(f"{'killed  ' if killed else 'SURVIVED'} {mutant.id}", flush=True)
        return mutant, killed

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(verdict, judged))
    survivors = [mutant for mutant, killed in results if not killed]
    killed = len(results) - len(survivors)
    minutes = (time.monotonic() - started) / 60
    print(
        f"\n{len(mutants)} mutants of {', '.join(modules)}; {len(mutants) - len(judged)} equivalent (docs/mutants.md)"
    )
    print(f"killed {killed} of {len(judged)} non-equivalent mutants: score {killed / max(len(judged), 1):.0%}")
    print(f"survivors: {len(survivors)}; {minutes:.1f} min")
    for mutant in survivors:
        print(f"  survived: {mutant.id}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())

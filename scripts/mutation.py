"""Mutants of a Python module, and the list of those known to be equivalent, for both targets.

``scripts/mutants.py`` mutates the site and ``scripts/step_mutants.py`` the step library;
both make their mutants here, one change to one node of the module's syntax tree at a
time, and both read the equivalents they may leave out of the score from docs/mutants.md.
"""

from __future__ import annotations

import argparse
import ast
import math
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

PROJECT = Path(__file__).resolve().parents[1]
EQUIVALENTS = PROJECT / "docs" / "mutants.md"
# The heading in docs/mutants.md from which on the list is the step library's.
STEPS_HEADING = "# Mutants of the steps"

T = TypeVar("T")
R = TypeVar("R")

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
# An off-by-one in a bound: the comparison that also lets (or no longer lets) equality through.
MOVED_BOUNDS: dict[type, type] = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}
SWAPPED_BOOLEANS: dict[type, type] = {ast.And: ast.Or, ast.Or: ast.And}


@dataclass(frozen=True)
class Mutant:
    """One change to one module: ``source`` is the whole module with the change made.

    ``function`` is the unit the change is in (a view, a step, a method); a mutant
    ``keyed_by_function`` is named by it rather than by its line, so its name survives
    code moving within the file.
    """

    module: str
    line: int
    change: str
    source: str
    function: str | None = None
    keyed_by_function: bool = False

    @property
    def id(self) -> str:
        if self.keyed_by_function:
            return f"{self.module}: {self.function}: {self.change}"
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


def is_call_to(node: ast.AST, names: tuple[str, ...]) -> bool:
    function = node.func if isinstance(node, ast.Call) else None
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
    return name in names


def message_nodes(tree: ast.Module) -> set[int]:
    """What only words a failure or a skip: an assertion's message, an exception's or a skip's text.

    Changing such text changes no verdict, so the step library's mutants leave it alone
    (``raise``, the statement, and ``assert``, the check, are still mutated).
    """
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and node.msg is not None:
            skip.update(id(child) for child in ast.walk(node.msg))
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            skip.update(id(child) for argument in node.exc.args for child in ast.walk(argument))
        elif isinstance(node, ast.Call) and is_call_to(node, ("skip", "fail")):
            skip.update(id(child) for argument in node.args for child in ast.walk(argument))
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


def assertion_mutations(node: ast.AST) -> Iterator[tuple[str, ast.AST | None]]:
    """The changes that weaken or invert a check, beyond those of ``mutations``.

    A bound moved by one (``<`` to ``<=``), ``and`` and ``or`` swapped, ``not`` dropped,
    a conditional expression's test negated, and a returned value replaced by a constant
    (``None``; ``True`` and ``False`` where the function returns a bool).
    """
    yield from mutations(node)
    if isinstance(node, ast.Compare) and type(node.ops[0]) in MOVED_BOUNDS:
        moved = MOVED_BOUNDS[type(node.ops[0])]()
        yield f"bound moved: {type(node.ops[0]).__name__} -> {type(moved).__name__} in {describe(node)}", moved
    elif isinstance(node, ast.BoolOp):
        swapped = SWAPPED_BOOLEANS[type(node.op)]()
        yield f"{type(node.op).__name__} -> {type(swapped).__name__} in {describe(node)}", swapped
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield f"not dropped: {describe(node)}", node.operand
    elif isinstance(node, ast.IfExp):
        yield f"negated condition: {describe(node.test)}", ast.UnaryOp(ast.Not(), node.test)
    elif isinstance(node, ast.Return) and node.value is not None:
        for constant in returned_constants(node):
            yield f"returns {constant!r}: {describe(node)}", ast.Return(ast.Constant(constant))


def returned_constants(node: ast.Return) -> list[object]:
    """The constants a ``return`` is replaced by; those it already returns are left out."""
    returns_bool = getattr(node, "returns_bool", False)
    candidates: list[object] = [True, False] if returns_bool else [None]
    value = node.value
    already = value.value if isinstance(value, ast.Constant) else ...
    return [constant for constant in candidates if constant is not already]


def mark_bool_returns(tree: ast.Module) -> None:
    """Note on each ``return`` whether its function is annotated ``-> bool``."""
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            returns_bool = isinstance(function.returns, ast.Name) and function.returns.id == "bool"
            for node in ast.walk(function):
                if isinstance(node, ast.Return):
                    node.returns_bool = returns_bool  # type: ignore[attr-defined]


def apply(node: ast.AST, change: str, replacement: ast.AST | None) -> ast.AST:
    """``node`` with one mutation applied (on a copy made by the caller)."""
    if isinstance(node, ast.stmt) and change.startswith("statement removed"):
        return ast.Pass()
    if isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(replacement, ast.operator):
        node.op = replacement
    elif isinstance(node, ast.Compare) and isinstance(replacement, ast.cmpop):
        node.ops[0] = replacement
    elif isinstance(node, ast.BoolOp) and isinstance(replacement, ast.boolop):
        node.op = replacement
    elif isinstance(node, ast.If | ast.IfExp) and replacement is not None and isinstance(replacement, ast.expr):
        node.test = replacement
    elif isinstance(node, ast.Call):
        node.args = node.args[:-1]
    elif isinstance(node, ast.List) and isinstance(replacement, ast.Constant):
        del node.elts[replacement.value]
    elif isinstance(replacement, ast.AST):
        return replacement
    return node


Operators = Callable[[ast.AST], Iterator[tuple[str, ast.AST | None]]]


class Mutator(ast.NodeTransformer):
    """Applies the mutation numbered ``target`` in walk order to a fresh tree."""

    def __init__(self, target: int, skip: set[int], operators: Operators) -> None:
        self.target = target
        self.skip = skip
        self.operators = operators
        self.count = 0
        self.applied: tuple[int, str] | None = None

    def generic_visit(self, node: ast.AST) -> ast.AST:
        if id(node) not in self.skip:
            for change, replacement in self.operators(node):
                if self.count == self.target:
                    self.applied = (getattr(node, "lineno", 0), change)
                    node = apply(node, change, replacement)
                self.count += 1
        return super().generic_visit(node)


def mutated_sources(
    source: str, operators: Operators = mutations, skip_messages: bool = False
) -> Iterator[tuple[int, str, str]]:
    """Each mutant of ``source``: the line it changes, what it changes, the mutated module."""
    index = 0
    while True:
        tree = ast.parse(source)
        mark_bool_returns(tree)
        skip = skipped_nodes(tree) | (message_nodes(tree) if skip_messages else set())
        mutator = Mutator(index, skip, operators)
        mutated = mutator.visit(tree)
        if mutator.applied is None:
            return
        line, change = mutator.applied
        yield line, change, ast.unparse(ast.fix_missing_locations(mutated))
        index += 1


def equivalent_patterns(steps: bool) -> list[str]:
    """Mutants docs/mutants.md lists as equivalent: lines "- `module: ...`", ``*`` a wildcard.

    Only a bullet whose code opens on a module and a colon is an entry, so that prose naming
    step texts in code spans is never read as one.

    The list of the site comes before the heading ``STEPS_HEADING``, the step library's after it.
    """
    if not EQUIVALENTS.exists():
        return []
    site_part, _, steps_part = EQUIVALENTS.read_text().partition("\n" + STEPS_HEADING)
    return re.findall(r"^- `([^`\s]+: [^`]*)`", steps_part if steps else site_part, flags=re.MULTILINE)


def matches(mutant_id: str, pattern: str) -> bool:
    """Whether ``pattern`` names this mutant: every character literal but ``*``, which stands for any text."""
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("*")), mutant_id, re.DOTALL) is not None


def is_equivalent(mutant: Mutant, patterns: list[str]) -> bool:
    return any(matches(mutant.id, pattern) for pattern in patterns)


class Interrupted(Exception):
    """The run was interrupted: no new spec run starts."""


_running: set[subprocess.Popen[bytes]] = set()
_running_lock = threading.Lock()
_stopping = threading.Event()


def run_spec_process(
    command: list[str], environment: dict[str, str] | None, timeout: float, cwd: Path = PROJECT
) -> int | None:
    """Run one spec run (a pytest process) to its end: its exit code, or None when it timed out.

    The process is known to ``stop_spec_processes``, so an interrupted runner leaves no spec
    run behind; each run's servers end with it (the plugin's own guarantee).
    """
    with _running_lock:
        if _stopping.is_set():
            raise Interrupted
        process = subprocess.Popen(
            command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _running.add(process)
    try:
        code: int | None = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        code = None
    finally:
        with _running_lock:
            _running.discard(process)
    # A run ended by the interruption says nothing about the mutant.
    if _stopping.is_set():
        raise Interrupted
    return code


def stop_spec_processes() -> None:
    """Start no spec run again and end those running: SIGTERM (pytest tears down), then SIGKILL."""
    with _running_lock:
        _stopping.set()
        running = list(_running)
    for process in running:
        process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 10
    for process in running:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)


def exit_code(main: Callable[[], int]) -> int:
    """``main()``'s exit code; an interrupted run says so in one line and exits 130."""
    try:
        return main()
    except KeyboardInterrupt:
        print("interrupted: every spec run it started has ended", file=sys.stderr)
        return 130


def judge_all(mutants: list[Mutant], is_killed: Callable[[Mutant], bool], jobs: int, checking: bool) -> list[Mutant]:
    """Judge each mutant, printing each verdict as it comes; the mutants that were not killed.

    ``checking`` is for the equivalents list, where a killed mutant is the news.
    """

    def verdict(mutant: Mutant) -> tuple[Mutant, bool]:
        started = time.monotonic()
        killed = is_killed(mutant)
        labels = ("survived", "KILLED  ") if checking else ("SURVIVED", "killed  ")
        # The seconds each verdict took show where a run's time goes.
        print(f"{labels[killed]} {time.monotonic() - started:5.1f} s  {mutant.id}", flush=True)
        return mutant, killed

    return [mutant for mutant, killed in interruptible_map(verdict, mutants, jobs) if not killed]


def interruptible_map(function: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """``function`` of each item, ``jobs`` at once, in order; one Ctrl-C (or SIGTERM) ends it all.

    On the interruption nothing queued starts and the spec runs in flight end.
    """
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        return list(pool.map(function, items))
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        stop_spec_processes()
        raise
    finally:
        pool.shutdown(wait=True)


def report_equivalents_check(listed: list[Mutant], survivors: list[Mutant]) -> int:
    """Print the check of the equivalents list: each listed mutant killed is a mistake in the list."""
    killed = [mutant for mutant in listed if mutant not in survivors]
    print(f"\n{len(listed)} mutants listed as equivalent; {len(killed)} killed, so not equivalent")
    for mutant in killed:
        print(f"  not equivalent: {mutant.id}")
    return 1 if killed else 0


def score(killed: int, judged: int) -> str:
    """The share of mutants killed, never rounded up to 100% while one survives (661 of 664: 99.5%)."""
    if killed == judged:
        return "100%"
    return f"{math.floor(1000 * killed / judged) / 10:.1f}%"


def report_score(mutants: list[Mutant], judged: list[Mutant], survivors: list[Mutant], started: float) -> int:
    """Print the run's summary: count per module, equivalents, score, survivors and time."""
    modules = list(dict.fromkeys(mutant.module for mutant in mutants))
    counts = ", ".join(f"{module} {sum(mutant.module == module for mutant in mutants)}" for module in modules)
    killed = len(judged) - len(survivors)
    minutes = (time.monotonic() - started) / 60
    print(f"\n{len(mutants)} mutants ({counts}); {len(mutants) - len(judged)} equivalent (docs/mutants.md)")
    print(f"killed {killed} of {len(judged)} non-equivalent mutants: score {score(killed, len(judged))}")
    print(f"survivors: {len(survivors)}; {minutes:.1f} min")
    for mutant in survivors:
        print(f"  survived: {mutant.id}")
    return 1 if survivors else 0


def parse_arguments(description: str, modules: list[str], listing: str) -> argparse.Namespace:
    """The command line both runners take; ``listing`` says what ``--list`` prints."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--jobs", type=int, default=2, help="mutants judged at once (default: 2)")
    parser.add_argument("--only", action="append", choices=modules, help="mutate only this module")
    parser.add_argument(
        "--match", metavar="PATTERN", action="append", help="judge only mutants whose id matches one (* a wildcard)"
    )
    parser.add_argument("--list", action="store_true", help=f"list {listing} and stop")
    parser.add_argument(
        "--check-equivalents",
        action="store_true",
        help="judge only the mutants docs/mutants.md lists as equivalent: any one killed is listed wrongly",
    )
    return parser.parse_args()


def chosen(mutants: list[Mutant], patterns: list[str] | None) -> list[Mutant]:
    """The mutants ``--match`` names (all of them without it)."""
    return [mutant for mutant in mutants if not patterns or any(matches(mutant.id, pattern) for pattern in patterns)]


def run(
    mutants: list[Mutant],
    is_killed: Callable[[Mutant], bool],
    checks_equivalent: Callable[[Mutant], bool],
    args: argparse.Namespace,
    steps: bool,
    started: float,
) -> int:
    """Judge the mutants not listed as equivalent and print the score, or with ``--check-equivalents``
    judge the listed ones (each by ``checks_equivalent``, the more thorough judge) and print the mistakes."""
    patterns = equivalent_patterns(steps)
    if args.check_equivalents:
        listed = [mutant for mutant in mutants if is_equivalent(mutant, patterns)]
        return report_equivalents_check(listed, judge_all(listed, checks_equivalent, args.jobs, checking=True))
    judged = [mutant for mutant in mutants if not is_equivalent(mutant, patterns)]
    return report_score(mutants, judged, judge_all(judged, is_killed, args.jobs, checking=False), started)

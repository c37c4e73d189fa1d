"""The package's layers, as docs/architecture.md draws them: no module imports from a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

from spec_runner import PROJECT

PACKAGE = PROJECT / "steps" / "session_steps"
ARCHITECTURE = PROJECT / "docs" / "architecture.md"

# Each layer, bottom first, with the layers it may import (besides itself).
BASE = "base"
MAY_IMPORT: dict[str, set[str]] = {
    BASE: set(),
    "matrix": {BASE},
    "server": {BASE, "matrix"},
    "browser": {BASE, "matrix", "server"},
    "steps": {BASE, "matrix", "server", "browser"},
    "report": {BASE, "matrix", "server", "browser"},
    "pytest_plugin": {BASE, "matrix", "server", "browser", "steps", "report"},
    "entry": {BASE, "matrix", "server", "browser", "steps", "report", "pytest_plugin"},
}
# The package's top level holds the base modules every layer may use, and its entry points;
# the package itself (its __init__) is one: it gives a project's steps the public names.
TOP_LEVEL_BASE = {"errors", "bdd_compat", "lesson"}


def layer_of(module: str) -> str:
    """The layer of a dotted module name of the package (``session_steps.server.probe`` -> ``server``)."""
    parts = module.split(".")[1:]
    if not parts:
        return "entry"
    if parts[0] in MAY_IMPORT and parts[0] not in (BASE, "entry"):
        return parts[0]
    return BASE if parts[0] in TOP_LEVEL_BASE else "entry"


def module_name(path: Path, package: Path) -> str:
    relative = path.relative_to(package.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def is_module(name: str, package: Path) -> bool:
    """Whether a dotted name is a module or subpackage of ``package`` (not a name defined in one)."""
    path = package.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imported_modules(path: Path, package: Path) -> list[tuple[int, str]]:
    """Every module of the package that the module at ``path`` imports, with its line."""
    module = module_name(path, package)
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            # ``from session_steps.server import processes`` imports the module processes too.
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == package.name and is_module(name, package)]


def upward_imports(package: Path = PACKAGE) -> list[str]:
    """``module:line imports name (layer a may not import layer b)`` for each import against the layers."""
    wrong: list[str] = []
    for path in sorted(package.rglob("*.py")):
        layer = layer_of(module_name(path, package))
        for line, name in imported_modules(path, package):
            target = layer_of(name)
            if target != layer and target not in MAY_IMPORT[layer]:
                wrong.append(f"{module_name(path, package)}:{line} imports {name} ({layer} may not import {target})")
    return sorted(set(wrong))


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    assert upward_imports() == []


def test_every_layer_is_a_folder_or_a_top_level_module_the_page_names() -> None:
    folders = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert folders == set(MAY_IMPORT) - {BASE, "entry"}
    page = ARCHITECTURE.read_text()
    for path in PACKAGE.rglob("*.py"):
        if path.name != "__init__.py":
            # Module names are unique in the package, so the name alone says which one.
            assert f"`{path.name}`" in page, f"docs/architecture.md does not name {path.relative_to(PACKAGE)}"


def test_the_check_finds_an_upward_import(tmp_path: Path) -> None:
    package = tmp_path / "session_steps"
    (package / "server").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "steps").mkdir()
    for module in ("server/__init__.py", "server/probe.py", "steps/__init__.py", "steps/cookies.py"):
        (package / module).write_text("")
    (package / "server" / "leak.py").write_text("from session_steps.steps import cookies\nfrom . import probe\n")
    assert upward_imports(package) == [
        "session_steps.server.leak:1 imports session_steps.steps (server may not import steps)",
        "session_steps.server.leak:1 imports session_steps.steps.cookies (server may not import steps)",
    ]

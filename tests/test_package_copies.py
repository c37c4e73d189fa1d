"""The step mutants' copies of the step library: the source each run asks for, never another's bytecode."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from spec_runner import PROJECT

sys.path.insert(0, str(PROJECT / "scripts"))

from package_copies import PackageCopies


def package(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    (root / "steps").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "steps" / "__init__.py").write_text("")
    (root / "steps" / "check.py").write_text("LIMIT = 1\n")
    (root / "other.py").write_text("NAME = 'other'\n")
    return root


def imported(copies: PackageCopies, path: Path) -> str:
    """What a new Python process, as a spec run starts it, imports from the copy at ``path``."""
    code = "import pkg.steps.check as check, pkg.other as other; print(check.LIMIT, other.NAME, check.__file__)"
    environment = {**copies.environment(os.environ), "PYTHONPATH": str(path)}
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_each_run_imports_the_source_it_asked_for_though_two_mutants_share_size_and_second(tmp_path: Path) -> None:
    copies = PackageCopies(package(tmp_path), tmp_path / "copies")
    seen = []
    # One folder, one after the other, within a second: sources of one size tell apart by content only.
    for replaced in ({"steps/check.py": "LIMIT = 2\n"}, {"steps/check.py": "LIMIT = 3\n"}, None):
        with copies.copy(replaced) as (path, work):
            seen.append(imported(copies, path).split()[:2])
            assert list(work.iterdir()) == []
    assert seen == [["2", "other"], ["3", "other"], ["1", "other"]]


def test_a_job_keeps_its_folder_and_the_bytecode_of_what_it_did_not_replace(tmp_path: Path) -> None:
    copies = PackageCopies(package(tmp_path), tmp_path / "copies")
    with copies.copy({"steps/check.py": "LIMIT = 2\n"}) as (first, _):
        imported(copies, first)
        # A second job at the same time gets a folder of its own.
        with copies.copy() as (second, _):
            assert second != first
    with copies.copy() as (again, _):
        assert again in (first, second)
    compiled = sorted(path.name for path in copies.bytecode.rglob("*.pyc") if "pkg" in path.parts)
    assert f"other.cpython-{sys.version_info[0]}{sys.version_info[1]}.pyc" in compiled

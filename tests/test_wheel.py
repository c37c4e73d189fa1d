"""The wheel, installed into a fresh virtual environment, serves another project's features."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest
from spec_runner import PROJECT
from third_party import make_shop

INSTALL_TIMEOUT_S = 600


def run(*command: str | Path, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def test_the_installed_wheel_runs_another_projects_features(pytester: pytest.Pytester, tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", wheels, PROJECT)
    [wheel] = wheels.glob("django_session_spec-*.whl")
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "-c", PROJECT / "constraints.txt", wheel)

    shop = make_shop(pytester)
    output = run(python, "-m", "pytest", "-p", "no:cacheprovider", "--site-settings=shop.settings", "-v", cwd=shop.path)
    assert "test_each_visit_adds_an_item_to_the_visitors_basket[db-wsgi] PASSED" in output
    # The packaged spec is in the wheel too, and its steps are all defined there.
    collected = run(python, "-m", "pytest", "--pyargs", "session_steps", "--collect-only", "-q", cwd=shop.path)
    assert "test_the_lessons_example_step_by_step[db-wsgi]" in collected

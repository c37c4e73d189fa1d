"""The spec through a Playwright browser server, as a team points it at a browser grid."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Playwright
from spec_runner import on_cell, run_spec, runs_on

from session_steps.browser.chromium import chromium_launch_args

# Starting a browser server takes about a second; the bound only guards against a hang.
START_TIMEOUT_S = 60


def first_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The first line the process prints, or "" when it prints none in time."""
    lines: list[str] = []
    assert process.stdout is not None
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(timeout)
    return lines[0].strip() if lines else ""


@pytest.fixture
def browser_server(tmp_path: Path, playwright: Playwright) -> Iterator[str]:
    """A real Playwright browser server on this machine; yields its ws:// endpoint."""
    launch = chromium_launch_args(playwright.chromium.executable_path)
    config = tmp_path / "launch-server.json"
    config.write_text(
        json.dumps({"headless": True, **({"executablePath": launch["executable_path"]} if launch else {})})
    )
    command = [sys.executable, "-m", "playwright", "launch-server", "--browser=chromium", f"--config={config}"]
    # A session of its own: the Python wrapper runs the browser server as a child process,
    # which must be stopped with it.
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        endpoint = first_line(process, START_TIMEOUT_S)
        assert endpoint.startswith("ws://"), f"the browser server did not start: {endpoint!r}"
        yield endpoint
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def test_the_spec_runs_through_a_remote_browser(
    tmp_path: Path, browser_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No browser the spec could launch itself: every scenario must go through the server.
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(empty))
    monkeypatch.delenv("SESSION_SPEC_CHROMIUM", raising=False)
    outcomes = on_cell(run_spec(tmp_path, f"--browser-ws-endpoint={browser_server}"), "db-wsgi")
    # Scenarios that need other site settings skip, saying which; every other one passes.
    passed = runs_on("db", leaving_out="needs_site_settings")
    assert list(outcomes.values()).count("passed") == passed
    assert list(outcomes.values()).count("skipped") == runs_on("db") - passed

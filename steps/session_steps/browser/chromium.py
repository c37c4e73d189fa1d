"""Finding a Chromium for Playwright: its own build if installed, else the system's."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from session_steps.errors import SpecSetupError

# Debian's packages, best first: the headless shell is what Playwright itself uses for
# headless runs, and a new context costs a quarter of what full Chromium's does.
SYSTEM_CHROMIUMS = ("chromium-headless-shell", "chromium")

INSTALL_HINT = (
    "install one with `python -m playwright install --only-shell chromium`, "
    "or `apt-get install chromium-headless-shell`"
)


def playwright_headless_shell_dir(chromium_executable: str) -> Path:
    """Where Playwright keeps the headless shell matching its own Chromium revision."""
    build = Path(chromium_executable)
    # The executable lives at <browsers>/chromium-<revision>/<platform>/<binary>.
    for parent in build.parents:
        match = re.fullmatch(r"chromium-(\d+)", parent.name)
        if match:
            return parent.parent / f"chromium_headless_shell-{match.group(1)}"
    return build.parent / "chromium_headless_shell-missing"


def has_playwright_chromium(chromium_executable: str, headless: bool = True) -> bool:
    """True when Playwright has downloaded the build it launches in this mode.

    Headless runs use the headless shell, headed runs the full Chromium.
    """
    if not headless:
        return Path(chromium_executable).is_file()
    shell_dir = playwright_headless_shell_dir(chromium_executable)
    return shell_dir.is_dir() and any(shell_dir.iterdir())


def system_chromium() -> str | None:
    """The path of the best Chromium found on PATH, or None."""
    for name in SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_launch_args(chromium_executable: str, headless: bool = True) -> dict[str, str]:
    """Launch arguments that make Playwright start an installed Chromium, never download one.

    ``SESSION_SPEC_CHROMIUM`` names a binary explicitly and wins over everything else.
    """
    explicit = os.environ.get("SESSION_SPEC_CHROMIUM")
    if explicit:
        if not Path(explicit).is_file():
            raise SpecSetupError(f"SESSION_SPEC_CHROMIUM names {explicit}, which does not exist")
        return {"executable_path": explicit}
    if has_playwright_chromium(chromium_executable, headless):
        return {}
    found = system_chromium()
    if found is None:
        raise SpecSetupError(f"no Chromium found for Playwright: {INSTALL_HINT}")
    return {"executable_path": found}

"""Running the system's installers for the set-up commands, their output shown."""

from __future__ import annotations

import os
import shutil
import subprocess

# Installers fail within seconds where their host is unreachable; the bound only guards
# against a network that hangs instead of refusing.
INSTALLER_TIMEOUT_S = 300


def run(command: list[str], env: dict[str, str] | None = None) -> bool:
    """Run an installer command, its output shown; True when it succeeded."""
    print("$", " ".join(command), flush=True)
    try:
        return subprocess.run(command, env=env, timeout=INSTALLER_TIMEOUT_S).returncode == 0
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"  {error}", flush=True)
        return False


def can_apt_install() -> bool:
    """True when this process may install Debian packages: it is root, and apt-get is there."""
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return is_root and shutil.which("apt-get") is not None


def apt_install(packages: list[str]) -> bool:
    """``apt-get install`` the packages, after refreshing the package lists; True when it worked."""
    # No question may wait for an answer nobody is there to give.
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    update = ["apt-get", "update", "-qq"]
    return run(update, env) and run(["apt-get", "install", "-y", "-qq", *packages], env)

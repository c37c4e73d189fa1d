"""Obtain the server programs the matrix's cells start (Redis, Memcached, PostgreSQL): the system's, else Debian's.

Run as ``python -m session_steps.install_servers``; it does nothing when each one is found.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from session_steps.matrix.cells import DATABASES, ENGINES, Database, Engine
from session_steps.matrix.installers import apt_install, can_apt_install
from session_steps.matrix.machine import ServerProgram

# Installs Debian packages by name; True when the installer succeeded.
Installer = Callable[[list[str]], bool]


def needed_servers(engines: Iterable[Engine], databases: Iterable[Database] = ()) -> dict[ServerProgram, list[str]]:
    """Each server program the engines and databases start, with what starts it ("the cache-redis engine")."""
    needed: dict[ServerProgram, list[str]] = {}
    for what, needs in [
        *((f"the {engine.name} engine", engine.needs) for engine in engines),
        *((f"the {database.name} database", database.needs) for database in databases),
    ]:
        for need in needs:
            if isinstance(need, ServerProgram):
                needed.setdefault(need, []).append(what)
    return needed


def obtain(needed: dict[ServerProgram, list[str]], install: Installer | None) -> int:
    """Find each server on PATH, installing those it lacks with ``install`` if one may run.

    The exit status: 0 when every server is found, else 1, after one line saying what to install.
    """
    lacking = [server for server in needed if server.path() is None]
    if lacking and install is not None:
        install([server.apt_package for server in lacking])
        lacking = [server for server in lacking if server.path() is None]
    for server, engines in needed.items():
        if server not in lacking:
            print(f"{server.command} for {', '.join(engines)}: {server.path()}")
    if lacking:
        what = "; ".join(f"{server.command}, for {', '.join(needed[server])}" for server in lacking)
        packages = " ".join(server.apt_package for server in lacking)
        print(f"Not installed: {what}. Install it as root: apt-get install {packages}", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    return obtain(needed_servers(ENGINES.values(), DATABASES.values()), apt_install if can_apt_install() else None)


if __name__ == "__main__":
    sys.exit(main())

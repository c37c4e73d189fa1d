"""What a cell of the matrix needs from the machine: server programs and Python packages."""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import shutil
from dataclasses import dataclass


@dataclass(frozen=True)
class ServerProgram:
    """A server the harness starts itself, found on ``PATH``, and the Debian package that has it.

    Some packages put their programs in a folder of their own, off ``PATH`` (Debian's
    PostgreSQL, in ``/usr/lib/postgresql/<version>/bin``): ``folders`` are looked in after
    ``PATH``, the newest version first, and the environment variable ``folder_variable``
    names the one folder to use instead of both.
    """

    command: str
    apt_package: str
    folders: tuple[str, ...] = ()
    folder_variable: str | None = None

    def path(self) -> str | None:
        """Where the program is: the folder the variable names, else ``PATH``, else ``folders``; or None."""
        named = os.environ.get(self.folder_variable or "")
        if named:
            return shutil.which(self.command, path=named)
        found = shutil.which(self.command)
        for pattern in self.folders:
            for folder in sorted(glob.glob(pattern), key=version_order, reverse=True):
                found = found or shutil.which(self.command, path=folder)
        return found

    @property
    def not_installed(self) -> str:
        """The line that says it is missing and what to install."""
        return f"{self.command} is not installed (apt-get install {self.apt_package})"

    def missing(self) -> str | None:
        """Why this machine lacks it, with what to install; None when it is there."""
        return None if self.path() is not None else self.not_installed


@dataclass(frozen=True)
class PythonPackage:
    """A package the site's server imports, by its module and its name on PyPI."""

    module: str
    distribution: str

    def missing(self) -> str | None:
        """Why this machine lacks it, with what to install; None when it is there."""
        spec = importlib.util.find_spec(self.module)
        # A spec without an origin is a namespace package: any folder of that name on the
        # import path (a data folder called "redis"), not the package.
        if spec is not None and spec.origin is not None:
            return None
        return f"the Python package {self.distribution} is not installed (pip install {self.distribution})"


def version_order(folder: str) -> list[int]:
    """The numbers in a folder's path, so that ``.../postgresql/16/bin`` sorts after ``.../9/bin``."""
    return [int(number) for number in re.findall(r"\d+", folder)]


Need = ServerProgram | PythonPackage

REDIS_SERVER = ServerProgram("redis-server", "redis-server")
REDIS_CLIENT = PythonPackage("redis", "redis")
MEMCACHED_SERVER = ServerProgram("memcached", "memcached")
MEMCACHED_CLIENT = PythonPackage("pymemcache", "pymemcache")
# initdb is looked for beside it: every PostgreSQL installation has both in one folder.
POSTGRESQL_SERVER = ServerProgram(
    "postgres", "postgresql", folders=("/usr/lib/postgresql/*/bin",), folder_variable="SESSION_SPEC_POSTGRESQL_BIN"
)
POSTGRESQL_CLIENT = PythonPackage("psycopg", "psycopg[binary]")

# Django's cache backends that import a client package of their own when first used, so a
# site whose sessions live there fails on its first request, not at start-up, without it.
CACHE_BACKEND_CLIENTS = {
    "django.core.cache.backends.redis.RedisCache": REDIS_CLIENT,
    "django.core.cache.backends.memcached.PyMemcacheCache": MEMCACHED_CLIENT,
    "django.core.cache.backends.memcached.PyLibMCCache": PythonPackage("pylibmc", "pylibmc"),
}


def missing(needs: tuple[Need, ...]) -> str | None:
    """What this machine lacks of ``needs``, with what to install; None when it has them all."""
    lacks = [reason for reason in (need.missing() for need in needs) if reason is not None]
    return " and ".join(lacks) if lacks else None

"""What a cell of the matrix needs from the machine: server programs and Python packages."""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass


@dataclass(frozen=True)
class ServerProgram:
    """A server the harness starts itself, found on ``PATH``, and the Debian package that has it."""

    command: str
    apt_package: str

    def path(self) -> str | None:
        """Where the program is on ``PATH``, or None."""
        return shutil.which(self.command)

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


Need = ServerProgram | PythonPackage

REDIS_SERVER = ServerProgram("redis-server", "redis-server")
REDIS_CLIENT = PythonPackage("redis", "redis")

# Django's cache backends that import a client package of their own when first used, so a
# site whose sessions live there fails on its first request, not at start-up, without it.
CACHE_BACKEND_CLIENTS = {
    "django.core.cache.backends.redis.RedisCache": REDIS_CLIENT,
    "django.core.cache.backends.memcached.PyMemcacheCache": PythonPackage("pymemcache", "pymemcache"),
    "django.core.cache.backends.memcached.PyLibMCCache": PythonPackage("pylibmc", "pylibmc"),
}


def missing(needs: tuple[Need, ...]) -> str | None:
    """What this machine lacks of ``needs``, with what to install; None when it has them all."""
    lacks = [reason for reason in (need.missing() for need in needs) if reason is not None]
    return " and ".join(lacks) if lacks else None

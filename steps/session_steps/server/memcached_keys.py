"""Listing the keys of a Memcached cache, which has no command for it but a dump of its LRU crawler.

``lru_crawler metadump all`` (memcached 1.4.31 and newer) writes one line per live item,
``key=<URL-encoded key> exp=... la=... ...``, then ``END``. Expired and deleted items are
not in it, so what it lists is what a ``get`` would find.
"""

from __future__ import annotations

import socket
import urllib.parse
from collections.abc import Iterator
from typing import Any

METADUMP = b"lru_crawler metadump all"
END = b"END\r\n"
ERRORS = (b"ERROR", b"CLIENT_ERROR", b"SERVER_ERROR", b"BUSY")
TIMEOUT_S = 10.0


class CannotList(Exception):
    """The server does not list its keys (too old, its crawler off or busy); the message says which."""


def is_memcached(cache: Any) -> bool:
    from django.core.cache.backends.memcached import BaseMemcachedCache

    return isinstance(cache, BaseMemcachedCache)


def memcached_keys(cache: Any, starting: str = "") -> Iterator[str] | None:
    """The cache's keys made from keys that start with ``starting``; None for a cache that is not Memcached.

    Raises ``CannotList`` where a server cannot list its keys, or is given other than as ``host:port``.
    """
    if not is_memcached(cache):
        return None
    made = cache.make_key(starting)
    # Listed at once, so that a server that cannot list raises here, not while the keys are read.
    return iter([key for server in cache._servers for key in server_keys(server) if key.startswith(made)])


def server_keys(server: str) -> list[str]:
    """Every key of one memcached server, given as ``host:port``."""
    host, _, port = server.rpartition(":")
    if not host or not port.isdigit():
        raise CannotList(f"the spec lists the keys of a memcached given as host:port, not {server!r}")
    dump = b""
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=TIMEOUT_S) as connection:
            connection.sendall(METADUMP + b"\r\n")
            # Items come one a line; the dump ends with END, or is one error line (an old server, a busy crawler).
            while not dump.endswith(END) and not dump.startswith(ERRORS):
                received = connection.recv(65536)
                if not received:
                    break
                dump += received
    except OSError as error:
        raise CannotList(f"memcached at {server} did not list its keys: {error}") from error
    if not dump.endswith(END):
        raise CannotList(f"memcached at {server} did not list its keys: {dump[:200].decode(errors='replace')!r}")
    return [parse_key(line) for line in dump.splitlines() if line.startswith(b"key=")]


def parse_key(line: bytes) -> str:
    """The key of one metadump line."""
    return urllib.parse.unquote(line.split(b" ", 1)[0].removeprefix(b"key=").decode())


def delete_keys(cache: Any, keys: list[str]) -> None:
    """Delete made keys (as ``memcached_keys`` gives them) from a Django Memcached cache."""
    if keys:
        cache._cache.delete_many(keys)

"""Cookie values shortened where the run keeps them: failure messages and Playwright traces.

A session key is a password for as long as the session lives; against a real deployment
(``--base-url``) a kept trace would otherwise hold working keys. The first characters stay,
as the report's execution table shows them, so a reader can still tell two keys apart.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

KEPT_CHARACTERS = 8
MASK = "...masked"
# Text entries of a trace: actions, network log, stacks. Resources are kept as they are.
TRACE_TEXT_SUFFIXES = (".trace", ".network", ".stacks")
COOKIE_HEADERS = ("cookie", "set-cookie")


def shorten(value: str) -> str:
    """A cookie value cut to its first characters, marked as masked; short values stay as they are."""
    return value if len(value) <= KEPT_CHARACTERS else value[:KEPT_CHARACTERS] + MASK


def cookie_pairs(header: str, *, set_cookie: bool) -> list[tuple[str, str]]:
    """The name=value pairs of a Cookie header, or the one of a Set-Cookie header."""
    pairs = [part.strip().partition("=") for part in header.split(";")]
    named = [(name, value) for name, _, value in pairs if name]
    return named[:1] if set_cookie else named


def masked_set_cookie(header: str) -> str:
    """A Set-Cookie header with its value shortened and its attributes kept."""
    [(name, value)] = cookie_pairs(header, set_cookie=True) or [("", "")]
    return header.replace(f"{name}={value}", f"{name}={shorten(value)}", 1) if name else header


def cookie_values(network_log: str) -> set[str]:
    """Every cookie value sent or set in a trace's network log (JSON lines of requests and responses)."""
    values: set[str] = set()
    for line in network_log.splitlines():
        try:
            snapshot = json.loads(line).get("snapshot", {})
        except (ValueError, AttributeError):
            continue
        for side in ("request", "response"):
            for header in snapshot.get(side, {}).get("headers", []):
                name = str(header.get("name", "")).lower()
                if name in COOKIE_HEADERS:
                    pairs = cookie_pairs(str(header.get("value", "")), set_cookie=name == "set-cookie")
                    values.update(value for _, value in pairs)
    return {value for value in values if len(value) > KEPT_CHARACTERS}


def mask_text(text: str, values: Iterable[str]) -> str:
    """``text`` with each of ``values`` shortened, longest first so none is half-replaced."""
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, shorten(value))
    return text


def mask_trace(trace: Path) -> None:
    """Shorten every cookie value in a Playwright trace, in its network log and its actions alike."""
    with zipfile.ZipFile(trace) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    network = "".join(data.decode(errors="replace") for info, data in entries if info.filename.endswith(".network"))
    values = cookie_values(network)
    if not values:
        return
    with zipfile.ZipFile(trace, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            if info.filename.endswith(TRACE_TEXT_SUFFIXES):
                data = mask_text(data.decode(), values).encode()
            archive.writestr(info, data)


def make_private(path: Path) -> None:
    """Readable by its owner only: a folder 0700, a file 0600."""
    path.chmod(0o700 if path.is_dir() else 0o600)

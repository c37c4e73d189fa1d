"""A session's data apart from the bookkeeping keys its engine or middleware adds, as the site declares them.

django-qsessions, for one, keeps ``_qsessions_ip`` and ``_qsessions_user_agent`` in every
session. A site declares such keys (``--session-bookkeeping-keys``, or its setting
SESSION_SPEC_BOOKKEEPING_KEYS) and the steps compare the application's data without them.
Django's own keys (``_auth_user_id``, ...) are data the spec asserts on: never set apart unless declared.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from typing import Any

# The setting in which a site lists the patterns of its bookkeeping keys.
BOOKKEEPING_SETTING = "SESSION_SPEC_BOOKKEEPING_KEYS"
# Django's keys are the spec's subject, not an engine's bookkeeping: no hint to hide them.
DJANGO_KEY_PREFIX = "_auth_user_"


def split_bookkeeping(session: dict[str, Any], patterns: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The session's data, and its keys that match a declared pattern, as two dicts."""
    data: dict[str, Any] = {}
    bookkeeping: dict[str, Any] = {}
    for key, value in session.items():
        declared = any(fnmatchcase(key, pattern) for pattern in patterns)
        (bookkeeping if declared else data)[key] = value
    return data, bookkeeping


def suggested_pattern(keys: list[str]) -> str:
    """A pattern that declares ``keys``: their common prefix and ``*`` where they share one, else their names."""
    # Key names, not paths: the prefix they share, character by character.
    prefix = os.path.commonprefix(keys)  # noqa: RUF071
    if len(keys) > 1 and len(prefix) > 1:
        return prefix + "*"
    return ",".join(keys)


def mismatch_message(what: str, session: dict[str, Any], expected: dict[str, Any], patterns: tuple[str, ...]) -> str:
    """Why ``session`` (``what``: "the server's session for the key ...") is not ``expected``, in one line.

    Where it holds the expected data and only other keys besides, the line names them and
    says how to declare them, unless they are Django's own.
    """
    data, bookkeeping = split_bookkeeping(session, patterns)
    besides = f" (besides the bookkeeping keys {bookkeeping})" if bookkeeping else ""
    extra = sorted(key for key in data if key not in expected)
    if not extra or {key: data[key] for key in data if key in expected} != expected:
        return f"{what} is {data}, not {expected}{besides}"
    named = ", ".join(repr(key) for key in extra)
    line = f"{what} holds {expected} and also keys the step did not name: {named}{besides}"
    if any(key.startswith(DJANGO_KEY_PREFIX) for key in extra):
        return line
    return (
        f"{line} (keys an engine or middleware adds? declare them with "
        f"--session-bookkeeping-keys {suggested_pattern(extra)!r})"
    )

"""A store this process cannot read: each step that asks it is marked "not checked", with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NoReturn

import pytest

from session_steps.server.django_store import StoreCount
from session_steps.server.site import SiteUnreadable


class StoreNotRead(SiteUnreadable):
    """A step asked a store that cannot be read from here: the step is not checked, and the scenario goes on."""


@dataclass
class NotChecked:
    """One test's steps that could not look: why the running one could not, and each one so far."""

    # Why the step running now could not look; None while it could.
    current: str | None = None
    # Each step that could not look, as written ("Then the visitor's session is {...}"), and why.
    steps: list[tuple[str, str]] = field(default_factory=list)
    # The Then steps that passed having looked: none, and the scenario checked nothing.
    checked: int = 0


NOT_CHECKED = pytest.StashKey[NotChecked]()


def not_checked(node: pytest.Item) -> NotChecked:
    """The record of a test's steps that could not look, made on first use."""
    return node.stash.setdefault(NOT_CHECKED, NotChecked())


class UnreadableStore:
    """Stands for a store that cannot be read: each question marks the asking step not checked."""

    def __init__(self, reason: str, record: NotChecked) -> None:
        self.reason = reason
        self._record = record

    def _not_read(self) -> NoReturn:
        self._record.current = self.reason
        raise StoreNotRead(self.reason)

    def load(self, session_key: str | None) -> dict[str, Any]:
        self._not_read()

    def exists(self, session_key: str) -> bool:
        self._not_read()

    def cache_holds(self, session_key: str) -> bool:
        self._not_read()

    def session_files(self) -> list[str]:
        self._not_read()

    def count(self) -> StoreCount:
        self._not_read()

    def start(self, data: dict[str, Any]) -> str:
        # An action, not a look: the scenario cannot start from a state it cannot set up.
        raise SiteUnreadable(f"{self.reason}: the scenario cannot start a session in it")

    def clear_cache(self) -> None:
        # An action, not a look: what follows it would check a cache that was never cleared.
        raise SiteUnreadable(f"{self.reason}: the scenario cannot clear its cache")

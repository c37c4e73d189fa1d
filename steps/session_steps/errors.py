"""The one error type for set-up problems the user can fix: it carries a one-line message."""

from __future__ import annotations


class SpecSetupError(Exception):
    """Something outside the spec is wrong (browser, port, settings, server).

    The message is one line saying what is wrong and what to do; ``details`` holds
    supporting text such as the tail of the server's log.
    """

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details

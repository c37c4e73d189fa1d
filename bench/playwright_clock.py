"""A clock of the time spent inside Playwright's sync API, where every call waits for the browser."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any

from playwright._impl._sync_base import SyncBase


class PlaywrightClock:
    """Seconds spent inside Playwright's sync API since the clock was installed, in all and by method."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls: Counter[str] = Counter()
        self.seconds_by_call: Counter[str] = Counter()
        self._depth = 0

    def install(self) -> None:
        unwrapped = SyncBase._sync
        clock = self

        def timed(api: SyncBase, awaitable: Any) -> Any:
            # A call made while another runs (an event handler's) is inside the outer one's time.
            clock._depth += 1
            started = time.perf_counter()
            try:
                return unwrapped(api, awaitable)
            finally:
                clock._depth -= 1
                if clock._depth == 0:
                    seconds = time.perf_counter() - started
                    # The sync API's method that called: "Page.goto", "BrowserContext.cookies".
                    name = f"{type(api).__name__}.{sys._getframe(1).f_code.co_name}"
                    clock.seconds += seconds
                    clock.calls[name] += 1
                    clock.seconds_by_call[name] += seconds

        SyncBase._sync = timed  # type: ignore[method-assign]

    def since(self, calls: Counter[str], seconds: Counter[str]) -> dict[str, list[float]]:
        """Each method's [calls, seconds] since the counts ``calls`` and ``seconds`` were copied."""
        return {
            name: [self.calls[name] - calls[name], self.seconds_by_call[name] - seconds[name]]
            for name in self.calls
            if self.calls[name] != calls[name]
        }


CLOCK = PlaywrightClock()

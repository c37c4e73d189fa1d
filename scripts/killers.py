"""Which tests killed earlier mutants: tried first on the next mutant of the same unit.

Mutants of one step or helper tend to be killed by the same few scenarios. Walking the
sites in order, a mutant that a near miss kills would first sit through the bundled
site's every reached scenario; trying the tests that killed its neighbours first makes
most verdicts one short run. The walk in order still follows for a mutant they do not
kill, so the verdict is the same, only reached sooner.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

SiteT = TypeVar("SiteT", bound=Hashable)

# How many of the tests that killed most often are tried first, of the unit and of the module.
TRIED_FIRST = 3


class Killers(Generic[SiteT]):
    """A count of the (site, test) pairs that killed mutants, by unit and by module.

    Shared by the threads that judge mutants at once, so every access holds the lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: defaultdict[str, Counter[tuple[SiteT, str]]] = defaultdict(Counter)

    def record(self, module: str, unit: str, site: SiteT, tests: list[str]) -> None:
        """``tests`` on ``site`` gave a mutant of ``unit`` in ``module`` away."""
        with self._lock:
            for key in (f"{module}: {unit}", module):
                self._counts[key].update((site, test) for test in tests)

    def likely(self, module: str, unit: str, admits: Callable[[SiteT, str], bool]) -> list[tuple[SiteT, list[str]]]:
        """The tests to try first on a mutant of ``unit``, grouped by site in the order found.

        Of the unit's killers first, then of its module's; only the pairs ``admits`` (a test
        of the site's baseline, of a scenario the mutant reaches).
        """
        with self._lock:
            pairs: list[tuple[SiteT, str]] = []
            for key in (f"{module}: {unit}", module):
                found = [pair for pair, _ in self._counts[key].most_common() if admits(*pair)]
                pairs += [pair for pair in found if pair not in pairs][:TRIED_FIRST]
        grouped: dict[SiteT, list[str]] = {}
        for site, test in pairs:
            grouped.setdefault(site, []).append(test)
        return list(grouped.items())

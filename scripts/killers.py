"""Which tests killed earlier mutants: tried first on the next mutant of the same unit.

Mutants of one step or helper tend to be killed by the same few scenarios. Walking the
sites in order, a mutant that a near miss kills would first sit through the bundled
site's every reached scenario; trying the tests that killed its neighbours first makes
most verdicts one short run. The walk in order still follows for a mutant they do not
kill, so the verdict is the same, only reached sooner.

Every run saves its count (``save``), an interrupted or a partial one too, and the next
run starts from it (``load``): the first mutants of each unit then go straight to the
tests that killed their like before. A unit or module this run judged is counted anew;
the others keep the count of the run that last judged them. A count that no longer fits
the code (a test renamed, a unit gone) only orders the tries less well; it never changes
a verdict.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
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
        # What an earlier run counted (``load``): it orders the tries, and is saved again
        # only for the units and modules this run did not count.
        self._prior: defaultdict[str, Counter[tuple[SiteT, str]]] = defaultdict(Counter)

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
                counts = self._counts.get(key, Counter()) + self._prior.get(key, Counter())
                found = [pair for pair, _ in counts.most_common() if admits(*pair)]
                pairs += [pair for pair in found if pair not in pairs][:TRIED_FIRST]
        grouped: dict[SiteT, list[str]] = {}
        for site, test in pairs:
            grouped.setdefault(site, []).append(test)
        return list(grouped.items())

    def save(self, path: Path, name_of: Callable[[SiteT], str]) -> None:
        """Write the count to ``path`` as JSON: by unit and module, [site name, test, kills], most first.

        A unit or module this run counted is written with this run's count alone; the others
        as ``load`` read them.
        """
        with self._lock:
            merged = {**self._prior, **self._counts}
            counts = {
                key: [[name_of(site), test, kills] for (site, test), kills in counter.most_common()]
                for key, counter in sorted(merged.items())
                if counter
            }
        path.write_text(json.dumps(counts, indent=1) + "\n")

    def load(self, path: Path, sites: Mapping[str, SiteT]) -> None:
        """Add a count ``save`` wrote; sites not in ``sites`` (by name) and a missing file are left out."""
        if not path.exists():
            return
        with self._lock:
            for key, entries in json.loads(path.read_text()).items():
                for name, test, kills in entries:
                    if name in sites:
                        self._prior[key][sites[name], test] += int(kills)

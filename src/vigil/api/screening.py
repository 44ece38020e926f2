"""One screener per process, rebuilt when the register's current versions change."""

from __future__ import annotations

import threading
import time
from typing import Final

from vigil.register.query import iter_entities
from vigil.register.versions import current_versions
from vigil.screening.api import Screener
from vigil.screening.decisions import suppressed_pairs
from vigil.store import Store

CHECK_EVERY_S: Final = 5.0  # how often to look for new list versions


class ScreenerCache:
    """Builds the screener once, and again only when a list gets a new current version."""

    def __init__(self, check_every_s: float = CHECK_EVERY_S) -> None:
        self.check_every_s = check_every_s
        self._lock = threading.Lock()
        self._screener: Screener | None = None
        self._key: tuple[tuple[str, int], ...] = ()
        self._checked_s = float("-inf")

    @classmethod
    def pinned(cls, screener: Screener, key: tuple[tuple[str, int], ...]) -> ScreenerCache:
        """A cache that always answers ``screener`` and never reads the store (worker processes:
        the register cannot change under a running server, which holds the store's lock)."""
        cache = cls(check_every_s=float("inf"))
        cache._screener, cache._key, cache._checked_s = screener, key, time.monotonic()
        return cache

    def versions(self) -> tuple[tuple[str, int], ...]:
        """The (list, version id) pairs the current screener was built from."""
        return self._key

    def fresh(self) -> Screener | None:
        """The screener if it was checked against the register recently, without any I/O."""
        if self._screener is not None and time.monotonic() - self._checked_s < self.check_every_s:
            return self._screener
        return None

    def get(self, store: Store) -> Screener:
        """The screener for the store's current register."""
        now_s = time.monotonic()
        if self._screener is not None and now_s - self._checked_s < self.check_every_s:
            return self._screener
        with self._lock:
            if self._screener is not None and self._checked_s >= now_s:
                return self._screener  # another request checked while this one waited
            key = tuple(sorted((n, v.version_id) for n, v in current_versions(store).items()))
            if self._screener is None or key != self._key:
                screener = Screener.from_entities(iter_entities(store))
                screener.suppressed = suppressed_pairs(store)
                screener.warm()  # every entry's forms now, then out of the collector's reach
                self._screener, self._key = screener, key
            self._checked_s = time.monotonic()
            return self._screener

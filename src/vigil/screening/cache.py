"""The built index cached on disk, one file per set of register versions
(:mod:`vigil.register.cached`): ``vigil screen`` would otherwise rebuild it on every call."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from vigil.register.cached import cache_file, read_cached, write_cached
from vigil.register.query import iter_entities
from vigil.screening.index import ScreeningIndex
from vigil.screening.records import records_from_entities
from vigil.settings import Settings
from vigil.store import Store

INDEX_FORMAT: Final = "screening-index-3"  # bump when ScreeningIndex's layout changes


def cache_path(settings: Settings, store: Store) -> Path:
    """Where the index of the store's current versions is cached."""
    return cache_file(settings, store, "screening", INDEX_FORMAT)


def load_index(settings: Settings, store: Store) -> ScreeningIndex:
    """The index of the current register: from the cache, or built and cached."""
    path = cache_path(settings, store)
    index = read_cached(path, ScreeningIndex)
    if index is None:
        index = ScreeningIndex(records_from_entities(iter_entities(store)))
        write_cached(path, index)
    return index

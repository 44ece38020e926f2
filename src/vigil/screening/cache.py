"""The built index cached on disk, one file per set of register versions.

``vigil screen`` would otherwise rebuild the index from the store on every call. The file
name carries a hash of the current versions' content hashes and of :data:`INDEX_FORMAT`, so a
new list version (or a new index layout) makes a new file; older files are removed.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Final

from vigil.register.query import iter_entities
from vigil.register.versions import current_versions
from vigil.screening.index import ScreeningIndex
from vigil.screening.records import records_from_entities
from vigil.settings import Settings
from vigil.store import Store

INDEX_FORMAT: Final = "screening-index-2"  # bump when ScreeningIndex's layout changes


def cache_path(settings: Settings, store: Store) -> Path:
    """Where the index of the store's current versions is cached."""
    hashes = sorted(f"{name}:{v.content_hash}" for name, v in current_versions(store).items())
    key = hashlib.sha256("\n".join([INDEX_FORMAT, *hashes]).encode()).hexdigest()[:16]
    return settings.home / "cache" / f"screening-{key}.pkl"


def load_index(settings: Settings, store: Store) -> ScreeningIndex:
    """The index of the current register: from the cache, or built and cached."""
    path = cache_path(settings, store)
    if path.exists():
        try:
            with path.open("rb") as handle:
                index = pickle.load(handle)  # our own file, written below
            if isinstance(index, ScreeningIndex):
                return index
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a broken or stale cache file is rebuilt
    index = ScreeningIndex(records_from_entities(iter_entities(store)))
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("screening-*.pkl"):
        old.unlink(missing_ok=True)
    partial = path.with_suffix(".tmp")
    with partial.open("wb") as handle:
        pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
    return index

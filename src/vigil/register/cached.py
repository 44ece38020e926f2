"""Objects built from the register, cached on disk, one file per set of register versions.

Screening's index and the documents matcher take seconds to build and a fraction of that to
load. A cache file's name carries a hash of the current list versions' content hashes and of
the caller's own parts (a layout version, the lists asked for), so a new list version or a new
layout makes a new file; older files of the same kind are removed when a new one is written.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import TypeVar

from vigil.register.versions import current_versions
from vigil.settings import Settings
from vigil.store import Store

T = TypeVar("T")


def cache_file(settings: Settings, store: Store, kind: str, *parts: str) -> Path:
    """Where the ``kind`` object built from the store's current versions is cached."""
    hashes = sorted(f"{name}:{v.content_hash}" for name, v in current_versions(store).items())
    key = hashlib.sha256("\n".join([*parts, *hashes]).encode()).hexdigest()[:16]
    return settings.home / "cache" / f"{kind}-{key}.pkl"


def read_cached(path: Path, cls: type[T]) -> T | None:
    """The ``cls`` object in ``path``, or None when the file is missing, broken or stale."""
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)  # our own file, written by write_cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # a broken or stale cache file is rebuilt
    return found if isinstance(found, cls) else None


def write_cached(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` atomically and remove older files of the same kind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = path.name.rsplit("-", 1)[0]
    for old in path.parent.glob(f"{kind}-*.pkl"):
        old.unlink(missing_ok=True)
    partial = path.with_suffix(".tmp")
    with partial.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)

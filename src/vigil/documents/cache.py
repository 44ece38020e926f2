"""The built matcher cached on disk, one file per set of register versions.

Building the matcher over the UN and OFAC lists takes seconds (every name's keys and the
automaton); loading it takes about a sixth of that. The file name carries a hash of the
current list versions' content hashes, the lists asked for and :data:`MATCHER_FORMAT`, so a
new list version (or a new matcher layout) makes a new file; older files are removed.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from vigil.documents.matcher import DocumentMatcher
from vigil.register.versions import current_versions
from vigil.settings import Settings
from vigil.store import Store

MATCHER_FORMAT: Final = "documents-matcher-2"  # bump when DocumentMatcher's layout changes


def cache_path(settings: Settings, store: Store, lists: Sequence[str] | None = None) -> Path:
    """Where the matcher of the store's current versions (of ``lists``, or all) is cached."""
    hashes = sorted(f"{name}:{v.content_hash}" for name, v in current_versions(store).items())
    wanted = ",".join(sorted(lists)) if lists else "*"
    key = hashlib.sha256("\n".join([MATCHER_FORMAT, wanted, *hashes]).encode()).hexdigest()
    return settings.home / "cache" / f"documents-{key[:16]}.pkl"


def _load(path: Path) -> DocumentMatcher | None:
    try:
        with path.open("rb") as handle:
            matcher = pickle.load(handle)  # our own file, written by load_matcher
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # a broken or stale cache file is rebuilt
    return matcher if isinstance(matcher, DocumentMatcher) else None


def load_matcher(
    settings: Settings, store: Store, lists: Sequence[str] | None = None
) -> DocumentMatcher:
    """The matcher of the current register: from the cache, or built and cached."""
    path = cache_path(settings, store, lists)
    if path.exists():
        found = _load(path)
        if found is not None:
            return found
    matcher = DocumentMatcher.from_store(store, lists=lists or None)
    if not matcher.records:
        return matcher  # nothing worth caching (an empty register)
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("documents-*.pkl"):
        old.unlink(missing_ok=True)
    partial = path.with_suffix(".tmp")
    with partial.open("wb") as handle:
        pickle.dump(matcher, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
    return matcher

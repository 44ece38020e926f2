"""The built matcher cached on disk, one file per set of register versions and lists asked
for (:mod:`vigil.register.cached`): building it over the UN and OFAC lists takes seconds (every
name's keys and the automaton); loading it takes about a sixth of that."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from vigil.documents.matcher import DocumentMatcher
from vigil.register.cached import cache_file, read_cached, write_cached
from vigil.settings import Settings
from vigil.store import Store

MATCHER_FORMAT: Final = "documents-matcher-2"  # bump when DocumentMatcher's layout changes


def cache_path(settings: Settings, store: Store, lists: Sequence[str] | None = None) -> Path:
    """Where the matcher of the store's current versions (of ``lists``, or all) is cached."""
    wanted = ",".join(sorted(lists)) if lists else "*"
    return cache_file(settings, store, "documents", MATCHER_FORMAT, wanted)


def load_matcher(
    settings: Settings, store: Store, lists: Sequence[str] | None = None
) -> DocumentMatcher:
    """The matcher of the current register: from the cache, or built and cached."""
    path = cache_path(settings, store, lists)
    found = read_cached(path, DocumentMatcher)
    if found is not None:
        return found
    matcher = DocumentMatcher.from_store(store, lists=lists or None)
    if matcher.records:  # an empty register is not worth caching
        write_cached(path, matcher)
    return matcher

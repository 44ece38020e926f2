"""The matcher is cached per set of register versions, and rebuilt when the register changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.documents import cache
from vigil.documents.cache import cache_path, load_matcher
from vigil.documents.scan import scan_text
from vigil.register.ingest import ingest
from vigil.settings import Settings
from vigil.store import Store

from .conftest import SHARED_DATA

UN = SHARED_DATA / "sanctions" / "un_consolidated_2026-02-27.xml"


def test_cached_per_register_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built once, then loaded; a broken file is rebuilt; a new version gets a new file."""
    settings = Settings(home=tmp_path, progress="never")
    with Store.open(settings) as store:
        ingest(store, UN)
        path = cache_path(settings, store)
        path.parent.mkdir(parents=True)
        path.write_bytes(b"not a pickle")
        first = load_matcher(settings, store)
        assert first.records and path.stat().st_size > 1000
        built: list[int] = []
        monkeypatch.setattr(cache.DocumentMatcher, "from_store", lambda *a, **k: built.append(1))
        second = load_matcher(settings, store)
        assert not built and second is not first and second.key_count == first.key_count
        text = "The Panel says that Ri Je Son met the envoy."
        assert [m.to_dict() for m in scan_text(text, second)] == [
            m.to_dict() for m in scan_text(text, first)
        ]
        assert cache_path(settings, store, ["un"]) != path  # another selection, another file
        store.conn.execute("UPDATE register_versions SET content_hash = 'changed'")
        assert cache_path(settings, store) != path

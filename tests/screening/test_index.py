"""The candidate index: a build in several processes, stop-keys and the postings budget."""

from __future__ import annotations

import numpy as np
import pytest

from vigil.screening import index as index_module
from vigil.screening import index_build
from vigil.screening.index import ScreeningIndex
from vigil.screening.records import Record


def _person(number: int, name: str) -> Record:
    return Record(entity_id=f"p-{number}", caption=name, schema="Person", names=(name,))


def _register() -> list[Record]:
    """Many people called Kim and Pak (common keys), a few distinctive ones (rare keys)."""
    common = [_person(i, f"Kim {given} Pak") for i, given in enumerate(["Chol", "Su", "Il"] * 40)]
    rare = [_person(1000, "Ri Je Son"), _person(1001, "Kim Yong Sok"), _person(1002, "Pak Ryo")]
    return common + rare


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_parallel_build_is_the_same_index(workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_build, "PARALLEL_MIN_RECORDS", 10)
    records = _register()
    one, many = ScreeningIndex(records), ScreeningIndex(records, workers=workers)
    assert np.array_equal(one._keys, many._keys)
    assert np.array_equal(one._postings, many._postings)
    assert np.array_equal(one._offsets, many._offsets)
    assert one.name_keys == many.name_keys and one.name_owners == many.name_owners


@pytest.mark.parametrize(
    ("keys", "max_postings", "expected_first", "most"),
    [
        # tkim is carried by 121 entries: a stop-key at 50, so Kim Yong Sok comes first.
        (["tkim", "tyong", "tsok"], 50, "p-1001", 1),
        # every key a stop-key: the rarest one's first max_postings entries only
        (["tkim", "tpak"], 20, None, 20),
        # no cap reached: every entry carrying a key is a candidate
        (["tkim", "tri"], 5000, None, 122),
    ],
)
def test_stop_keys(
    keys: list[str],
    max_postings: int,
    expected_first: str | None,
    most: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_module, "MAX_DF_SHARE", 1.0)
    monkeypatch.setattr(index_module, "MAX_POSTINGS", max_postings)
    index = ScreeningIndex(_register())
    found = index.candidates(keys, limit=500)
    assert 0 < len(found) <= most
    if expected_first:
        assert index.records[found[0]].entity_id == expected_first


def test_postings_budget_reads_rarest_keys_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "MAX_DF_SHARE", 1.0)
    monkeypatch.setattr(index_module, "QUERY_POSTINGS", 10)
    index = ScreeningIndex(_register())
    found = index.candidates(["tkim", "tri", "tje"], limit=500)
    assert [index.records[n].entity_id for n in found] == ["p-1000"]

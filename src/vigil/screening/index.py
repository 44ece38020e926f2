"""The in-process candidate index: name keys and identifiers to register entries.

Every name token contributes keys (its text, its metaphone, its Korean keys, and the same for
two adjacent tokens joined, so ``Jongun`` finds ``Jong Un``). A query collects the postings of
its keys, weighs each key by its rarity (idf), and hands the best few dozen entries to the
first pass (:mod:`.prefilter`).

Memory: a million entries must fit in a few GB, so keys are not kept as strings. Each key is
a 64-bit hash (two C checksums); the postings are one sorted int32 array (CSR layout) found by
binary search over the sorted key hashes. Name forms (Python objects) are not kept per entry;
they are built for the few entries a query scores and cached by name.

Stop-keys: a key carried by more than ``MAX_DF_SHARE`` of the entries or more than
``MAX_POSTINGS`` entries (``kim`` in a million-entry register) is skipped when the query has
rarer keys, as an inverted index skips stop words; when every key is that common, the rarest
one's first ``MAX_POSTINGS`` entries are taken. A key's entries are then about equally likely
candidates, and reading hundreds of thousands of them would cost more than all the rest of
the query. Below 100,000 entries the share limit is the smaller one (800 entries for the
16,000 of UN + OFAC), so the absolute cap changes only larger registers. For the same reason
a query reads at most ``QUERY_POSTINGS`` postings, its rarest keys first (identifiers always):
the common keys it leaves out weigh least (idf) and would only add weak candidates.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import numpy as np
import numpy.typing as npt

from vigil.screening.index_build import build_entries
from vigil.screening.keys import key_hash
from vigil.screening.records import Record

MAX_DF_SHARE: Final = 0.05  # keys in more than 5% of entries are skipped when others exist
MAX_POSTINGS: Final = 5_000  # ... and so are keys in more entries than this (stop-keys)
QUERY_POSTINGS: Final = 30_000  # a query reads at most this many postings, rarest keys first
ID_WEIGHT: Final = 50.0  # an identifier key outranks any name key


class ScreeningIndex:
    """Records, their first-pass name keys, and an inverted index from keys to records.

    ``workers`` > 1 computes the keys of large registers in that many forked processes
    (:mod:`.index_build`); the index is the same either way.
    """

    def __init__(self, records: Iterable[Record], workers: int = 1) -> None:
        self.records: list[Record] = list(records)
        entries = build_entries(self.records, workers)
        self.name_keys: list[tuple[str, ...]] = entries.name_keys  # first-pass key per reading
        self.name_owners: list[bytes] = entries.name_owners  # which name each reading is of
        self._build(entries.hashes, entries.numbers)

    def _build(self, hashes: npt.NDArray[np.uint64], numbers: npt.NDArray[np.int32]) -> None:
        order = np.argsort(hashes, kind="stable")
        sorted_hashes = hashes[order]
        self._postings: npt.NDArray[np.int32] = numbers[order].copy()
        self._keys, starts = np.unique(sorted_hashes, return_index=True)
        self._offsets: npt.NDArray[np.int64] = np.append(starts, len(sorted_hashes)).astype(
            np.int64
        )

    def __len__(self) -> int:
        return len(self.records)

    def postings(self, key: str) -> npt.NDArray[np.int32] | None:
        """Record numbers carrying ``key``."""
        wanted = np.uint64(key_hash(key))
        slot = int(np.searchsorted(self._keys, wanted))
        if slot >= len(self._keys) or self._keys[slot] != wanted:
            return None
        return self._postings[self._offsets[slot] : self._offsets[slot + 1]]

    def memory_bytes(self) -> int:
        """Bytes held by the key and posting arrays (records and name keys come on top)."""
        return int(self._postings.nbytes + self._offsets.nbytes + self._keys.nbytes)

    def candidates(self, keys: Iterable[str], limit: int) -> list[int]:
        """Record numbers sharing the most (rarest) keys with the query, best first.

        All keys are looked up in one binary search; stop-keys are skipped (module docstring).
        """
        names = list(keys)
        if not names or not len(self._keys):
            return []
        wanted = np.fromiter(map(key_hash, names), dtype=np.uint64, count=len(names))
        slots = np.minimum(np.searchsorted(self._keys, wanted), len(self._keys) - 1)
        hit = np.flatnonzero(self._keys[slots] == wanted)
        if not len(hit):
            return []
        starts, ends = self._offsets[slots[hit]], self._offsets[slots[hit] + 1]
        sizes = ends - starts
        is_id = np.fromiter((names[i].startswith("i") for i in hit), dtype=bool, count=len(hit))
        total = max(len(self.records), 1)
        common = min(int(MAX_DF_SHARE * total) + 1, MAX_POSTINGS)
        keep = np.flatnonzero((sizes <= common) | is_id)
        if not len(keep):  # only stop-keys: the rarest one's first entries
            keep = np.argsort(sizes, kind="stable")[:1]
            ends = np.minimum(ends, starts + MAX_POSTINGS)
        else:  # rarest keys first, within the query's budget of postings
            keep = keep[np.argsort(sizes[keep], kind="stable")]
            within = np.cumsum(sizes[keep]) <= QUERY_POSTINGS
            keep = keep[within | is_id[keep]] if within[0] else keep[:1]
        arrays = [self._postings[starts[i] : ends[i]] for i in keep]
        weights = np.where(is_id[keep], ID_WEIGHT, np.log1p(total / sizes[keep]))
        ids = np.concatenate(arrays)
        scores = np.repeat(weights, [len(a) for a in arrays])
        unique, inverse = np.unique(ids, return_inverse=True)
        totals = np.bincount(inverse, weights=scores)
        if len(unique) > limit:
            top = np.argpartition(-totals, limit)[:limit]
        else:
            top = np.arange(len(unique))
        top = top[np.argsort(-totals[top], kind="stable")]
        return [int(unique[i]) for i in top]

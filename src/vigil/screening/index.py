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

from vigil.screening._fast import top_entries
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
        self.kinds: list[str] = [r.kind for r in self.records]  # the query's kinds filter them
        entries = build_entries(self.records, workers)
        self.name_keys: list[tuple[str, ...]] = entries.name_keys  # first-pass key per reading
        self.name_owners: list[bytes] = entries.name_owners  # which name each reading is of
        self._build(entries.hashes, entries.numbers)

    def _build(self, hashes: npt.NDArray[np.uint64], numbers: npt.NDArray[np.int32]) -> None:
        order = np.argsort(hashes, kind="stable")
        sorted_hashes = hashes[order]
        self._postings: npt.NDArray[np.int32] = numbers[order].copy()
        self._sizes: npt.NDArray[np.int32] = np.bincount(
            numbers, minlength=len(self.records)
        ).astype(np.int32)  # keys per entry: retrieval ties go to the entry with fewer
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
        return int(
            self._postings.nbytes + self._offsets.nbytes + self._keys.nbytes + self._sizes.nbytes
        )

    def candidates(self, keys: Iterable[str], limit: int) -> list[int]:
        """Record numbers sharing the most (rarest) keys with the query, best first (ties: the
        record with fewer keys, of which the query matched more, then the lower number), at
        most ``limit``. Stop-keys are skipped (module docstring); the
        loop is compiled (:func:`vigil.screening._fast.top_entries`)."""
        names = list(keys)
        if not names or not len(self._keys):
            return []
        wanted = np.fromiter(map(key_hash, names), dtype=np.uint64, count=len(names))
        is_id = np.fromiter((n.startswith("i") for n in names), dtype=np.uint8, count=len(names))
        total = max(len(self.records), 1)
        common = min(int(MAX_DF_SHARE * total) + 1, MAX_POSTINGS)
        return top_entries(self._keys, self._offsets, self._postings, self._sizes, wanted, is_id,
                           total, common, MAX_POSTINGS, QUERY_POSTINGS, ID_WEIGHT, limit)  # fmt: skip

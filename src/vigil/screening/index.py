"""The in-process candidate index: name keys and identifiers to register entries.

Every name token contributes keys (its text, its metaphone, its Korean keys, and the same for
two adjacent tokens joined, so ``Jongun`` finds ``Jong Un``). A query collects the postings of
its keys, weighs each key by its rarity (idf), and hands the best few hundred entries to the
scorer. Postings are one sorted int32 array (CSR layout) so that a million entries fit in
memory and a query touches only the postings of its own keys.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator
from typing import Final

import numpy as np
import numpy.typing as npt

from vigil.screening.records import Record
from vigil.screening.variants import NameForm

MAX_DF_SHARE: Final = 0.05  # keys in more than 5% of entries are skipped when others exist
ID_WEIGHT: Final = 50.0  # an identifier key outranks any name key


def form_keys(form: NameForm) -> Iterator[str]:
    """The index keys of one name form."""
    tokens = form.tokens
    only_weak = all(w < 1.0 for w in form.weights)
    for token, weight in zip(tokens, form.weights, strict=True):
        if weight < 1.0 and not only_weak:
            continue
        yield "t" + token.text
        if token.phonetic and len(token.text) > 3:
            yield "p" + token.phonetic
        for key in token.korean:
            yield "k" + key
    for parts, joined in form.units:
        if len(parts) > 1:
            yield "t" + joined.text
            if all(tokens[i].korean for i in parts):
                for key in joined.korean:
                    yield "k" + key


def record_keys(record: Record) -> set[str]:
    """Every index key of a record: its names' keys and its identifiers."""
    keys = {k for form in record.forms() for k in form_keys(form)}
    keys.update("i" + i for i in record.identifiers)
    return keys


class ScreeningIndex:
    """Records plus an inverted index from keys to record numbers."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.records: list[Record] = []
        self._key_ids: dict[str, int] = {}
        keys_col = array("i")
        recs_col = array("i")
        for number, record in enumerate(records):
            self.records.append(record)
            for key in record_keys(record):
                key_id = self._key_ids.setdefault(key, len(self._key_ids))
                keys_col.append(key_id)
                recs_col.append(number)
        keys_np = np.frombuffer(keys_col, dtype=np.int32)
        recs_np = np.frombuffer(recs_col, dtype=np.int32)
        order = np.argsort(keys_np, kind="stable")
        self._postings: npt.NDArray[np.int32] = recs_np[order].copy()
        counts = np.bincount(keys_np, minlength=len(self._key_ids))
        self._offsets: npt.NDArray[np.int64] = np.concatenate(([0], np.cumsum(counts)))

    def __len__(self) -> int:
        return len(self.records)

    def postings(self, key: str) -> npt.NDArray[np.int32] | None:
        """Record numbers carrying ``key``."""
        key_id = self._key_ids.get(key)
        if key_id is None:
            return None
        return self._postings[self._offsets[key_id] : self._offsets[key_id + 1]]

    def memory_bytes(self) -> int:
        """Bytes held by the posting arrays (records and the key table come on top)."""
        return int(self._postings.nbytes + self._offsets.nbytes)

    def candidates(self, keys: set[str], limit: int) -> list[int]:
        """Record numbers sharing the most (rarest) keys with the query, best first."""
        found = [(key, p) for key in keys if (p := self.postings(key)) is not None]
        if not found:
            return []
        total = max(len(self.records), 1)
        common = int(MAX_DF_SHARE * total) + 1
        rare = [(k, p) for k, p in found if len(p) <= common or k.startswith("i")]
        found = rare or sorted(found, key=lambda item: len(item[1]))[:1]
        arrays = [p for _, p in found]
        weights = [
            ID_WEIGHT if k.startswith("i") else math.log(1.0 + total / len(p)) for k, p in found
        ]
        ids = np.concatenate(arrays)
        scores = np.repeat(np.asarray(weights), [len(a) for a in arrays])
        unique, inverse = np.unique(ids, return_inverse=True)
        totals = np.bincount(inverse, weights=scores)
        if len(unique) > limit:
            top = np.argpartition(-totals, limit)[:limit]
        else:
            top = np.arange(len(unique))
        top = top[np.argsort(-totals[top], kind="stable")]
        return [int(unique[i]) for i in top]

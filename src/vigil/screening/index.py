"""The in-process candidate index: name keys and identifiers to register entries.

Every name token contributes keys (its text, its metaphone, its Korean keys, and the same for
two adjacent tokens joined, so ``Jongun`` finds ``Jong Un``). A query collects the postings of
its keys, weighs each key by its rarity (idf), and hands the best few dozen entries to the
first pass (:mod:`.prefilter`).

Memory: a million entries must fit in a few GB, so keys are not kept as strings. Each key is
a 64-bit hash (two C checksums); the postings are one sorted int32 array (CSR layout) found by
binary search over the sorted key hashes. Name forms (Python objects) are not kept per entry;
they are built for the few entries a query scores and cached by name.
"""

from __future__ import annotations

import math
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import Final

import numpy as np
import numpy.typing as npt

from vigil.screening.prefilter import compare_key
from vigil.screening.records import Record
from vigil.screening.variants import NameForm, Token, light_forms

MAX_DF_SHARE: Final = 0.05  # keys in more than 5% of entries are skipped when others exist
ID_WEIGHT: Final = 50.0  # an identifier key outranks any name key
MAX_NAME_NUMBER: Final = 255  # name positions are kept in one byte


def key_hash(key: str) -> int:
    """A stable 64-bit hash of an index key (the same in every process and run)."""
    data = key.encode("utf-8")
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


def token_keys(tokens: Sequence[Token], weights: Sequence[float]) -> Iterator[str]:
    """The index keys of one reading of a name: its tokens' keys and adjacent pairs joined.

    A joined pair's Korean keys are its parts' keys concatenated (``jong`` + ``un`` is the key
    of ``jongun``), which is what :func:`vigil.screening.korean.korean_key` gives the joined
    token and needs no regular expressions for a million entries.
    """
    only_weak = all(w < 1.0 for w in weights)
    for token, weight in zip(tokens, weights, strict=True):
        if weight < 1.0 and not only_weak:
            continue
        yield "t" + token.text
        if token.phonetic and len(token.text) > 3:
            yield "p" + token.phonetic
        for key in token.korean:
            yield "k" + key
    if len(tokens) > 8:
        return
    if 3 <= len(tokens) <= 4 and not any(t.numeric for t in tokens):  # Chon Ma San = Chonmasan
        yield "t" + "".join(t.text for t in tokens)
    for a, b in pairwise(tokens):
        if a.numeric or b.numeric:
            continue
        yield "t" + a.text + b.text
        for first in a.korean:
            for second in b.korean:
                yield "k" + first + second


def form_keys(form: NameForm) -> Iterator[str]:
    """The index keys of one name form (the query side)."""
    return token_keys(form.tokens, form.weights)


def record_entries(record: Record) -> tuple[set[str], list[str], bytes]:
    """A record's index keys, and the first-pass key of each name reading with its name number."""
    keys = {"i" + i for i in record.identifiers}
    texts: list[str] = []
    owners = bytearray()
    for number, name in enumerate(record.names):
        for tokens, weights in light_forms(name, record.kind):
            keys.update(token_keys(tokens, weights))
            texts.append(compare_key(tokens, weights))
            owners.append(min(number, MAX_NAME_NUMBER))
    return keys, texts, bytes(owners)


class ScreeningIndex:
    """Records, their first-pass name keys, and an inverted index from keys to records."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.records: list[Record] = []
        self.name_keys: list[tuple[str, ...]] = []  # first-pass key per name reading
        self.name_owners: list[bytes] = []  # which name (position) each reading is of
        hashes = array("Q")
        numbers = array("i")
        for number, record in enumerate(records):
            keys, texts, owners = record_entries(record)
            self.records.append(record)
            self.name_keys.append(tuple(texts))
            self.name_owners.append(owners)
            hashes.extend(key_hash(k) for k in keys)
            numbers.extend([number] * len(keys))
        self._build(np.frombuffer(hashes, dtype=np.uint64), np.frombuffer(numbers, dtype=np.int32))

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

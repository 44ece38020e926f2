"""The keys of every register entry, computed in one process or in several.

Key generation is Python code over every name of every entry (about 0.2 ms an entry), so a
million-entry register takes minutes in one process. With ``workers`` > 1 the records are
split into chunks that forked processes turn into flat arrays (key hashes and entry numbers,
as bytes) and first-pass keys; the parent concatenates them in order, so the index is the
same as a one-process build. Forked workers read the records copy-on-write (no pickling).
"""

from __future__ import annotations

import multiprocessing
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from vigil.screening.keys import record_entries
from vigil.screening.records import Record

PARALLEL_MIN_RECORDS: Final = 50_000  # smaller registers are built in one process
CHUNKS_PER_WORKER: Final = 4
_SHARED: dict[str, Sequence[Record]] = {}


@dataclass
class Entries:
    """Flat index input: one (key hash, entry number) per key, and each entry's first-pass
    keys with the name number of each."""

    hashes: npt.NDArray[np.uint64]
    numbers: npt.NDArray[np.int32]
    name_keys: list[tuple[str, ...]]
    name_owners: list[bytes]


Chunk = tuple[bytes, bytes, list[tuple[str, ...]], list[bytes]]


def chunk_entries(records: Sequence[Record], first: int, last: int) -> Chunk:
    """The entries of ``records[first:last]`` (numbers are positions in ``records``)."""
    hashes = array("Q")
    numbers = array("i")
    name_keys: list[tuple[str, ...]] = []
    name_owners: list[bytes] = []
    for number in range(first, last):
        keys, texts, owners = record_entries(records[number])
        name_keys.append(tuple(texts))
        name_owners.append(owners)
        hashes.extend(keys)
        numbers.extend([number] * len(keys))
    return hashes.tobytes(), numbers.tobytes(), name_keys, name_owners


def _work(bounds: tuple[int, int]) -> Chunk:
    return chunk_entries(_SHARED["records"], *bounds)


def build_entries(records: Sequence[Record], workers: int = 1) -> Entries:
    """The entries of every record, in ``workers`` processes when the register is large."""
    if workers > 1 and len(records) >= PARALLEL_MIN_RECORDS:
        step = -(-len(records) // (workers * CHUNKS_PER_WORKER))
        bounds = [(lo, min(lo + step, len(records))) for lo in range(0, len(records), step)]
        _SHARED["records"] = records
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                chunks = pool.map(_work, bounds, chunksize=1)
        finally:
            _SHARED.clear()
    else:
        chunks = [chunk_entries(records, 0, len(records))]
    return Entries(
        hashes=np.frombuffer(b"".join(c[0] for c in chunks), dtype=np.uint64),
        numbers=np.frombuffer(b"".join(c[1] for c in chunks), dtype=np.int32),
        name_keys=[k for c in chunks for k in c[2]],
        name_owners=[o for c in chunks for o in c[3]],
    )

"""The cheap first pass: rank retrieved entries with a compiled string scorer.

Each name reading is reduced to one key string: its full-weight tokens, each written as its
romanization-blind Korean key when it reads as Korean (``Lee``/``Ri`` → ``i``) or else its
Latin spelling skeleton, sorted (name order does not matter). rapidfuzz's C scorer
``token_ratio`` (the better of token-sort and token-set ratio) compares the query's keys with
the keys of every retrieved entry at once (``process.cdist``). Only the best few entries, and
only their names that scored near their best, go on to the full, explained scorer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice, product
from typing import Final

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from vigil.screening._fast import first_pass
from vigil.screening.variants import NameForm, Token

FINALISTS: Final = 6  # entries fully scored per query
NAME_MARGIN: Final = 12.0  # names within this many points of an entry's best are scored
MAX_NAMES: Final = 4  # at most this many names of one entry are scored
MAX_QUERY_KEYS: Final = 16  # readings of one query form compared


def compare_key(tokens: Sequence[Token], weights: Sequence[float]) -> str:
    """The first-pass key of one name reading (see the module docstring)."""
    only_weak = all(w < 1.0 for w in weights)
    parts = [
        min(t.korean) if t.korean else t.skeleton
        for t, w in zip(tokens, weights, strict=True)
        if w >= 1.0 or only_weak
    ]
    return " ".join(sorted(parts))


def query_keys(forms: Sequence[NameForm]) -> list[str]:
    """The first-pass keys of a query's forms, one per reading of its ambiguous tokens
    (a Cyrillic ``Чжо`` may be ``Jo`` or ``Cho``), at most ``MAX_QUERY_KEYS``."""
    keys: dict[str, None] = {}
    for form in forms:
        only_weak = all(w < 1.0 for w in form.weights)
        options = [
            sorted(t.korean) if t.korean else [t.skeleton]
            for t, w in zip(form.tokens, form.weights, strict=True)
            if w >= 1.0 or only_weak
        ]
        for combination in islice(product(*options), MAX_QUERY_KEYS):
            keys[" ".join(sorted(combination))] = None
    return list(keys)


@dataclass(frozen=True, slots=True)
class Finalist:
    """An entry chosen by the first pass, its first-pass score and the names to score."""

    number: int
    score: float
    names: tuple[int, ...]


def rank(
    keys: Sequence[str],
    numbers: Sequence[int],
    name_keys: Sequence[tuple[str, ...]],
    name_owners: Sequence[bytes],
    finalists: int = FINALISTS,
) -> list[Finalist]:
    """The ``finalists`` best of ``numbers`` (entries, in retrieval order) for the query keys:
    best first, ties in retrieval order; each with its names whose keys scored within
    ``NAME_MARGIN`` of its best, best first (the selection is compiled:
    :func:`vigil.screening._fast.first_pass`)."""
    chosen = first_pass(list(keys), list(numbers), name_keys, name_owners, finalists,
                        NAME_MARGIN, MAX_NAMES, _compare)  # fmt: skip
    return [Finalist(n, top, names) for n, top, names in chosen]


def _compare(keys: list[str], flat: list[str]) -> npt.NDArray[np.uint8]:
    """Every query key against every entry key: rapidfuzz's token_ratio, 0 to 100."""
    matrix: npt.NDArray[np.uint8] = process.cdist(
        keys, flat, scorer=fuzz.token_ratio, dtype=np.uint8
    )
    return matrix

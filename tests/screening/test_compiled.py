"""The compiled screening loops (``vigil.screening._fast``) against their Python references.

- Alignment and token similarity: the Python code they were compiled from
  (``reference_align.py``) on every labelled pair and every Korean variant, under each
  algorithm version's rules and name rewrites, must give equal results, scores to the bit.
- Retrieval and the first pass's selection: numpy versions of the documented rules on random
  indexes and score matrices full of ties.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from rapidfuzz.distance import Levenshtein

from tests.screening.conftest import SHARED_DATA
from tests.screening.reference_align import reference_align, reference_token_similarity
from vigil.screening._fast import first_pass, levenshtein, top_entries
from vigil.screening.algorithms import vigil_v2, vigil_v3
from vigil.screening.errors import QueryError
from vigil.screening.features import V1_RULES, AlignRules, align, token_similarity
from vigil.screening.models import Query, prepare
from vigil.screening.records import Record
from vigil.screening.variants import NameForm

VARIANTS = Path(__file__).resolve().parents[2] / "src/vigil/screening/data/dprk_korean_variants.csv"
CASES = SHARED_DATA / "screening" / "name_bench_cases.csv"
Rewrite = Callable[[NameForm, bool], NameForm]
VERSIONS: list[tuple[str, Rewrite, AlignRules]] = [
    ("vigil-v1", lambda form, person: form, V1_RULES),
    ("vigil-v2", vigil_v2.rewrite_form, vigil_v2.RULES),
    ("vigil-v3", vigil_v3._prepare, vigil_v2.RULES),
]


def _pairs() -> Iterator[tuple[str, str, str]]:
    """(query, listed name, schema) of every labelled pair and Korean variant."""
    with CASES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["name1"], row["name2"], row["schema"]
    with VARIANTS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["variant"], row["un_name"], "Person"


def _form_pairs() -> Iterator[tuple[NameForm, NameForm, bool]]:
    for number, (query, listed, schema) in enumerate(_pairs()):
        try:
            prepared = prepare(Query(query, schema))
        except QueryError:
            continue
        record = Record(f"pair-{number}", listed, schema, (listed,))
        for q in prepared.forms:
            for r in record.forms():
                yield q, r, prepared.person


@pytest.mark.parametrize(("version", "rewrite", "rules"), VERSIONS, ids=[v[0] for v in VERSIONS])
def test_alignment_equals_the_python_reference(
    version: str, rewrite: Rewrite, rules: AlignRules
) -> None:
    compared = 0
    for q, r, person in _form_pairs():
        q, r = rewrite(q, person), rewrite(r, person)
        assert align(q, r, person, rules) == reference_align(q, r, person, rules), (
            version,
            q.original,
            r.original,
        )
        compared += 1
    assert compared > 1000


def test_token_similarity_equals_the_python_reference() -> None:
    compared = 0
    for q, r, person in _form_pairs():
        for _, a in q.units:
            for _, b in r.units:
                for korean in (True, False):
                    for cost in (1.5, 2.0):
                        expected = reference_token_similarity(a, b, person, korean, cost)
                        assert token_similarity(a, b, person, korean, cost) == expected
                        compared += 1
    assert compared > 10_000


@pytest.mark.parametrize("seed", range(10))
def test_edit_distance_equals_rapidfuzz(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = rng.choice(["ab", "abcdefgh", "aäbß김정", "kimjongunchol"])
    for _ in range(2000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        limit = rng.randint(0, 4)
        assert levenshtein(a, b, limit) == Levenshtein.distance(a, b, score_cutoff=limit), (a, b)


# -- retrieval -------------------------------------------------------------------------------


def reference_top_entries(
    keys: npt.NDArray[np.uint64],
    offsets: npt.NDArray[np.int64],
    postings: npt.NDArray[np.int32],
    entry_keys: npt.NDArray[np.int32],
    wanted: npt.NDArray[np.uint64],
    is_id_flags: npt.NDArray[np.uint8],
    total: int,
    common: int,
    max_postings: int,
    query_postings: int,
    id_weight: float,
    limit: int,
) -> list[int]:
    """The numpy retrieval the compiled loop replaced; ties go to the entry with fewer keys,
    then the lower entry."""
    slots = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    hit = np.flatnonzero(keys[slots] == wanted)
    if not len(hit):
        return []
    starts, ends = offsets[slots[hit]], offsets[slots[hit] + 1]
    sizes = ends - starts
    is_id = is_id_flags[hit].astype(bool)
    keep = np.flatnonzero((sizes <= common) | is_id)
    if not len(keep):
        keep = np.argsort(sizes, kind="stable")[:1]
        ends = np.minimum(ends, starts + max_postings)
    else:
        keep = keep[np.argsort(sizes[keep], kind="stable")]
        within = np.cumsum(sizes[keep]) <= query_postings
        keep = keep[within | is_id[keep]] if within[0] else keep[:1]
    arrays = [postings[starts[i] : ends[i]] for i in keep]
    weights = np.where(is_id[keep], id_weight, np.log1p(total / sizes[keep]))
    ids = np.concatenate(arrays)
    scores = np.repeat(weights, [len(a) for a in arrays])
    unique, inverse = np.unique(ids, return_inverse=True)
    totals = np.bincount(inverse, weights=scores)
    order = np.lexsort((unique, entry_keys[unique], -totals))[:limit]
    return [int(unique[i]) for i in order]


def _random_index(
    rng: random.Random, entries: int, keys: int
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64], npt.NDArray[np.int32]]:
    """Sorted key hashes, CSR offsets and sorted postings; sizes from 1 to half the entries."""
    hashes = np.array(sorted(rng.sample(range(1, 2**40), keys)), dtype=np.uint64)
    lists = [sorted(rng.sample(range(entries), rng.randint(1, entries // 2))) for _ in range(keys)]
    offsets = np.cumsum([0] + [len(p) for p in lists]).astype(np.int64)
    postings = np.array([n for p in lists for n in p], dtype=np.int32)
    return hashes, offsets, postings


@pytest.mark.parametrize("seed", range(40))
def test_retrieval_equals_the_numpy_rules(seed: int) -> None:
    rng = random.Random(seed)
    entries = rng.choice([5, 30, 400])
    keys, offsets, postings = _random_index(rng, entries, rng.randint(1, 25))
    picked = rng.sample(list(keys), rng.randint(1, len(keys)))
    wanted = np.array([*picked, np.uint64(0), np.uint64(2**41)], dtype=np.uint64)
    is_id = np.array([rng.random() < 0.15 for _ in wanted], dtype=np.uint8)
    common = rng.choice([1, 3, entries // 4 + 1, entries])
    entry_keys = np.array([rng.randint(1, 3) for _ in range(entries)], dtype=np.int32)
    args = (keys, offsets, postings, entry_keys, wanted, is_id, entries, common)
    limits = (rng.choice([2, 10]), rng.choice([5, 60, 1000]), 50.0, rng.choice([1, 7, 60, 500]))
    assert top_entries(*args, *limits) == reference_top_entries(*args, *limits)


def test_retrieval_ties_go_to_the_entry_with_fewer_keys_then_the_lower() -> None:
    keys = np.array([10, 20], dtype=np.uint64)
    offsets = np.array([0, 4, 6], dtype=np.int64)
    postings = np.array([1, 3, 7, 9, 5, 8], dtype=np.int32)
    entry_keys = np.array([1, 4, 1, 4, 1, 2, 1, 2, 1, 4], dtype=np.int32)
    none = np.zeros(2, dtype=np.uint8)
    found = top_entries(keys, offsets, postings, entry_keys, keys, none, 10, 10, 10, 100, 50.0, 4)
    # 5 and 8 carry the rarer key (weight log1p(10 / 2)), 8 has fewer keys; the rest tie at
    # log1p(10 / 4), and 7 has the fewest keys, then 1 is the lower of 1 and 3
    assert found == [8, 5, 7, 1]


# -- the first pass's selection ----------------------------------------------------------------


def reference_select(
    matrix: npt.NDArray[np.uint8],
    widths: npt.NDArray[np.int64],
    finalists: int,
    margin: float,
    max_names: int,
    owners: list[bytes],
) -> list[tuple[int, float, tuple[int, ...]]]:
    """The numpy selection the compiled loop replaced (scores widened before negation)."""
    best = matrix.max(axis=0).astype(np.int16)
    starts = np.concatenate(([0], np.cumsum(widths)[:-1]))
    present = np.flatnonzero(widths)
    entry_best = np.maximum.reduceat(best, starts[present])
    out = []
    for slot in np.argsort(-entry_best, kind="stable")[:finalists]:
        position, top = int(present[slot]), float(entry_best[slot])
        scores = best[starts[position] : starts[position] + widths[position]]
        by_score = np.argsort(-scores, kind="stable")
        chosen = dict.fromkeys(owners[position][i] for i in by_score if scores[i] >= top - margin)
        out.append((position, top, tuple(chosen)[:max_names]))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_selection_equals_the_numpy_rules(seed: int) -> None:
    rng = random.Random(seed)
    widths = np.array([rng.choice([0, 1, 1, 2, 3, 5]) for _ in range(rng.randint(1, 40))])
    if not widths.sum():
        widths[0] = 1
    widths = widths.astype(np.int64)
    levels = rng.choice([(0, 5, 100), tuple(range(0, 101, 7)), tuple(range(101))])
    matrix = np.array(
        [[rng.choice(levels) for _ in range(int(widths.sum()))] for _ in range(rng.randint(1, 4))],
        dtype=np.uint8,
    )
    owners = [bytes(rng.randint(0, 3) for _ in range(w)) for w in widths]
    finalists, margin = rng.choice([1, 6, 50]), rng.choice([0.0, 12.0, 40.0])
    max_names = rng.choice([1, 4])
    name_keys = [("key",) * int(w) for w in widths]  # the matrix stands for their scores
    chosen = first_pass(["query"], list(range(len(widths))), name_keys, owners, finalists,
                        margin, max_names, lambda keys, flat: matrix)  # fmt: skip
    assert chosen == reference_select(matrix, widths, finalists, margin, max_names, owners)

"""The first pass: which retrieved entries go on to the full scorer, and which of their names."""

from __future__ import annotations

import pytest

from vigil.screening.prefilter import compare_key, rank
from vigil.screening.variants import name_forms


def key(name: str, kind: str = "person") -> str:
    form = name_forms(name, kind)[0]
    return compare_key(form.tokens, form.weights)


def test_best_entries_first_and_unrelated_last() -> None:
    # entry 0 shares nothing with the query (first-pass score 0); it must not take a slot
    # before entries that resemble the query (an unsigned negation once sorted 0 first)
    names = [("Berta",), ("Kim Jong Sik",), ("Kim Chong Un",), ("Kim Jong Il",)]
    name_keys = [tuple(key(n) for n in entry) for entry in names]
    owners = [bytes(range(len(entry))) for entry in names]
    chosen = rank([key("Kim Jong Un")], [0, 1, 2, 3], name_keys, owners, finalists=3)
    assert chosen[0].number == 2
    assert 0 not in [f.number for f in chosen]
    assert [f.score for f in chosen] == sorted((f.score for f in chosen), reverse=True)


@pytest.mark.parametrize(
    ("entry", "expected_names"),
    [
        (("Pak Do Chun", "Park Do Chun", "Zzyzx"), (0, 1)),  # both close readings, not the far one
        (("Zzyzx", "Pak To Chun"), (1,)),
    ],
)
def test_names_near_the_entry_best_are_scored(
    entry: tuple[str, ...], expected_names: tuple[int, ...]
) -> None:
    keys = (tuple(key(n) for n in entry),)
    chosen = rank([key("Pak To Chun")], [0], keys, [bytes(range(len(entry)))])
    assert chosen[0].names == expected_names

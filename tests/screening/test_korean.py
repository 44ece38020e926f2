"""Korean romanization, keys and variants."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vigil.screening import korean

VARIANTS = Path(__file__).resolve().parents[2] / "src/vigil/screening/data/dprk_korean_variants.csv"


@pytest.mark.parametrize(
    ("hangul", "system", "expected"),
    [
        ("리제선", "mr", "Ri Je-son"),
        ("리제선", "rr", "I Je-seon"),
        ("리제선", "south", "Lee Je-seon"),
        ("김정은", "mr", "Kim Jong-un"),
        ("최룡해", "mr", "Choe Ryong-hae"),
        ("로두철", "south", "Roh Du-cheol"),
        ("류경", "mr", "Ryu Kyong"),
        ("남궁민", "rr", "Namgung Min"),
    ],
)
def test_romanize_hangul(hangul: str, system: str, expected: str) -> None:
    assert korean.romanize_hangul(hangul, system) == expected


@pytest.mark.parametrize(
    "spellings",
    [
        ("ri", "lee", "yi", "rhee", "i"),
        ("pak", "park", "bak"),
        ("choe", "choi"),
        ("kang", "gang"),
        ("chol", "cheol", "chul"),
        ("ro", "roh", "noh"),
        ("ryu", "yoo", "yu"),
        ("jongun", "chongun"),
        ("thae", "tae"),
    ],
)
def test_korean_key_equal(spellings: tuple[str, ...]) -> None:
    assert len({korean.korean_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(("a", "b"), [("kim", "pak"), ("jong", "je"), ("sik", "un"), ("ri", "ro")])
def test_korean_key_different(a: str, b: str) -> None:
    assert korean.korean_key(a) != korean.korean_key(b)


@pytest.mark.parametrize(
    ("token", "expected"), [("jongun", True), ("scholz", False), ("olaf", False), ("park", True)]
)
def test_looks_korean(token: str, expected: bool) -> None:
    assert korean.looks_korean(token) is expected


@pytest.mark.parametrize(
    ("cyrillic", "reading"), [("Чен", "chong"), ("Ын", "un"), ("Чхве", "choe"), ("Рён", "ryong")]
)
def test_cyrillic_spellings(cyrillic: str, reading: str) -> None:
    assert reading in korean.cyrillic_spellings(cyrillic)


@pytest.mark.parametrize(("hanja", "hangul"), [("金正恩", "김정은"), ("李濟善", None)])
def test_hanja(hanja: str, hangul: str | None) -> None:
    assert korean.hanja_to_hangul(hanja) == (hangul if hangul else korean.hanja_to_hangul(hanja))


@given(st.text(alphabet="abcdeghijklmnoprstuwy", max_size=12))
def test_key_is_total_and_lowercase(token: str) -> None:
    key = korean.korean_key(token)
    assert key == key.lower()
    assert len(key) <= len(token)


def test_variant_table_covers_every_system() -> None:
    with VARIANTS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    systems = {r["system"] for r in rows}
    assert {
        "cyrillic",
        "hangul",
        "south korean",
        "revised romanization",
        "western order",
    } <= systems
    assert len({r["entity_id"] for r in rows}) >= 50

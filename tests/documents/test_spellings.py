"""Korean names in German and Cyrillic spellings: the keys both sides meet under."""

from __future__ import annotations

import pytest

from vigil.documents.spellings import (
    document_cyrillic_key,
    german_korean,
    korean_reading,
    register_cyrillic_key,
)
from vigil.documents.tokens import fold, part_key


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [("Ким", "kim"), ("Чен", "jong"), ("Чон", "jong"), ("Ын", "un"), ("Ё", "yo"), ("Чжон", "jong"),
     ("Чхве", "choe"), ("Рён", "ryong"), ("Хэ", "hae"), ("Ён", "yong"), ("Чхоль", "chol"),
     ("Гвон", "gwon"), ("Вон", "won"), ("Пак", "pak"), ("Ир", "il")],
)  # fmt: skip
def test_cyrillic_meets_the_register(cyrillic: str, latin: str) -> None:
    key = document_cyrillic_key(fold(cyrillic))
    assert key is not None and key == register_cyrillic_key(latin)


@pytest.mark.parametrize(
    ("cyrillic", "latin"), [("Ын", "il"), ("Ким", "pak"), ("Чен", "chol"), ("Ир", "un")]
)
def test_other_syllables_stay_apart(cyrillic: str, latin: str) -> None:
    assert document_cyrillic_key(fold(cyrillic)) != register_cyrillic_key(latin)


@pytest.mark.parametrize("word", ["kim", "sacharowa", "8660313", "владимир", "сказала"])
def test_no_cyrillic_key_for_latin_or_unkorean_words(word: str) -> None:
    assert document_cyrillic_key(word) is None


@pytest.mark.parametrize(
    ("span", "reading"),
    [("Kim Dschong Un", "Kim Jong Un"), ("Tschoe Ryong Hae", "Choe Ryong Hae"),
     ("Deutschland", "Deutschland"), ("Kim Jong Un", "Kim Jong Un")],
)  # fmt: skip
def test_german_spellings_read_as_korean(span: str, reading: str) -> None:
    assert korean_reading(span) == reading


def test_german_words_keep_their_keys() -> None:
    assert german_korean("deutschland") is None
    assert part_key("dschong") == part_key("jong")

"""Folding and normalising text: lengths kept, offsets exact, names keyed as text is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vigil.documents.tokens import (
    TokenStream,
    fold,
    german_spelling,
    name_parts,
    normalize_name,
    part_variants,
)


@given(st.text(max_size=200))
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@given(st.lists(st.text(alphabet=st.characters(categories=["L", "Nd"]), min_size=1), max_size=20))
def test_spans_point_at_tokens(words: list[str]) -> None:
    text = " , ".join(words)
    stream = TokenStream.from_text(text)
    for index, token in enumerate(stream.tokens):
        start, end = stream.span(index, index)
        assert fold(text[start:end]) == token


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("PUTIN, Vladimir", "Vladimir Putin"),
        ("KIM Jong-un", "Kim Jong Un"),
        ("Ri Je-son", "RI JE SON"),
        ("Zakharova", "ZAKHAROVA"),
    ],
)
def test_names_normalise_like_text(name: str, text: str) -> None:
    assert sorted(normalize_name(name)) == sorted(TokenStream.from_text(text).joined.split())


@pytest.mark.parametrize(
    ("register", "document"),
    [
        ("vladimir", "Wladimir"),
        ("mariya", "Maria"),
        ("zakharova", "Sacharowa"),
        ("jong", "Chong"),
        ("ri", "Lee"),
        ("pak", "Park"),
    ],
)
def test_register_variants_cover_document_spellings(register: str, document: str) -> None:
    assert normalize_name(document)[0] in part_variants(register)


@pytest.mark.parametrize(
    ("russian", "german"),
    [("zakharova", "sacharowa"), ("khrushchev", "chruschtschew"), ("zhukov", "schukow"),
     ("tsvetkov", "zwetkow"), ("chernov", "tschernow")],
)  # fmt: skip
def test_german_transliteration(russian: str, german: str) -> None:
    assert german_spelling(russian) == german


def test_hangul_reads_as_mccune_reischauer() -> None:
    assert name_parts("김정은") == ["kim", "jong", "un"]

"""Batch normalisation of document words equals the one-word normaliser, word for word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.documents.tokens import TokenStream, fold, normalize_token
from vigil.documents.vocabulary import Vocabulary, normalize_batch

# Letters the rewrite rules care about, weighted towards Korean syllables and digraphs.
PIECES = ["a", "e", "i", "o", "u", "y", "h", "ch", "sch", "kh", "ng", "ee", "oo", "rh", "yi",
          "j", "w", "x", "ts", "ck", "q", "k", "g", "r", "l", "n", "m", "p", "b", "s", "t", "d"]  # fmt: skip
plain_words = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)
any_words = st.text(alphabet=st.characters(categories=["L", "Nd"]), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)  # the first call loads transliteration tables
@given(st.lists(plain_words | any_words.map(lambda w: fold(w).strip() or "x"), max_size=40))
def test_batch_equals_one_by_one(words: list[str]) -> None:
    words = [w for w in words if " " not in w]
    found = normalize_batch(words, normalize_token)
    assert found == {w: normalize_token(w) for w in words}


@pytest.mark.parametrize(
    ("word", "key"),
    [("wladimir", "vladimir"), ("sacharowa", "sacarowa"), ("jongun", "conkon"),
     ("chong", "conk"), ("rhee", "i"), ("putin", "potin"), ("8660313", "8660313"),
     ("김정은", "kim conk on")],
)  # fmt: skip
def test_known_keys(word: str, key: str) -> None:
    """Latin skeleton (W = V), Korean key (romanization-blind), digits and Hangul as they are."""
    assert normalize_batch([word], normalize_token)[word] == key


def test_words_outside_the_automaton_get_the_empty_key() -> None:
    vocabulary = Vocabulary(frozenset(["potin", "vladimir"]))
    stream = TokenStream.from_text("Präsident Wladimir Putin sagte", vocabulary)
    assert stream.keys == ["", "vladimir", "potin", ""]
    assert stream.token_at(stream.joined.index("potin")) == 2


def test_the_table_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from vigil.documents import vocabulary as module

    monkeypatch.setattr(module, "MAX_WORDS", 3)
    table = Vocabulary()
    table.keys_of(["ab", "cd"], frozenset(["ab", "cd"]), normalize_token)
    keys = table.keys_of(["ef", "gh", "ab"], frozenset(["ef", "gh", "ab"]), normalize_token)
    assert keys == [normalize_token(w) for w in ("ef", "gh", "ab")]
    assert len(table.keys) == 3

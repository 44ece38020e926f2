"""Name alignment: a table of match and no-match pairs, with explanations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.screening.errors import QueryError
from vigil.screening.features import best_name_match
from vigil.screening.normalize import check_query_name, latin_tokens
from vigil.screening.variants import name_forms

THRESHOLD = 0.7


def score(a: str, b: str, kind: str = "person") -> float:
    match = best_name_match(name_forms(a, kind), name_forms(b, kind), kind == "person")
    return match.score if match else 0.0


@pytest.mark.parametrize(
    ("query", "entry", "kind"),
    [
        ("Ri Je Son", "RI JE-SON", "person"),
        ("Lee Je-seon", "RI JE-SON", "person"),
        ("Jeson Ri", "RI JE-SON", "person"),
        ("RI, Jeson", "RI JE-SON", "person"),
        ("Ch'oe Ch'un-yo'ng", "CHOE CHUN YONG", "person"),
        ("Choi Chun-yeong", "CHOE CHUN YONG", "person"),
        ("Cho’l Kim", "KIM CHOL", "person"),
        ("리제선", "RI JE-SON", "person"),
        ("Ким Чен Ын", "Kim Jong Un", "person"),
        ("金正恩", "Kim Jong Un", "person"),
        ("Sergej Lawrow", "Sergey LAVROV", "person"),
        ("Olaf Scholze", "Olaf Scholz", "person"),
        (
            "Korea Mining Development Trading Corp.",
            "KOREA MINING DEVELOPMENT TRADING CORPORATION",
            "org",
        ),
        ("Ocean Maritime Management Co Ltd", "OCEAN MARITIME MANAGEMENT COMPANY, LIMITED", "org"),
    ],
)
def test_matches(query: str, entry: str, kind: str) -> None:
    assert score(query, entry, kind) >= THRESHOLD


@pytest.mark.parametrize(
    ("query", "entry", "kind"),
    [
        ("Kim Chong Un", "KIM JONG SIK", "person"),
        ("Kim Jong Un", "KIM JONG IL", "person"),
        ("Octavian Scholz", "Olaf Scholz", "person"),
        ("Angela Merkel", "Angelo Cruz", "person"),
        ("JI SONG 6", "JI SONG 8", "vessel"),
        ("Deutsche Bank", "Commerzbank", "org"),
    ],
)
def test_no_matches(query: str, entry: str, kind: str) -> None:
    assert score(query, entry, kind) < THRESHOLD


def test_explanation_names_aligned_parts() -> None:
    match = best_name_match(name_forms("Kim Chong Un", "person"),
                            name_forms("KIM JONG SIK", "person"), True)  # fmt: skip
    assert match is not None
    text = match.explain()
    assert "kim=kim" in text and "-un" in text and "+sik" in text


@pytest.mark.parametrize("name", ["", "   ", "...", "x" * 10_001, "\x00\x01"])
def test_bad_query_names(name: str) -> None:
    with pytest.raises(QueryError):
        check_query_name(name)


@settings(deadline=None)  # the first call loads rigour's transliteration tables (~0.5 s)
@given(st.text(max_size=60))
def test_tokens_never_crash(text: str) -> None:
    for token in latin_tokens(text):
        assert token and " " not in token

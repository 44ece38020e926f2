"""vigil-v2's name features, the Kontsevich readings, real UN names and the index cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.register.sources import un_xml
from vigil.screening import korean
from vigil.screening.algorithms import get_algorithm
from vigil.screening.api import Screener
from vigil.screening.cache import cache_path, load_index
from vigil.screening.models import Query, prepare
from vigil.screening.records import Record
from vigil.settings import Settings
from vigil.store import Store

from .conftest import SHARED_DATA

UN_XML = SHARED_DATA / "sanctions" / "un_consolidated_2026-02-27.xml"
SCHEMA_OF = {"person": "Person", "org": "Company", "vessel": "Vessel"}


def v2_score(query: str, entry: str, kind: str = "person") -> tuple[float, str]:
    schema = SCHEMA_OF[kind]
    record = Record("e", entry, "Organization" if kind == "org" else schema, (entry,))
    score, parts = get_algorithm("vigil-v2").score(prepare(Query(query, schema)), record)
    return score, "; ".join(c.detail for c in parts)


@pytest.mark.parametrize(
    ("query", "entry", "kind", "why"),
    [
        ("ABC Company", "A.B.C. Company", "org", "abc=abc"),
        ("3 Percenters", "Three Percenters", "org", "3=3"),
        ("Brigade Forty-Four", "Brigade 44", "org", "44=44"),
        ("PLA", "People's Liberation Army", "org", "acronym"),
        ("ABDULHAI SALEK", "ABDULHAI ABDUL GHAFOOR SALEK", "person", "-abdul"),
        ("Kim Yong Chol", "Kim Young-Cheol", "person", "korean"),
    ],
)
def test_v2_matches(query: str, entry: str, kind: str, why: str) -> None:
    score, detail = v2_score(query, entry, kind)
    assert score >= 0.7, detail
    assert why in detail.replace("+abdul", "-abdul")


@pytest.mark.parametrize(
    ("query", "entry", "kind"),
    [
        ("C.B.A. Company", "A.B.C. Company", "org"),
        ("Son Heung-min", "Son Min", "person"),  # a Korean syllable is never optional
        ("Kim Yuna", "Kim Young-Cheol", "person"),
        ("Kim Chong Un", "KIM JONG SIK", "person"),
        ("김종은", "김정은", "person"),  # MR writes both Jong: the characters differ
        ("高石早苗", "高市早苗", "person"),
    ],
)
def test_v2_keeps_apart(query: str, entry: str, kind: str) -> None:
    score, detail = v2_score(query, entry, kind)
    assert score < 0.7, detail


def test_v1_stays_selectable() -> None:
    assert get_algorithm("vigil-v1").name == "vigil-v1"
    assert get_algorithm("vigil-v2").name == "vigil-v2"
    assert get_algorithm().name == "vigil-v3"


@pytest.mark.parametrize(
    ("cyrillic", "reading"),
    [("Чжо", "jo"), ("Чжан", "jang"), ("Ёнчоль", "yongchol"), ("Кан", "kang"), ("Хочжин", "hojin")],
)
def test_kontsevich_readings(cyrillic: str, reading: str) -> None:
    assert reading in korean.cyrillic_spellings(cyrillic)


@pytest.fixture(scope="module")
def un_screener() -> Screener:
    return Screener.from_entities(un_xml.parse(UN_XML).entities)


@pytest.mark.parametrize(
    ("query", "un_name"),
    [
        ("Lee Je-seon", "RI JE-SON"),
        ("Choi Chun-yeong", "CHOE CHUN YONG"),
        ("Чжан Сончоль", "JANG SONG CHOL"),
        ("Park To-chun", "PAK TO CHUN"),
        ("Kim Yong-cheol", "KIM YONG CHOL"),
        ("Korea Mining Development Trading Corp", "KOREA MINING DEVELOPMENT TRADING CORPORATION"),
    ],
)
def test_real_un_names_found_at_rank_1(un_screener: Screener, query: str, un_name: str) -> None:
    schema = "Person" if " " in un_name and "CORPORATION" not in un_name else "Company"
    best = un_screener.screen(Query(query, schema), limit=1)[0]
    assert best.caption.upper() == un_name


def test_index_cache_is_reused(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    with Store.open(settings) as store:
        first = load_index(settings, store)
        assert cache_path(settings, store).exists()
        again = load_index(settings, store)
    assert len(first) == len(again) == 0

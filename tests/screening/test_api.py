"""The Python API, identifiers, batch files and decisions, on a small register."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from vigil.screening.algorithms import ALGORITHMS, get_algorithm
from vigil.screening.api import Screener
from vigil.screening.batch import screen_file
from vigil.screening.decisions import list_decisions, mark_false_positive, suppressed_pairs
from vigil.screening.errors import BatchInputError, QueryError, UnknownAlgorithmError
from vigil.screening.models import Query
from vigil.screening.records import normalize_identifier
from vigil.store import Store


@pytest.mark.parametrize(
    ("query", "expected_id"),
    [
        (Query("Lee Jae-sun", "Person"), "un-kpi-002"),
        (Query("이제선", "Person"), "un-kpi-002"),
        (Query("Ryu Jin", "Person"), "un-kpi-030"),
        (Query("Yoo Jin", "Person"), "un-kpi-030"),
        (Query("KOMID", "Organization"), "un-kpe-001"),
        (Query("Chonmasan", "Vessel"), "un-v-9191004"),
        (Query("renamed ship", "Vessel", identifiers=("IMO 8660313",)), "un-v-9191004"),
        (Query("someone", "Person", identifiers=("PD381420105",)), "un-kpi-002"),
    ],
)
def test_screen_finds(screener: Screener, query: Query, expected_id: str) -> None:
    results = screener.screen(query)
    assert results and results[0].entity_id == expected_id and results[0].match


def test_identifier_outweighs_name(screener: Screener) -> None:
    best = screener.screen(Query("Totally Different", "Vessel", identifiers=("8660313",)))[0]
    assert best.score >= 0.9
    assert any(c.feature == "identifier" for c in best.explanation)


def test_no_false_match_on_unlisted_korean(screener: Screener) -> None:
    results = screener.screen(Query("Kim Chong Un", "Person"))
    assert not any(r.match for r in results)


def test_birth_date_disagreement_lowers_score(screener: Screener) -> None:
    plain = screener.screen(Query("Ri Je Son", "Person"))[0]
    wrong = screener.screen(Query("Ri Je Son", "Person", birth_date="1990"))[0]
    right = screener.screen(Query("Ri Je Son", "Person", birth_date="1938"))[0]
    assert wrong.score < plain.score <= right.score
    assert "born 1990" in wrong.explain()


def test_schema_and_list_filters(screener: Screener) -> None:
    assert not screener.screen(Query("KOMID", "Vessel"))
    assert not screener.screen(Query("Ri Je Son", "Person"), lists=["ofac"])


@pytest.mark.parametrize("name", ["", "   ", "x" * 10_000, "\x07\x08"])
def test_bad_queries(screener: Screener, name: str) -> None:
    with pytest.raises(QueryError):
        screener.screen(Query(name, "Person"))


def test_unknown_script_is_handled(screener: Screener) -> None:
    assert isinstance(screener.screen(Query("ꦧꦸꦝꦶ", "Person")), list)


def test_algorithms_are_versioned() -> None:
    assert get_algorithm().name in ALGORITHMS
    with pytest.raises(UnknownAlgorithmError):
        get_algorithm("vigil-v0")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("IMO 8660313", "8660313"),
        ("IMO 8660314", None),
        ("PD 381420105", "pd381420105"),
        ("12", None),
    ],
)
def test_normalize_identifier(raw: str, expected: str | None) -> None:
    assert normalize_identifier(raw) == expected


def test_batch_reports_bad_rows(screener: Screener, tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("name,schema,identifier\nRi Je Son,Person,\n,Person,\nJI SONG 6,Vessel,\n"
                   + "x" * 2000 + ",Person,\n", encoding="utf-8")  # fmt: skip
    report = screen_file(screener, src, out)
    assert report.rows == 4 and report.screened == 2
    assert [line for line, _ in report.bad_rows] == [3, 5]
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["match_id"] == "un-kpi-002" and rows[0]["name"] == "Ri Je Son"
    assert rows[2]["match_id"] == "un-v-8"


def test_batch_needs_name_column(screener: Screener, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("who\nRi\n", encoding="utf-8")
    with pytest.raises(BatchInputError, match="name"):
        screen_file(screener, src, tmp_path / "out.csv")


def test_false_positive_is_suppressed(screener: Screener) -> None:
    store = Store.memory()
    query = Query("Kim Jong Sik", "Person")
    assert screener.screen(query)[0].entity_id == "un-kpi-066"
    decision = mark_false_positive(
        store, query, "un-kpi-066", "ana", "different person", "vigil-v1"
    )
    assert decision.analyst == "ana" and decision.reason == "different person"
    assert len(list_decisions(store)) == 1
    suppressed = Screener(screener.index, suppressed_pairs(store))
    assert all(r.entity_id != "un-kpi-066" for r in suppressed.screen(query))
    with pytest.raises(QueryError):
        mark_false_positive(store, query, "un-kpi-066", " ", "", "vigil-v1")


@pytest.mark.parametrize(("retrieved", "most"), [(1, 1), (3, 3), (60, 6)])
def test_retrieved_bounds_the_entries_scored(screener: Screener, retrieved: int, most: int) -> None:
    results = screener.screen(Query("Kim", "any"), threshold=0.0, retrieved=retrieved)
    assert 0 < len(results) <= most

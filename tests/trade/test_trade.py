"""Comtrade rows, banned HS ranges, and mirror-trade findings with their evidence."""

from __future__ import annotations

import csv
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.trade.conftest import BAD, GOOD, MEASURES_CSV, PUBLIC

from vigil.caps.ingest import ingest_notifications
from vigil.findings.store import list_findings
from vigil.store import Store
from vigil.trade.bans import ban_for, bans
from vigil.trade.check import check_and_store, check_trade
from vigil.trade.comtrade import hs_problem, parse_period
from vigil.trade.ingest import ingest_trade


@pytest.mark.parametrize(
    ("code", "ok"),
    [("27", True), ("2701", True), ("270112", True), ("27101943", True), ("03", True),
     ("270", False), ("TOTAL", False), ("99", False), ("7701", False), ("00", False), ("", False)],
)  # fmt: skip
def test_hs_codes(code: str, ok: bool) -> None:
    assert (hs_problem(code) is None) is ok


@given(st.integers(1, 97).filter(lambda c: c != 77), st.integers(0, 9999))
def test_every_existing_chapter_is_accepted(chapter: int, rest: int) -> None:
    assert hs_problem(f"{chapter:02d}{rest:04d}") is None


@pytest.mark.parametrize(
    ("freq", "text", "ok"), [("A", "2023", True), ("M", "202402", True), ("M", "202413", False),
                             ("M", "2023", False), ("A", "202301", False)],
)  # fmt: skip
def test_periods(freq: str, text: str, ok: bool) -> None:
    if ok:
        assert parse_period(freq, text)[0].year == int(text[:4])
    else:
        with pytest.raises(ValueError):
            parse_period(freq, text)


@pytest.mark.parametrize(
    ("code", "direction", "measure"),
    [("270112", "from_DPRK", "COAL"), ("260111", "from_DPRK", "COAL"),
     ("030617", "from_DPRK", "SEAFOOD"), ("160529", "from_DPRK", "SEAFOOD"),
     ("620342", "from_DPRK", "TEXTILES"), ("500100", "from_DPRK", "TEXTILES"),
     ("840731", "from_DPRK", "EXP_2397"), ("710812", "from_DPRK", "MINERALS_2270"),
     ("870323", "to_DPRK", "IMP_2397"), ("721420", "to_DPRK", "IMP_2397"),
     ("890110", "to_DPRK", "IMP_2397"), ("880212", "to_DPRK", "VESSELS_TO"),
     ("271019", "to_DPRK", "PETRO_REF"), ("270900", "to_DPRK", "PETRO_CRUDE"),
     ("270112", "to_DPRK", None), ("100630", "to_DPRK", None), ("640399", "from_DPRK", None)],
)  # fmt: skip
def test_banned_ranges(code: str, direction: str, measure: str | None) -> None:
    ban = ban_for(code, direction)
    assert (ban.measure_id if ban else None) == measure


def test_banned_ranges_come_from_the_measures_table() -> None:
    with MEASURES_CSV.open(encoding="utf-8") as handle:
        table = {row["id"]: row for row in csv.DictReader(handle)}
    for ban in bans():
        measure = table[ban.measure_id]
        codes = set(re.findall(r"\d+", measure["hs_codes"].replace(".", "")))
        assert {ban.hs_first, ban.hs_last} <= codes, (ban, measure["hs_codes"])
        assert measure["direction"] in (ban.direction, "both"), ban


@pytest.mark.parametrize(
    ("line", "reason", "detail"),
    [(2, "invalid", "'999999': chapter 99"), (3, "invalid", "'TOTAL'"),
     (4, "invalid", "chapter 77"), (5, "invalid", "flowCode 'Z'"), (6, "invalid", "'-5'"),
     (7, "invalid", "frequency 'M'"), (9, "duplicate", ":8"), (10, "conflict", ":8")],
)  # fmt: skip
def test_bad_rows_are_quarantined(store: Store, line: int, reason: str, detail: str) -> None:
    result = ingest_trade(store, BAD)
    assert (result.rows_read, result.rows_kept) == (9, 1)
    problem = next(p for p in result.problems if p["line"] == line)
    assert (problem["reason"], detail in problem["detail"]) == (reason, True)


def test_reingest_adds_nothing(store: Store) -> None:
    first, again = ingest_trade(store, GOOD), ingest_trade(store, GOOD)
    assert (first.rows_kept, again.already_ingested) == (9, True)
    assert store.conn.execute("SELECT count(*) FROM trade_rows").fetchone() == (9,)


def test_mirror_findings(store: Store) -> None:
    ingest_notifications(store, PUBLIC)
    ingest_trade(store, GOOD)
    check = check_trade(store)
    assert check.rows_with_dprk == 8
    got = sorted((f.measure_id, f.evidence[0].detail["cmdCode"]) for f in check.findings)
    assert got == [("COAL", "270112"), ("IMP_2397", "721420"), ("IMP_2397", "870323"),
                   ("PETRO_REF", "271019"), ("SEAFOOD", "030617"), ("TEXTILES", "620342")]  # fmt: skip
    coal = next(f for f in check.findings if f.measure_id == "COAL")
    assert coal.evidence[0].kind == "trade_row"
    assert coal.evidence[0].detail["line"] == 2
    assert coal.evidence[0].detail["file"].endswith("comtrade_dprk_partners.csv")
    by_year = {p["year"]: p for p in check.petroleum}
    assert by_year[2021]["excess_bbl"] == 0  # 9,000 t x 6.7 = 60,300 bbl < 91,909 notified
    assert by_year[2024]["excess_bbl"] == pytest.approx(30000 * 6.7 - 153400)
    petro = next(f for f in check.findings if f.measure_id == "PETRO_REF")
    assert petro.confidence == 0.6


def test_petroleum_without_notifications_is_flagged_whole(store: Store) -> None:
    ingest_trade(store, GOOD)
    by_year = {p["year"]: p for p in check_trade(store).petroleum}
    assert by_year[2021]["excess_bbl"] == pytest.approx(9000 * 6.7)
    assert by_year[2021]["notification_rows"] == 0


def test_check_stores_findings_once(store: Store) -> None:
    ingest_trade(store, GOOD)
    first, second = check_and_store(store), check_and_store(store)
    assert (first["added"], second["added"], second["existing"]) == (7, 0, 7)
    assert len(list_findings(store, ["mirror_trade"])) == 7

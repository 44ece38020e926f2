"""Reading notification rows: periods, quantities, suppliers, units and declared factors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.caps.conftest import PETROLEUM_RULES, PUBLIC

from vigil.caps.notifications import (
    Notification,
    parse_period,
    parse_quantity,
    parse_supplier,
    read_notifications,
)
from vigil.caps.rules import cap_rules, convert, products, units


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-02-17", date(2023, 2, 1), date(2023, 2, 28)),
        ("2020-01..2020-05", date(2020, 1, 1), date(2020, 5, 31)),
        (" 2023-03..2023-12 ", date(2023, 3, 1), date(2023, 12, 31)),
    ],
)
def test_periods(text: str, start: date, end: date) -> None:
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize("text", ["2024-13", "24-01", "2024-05..2024-01", "May 2024", ""])
def test_bad_periods(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "value"), [("241114", 241114.0), ("1,410", 1410.0), ("106094.17", 106094.17),
                        ("0", 0.0), ("1,234,567.5", 1234567.5)],
)  # fmt: skip
def test_quantities(text: str, value: float) -> None:
    assert parse_quantity(text) == value


@pytest.mark.parametrize("text", ["-5", "nan", "inf", "1.410,5", "12,34", "lots"])
def test_bad_quantities(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quantity(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip(value: int) -> None:
    assert parse_quantity(f"{value:,}") == value
    assert parse_quantity(str(value)) == value


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_plain_numbers_round_trip(value: float) -> None:
    assert parse_quantity(repr(value)) == value


@pytest.mark.parametrize(
    ("text", "key"),
    [("China", "cn"), ("Russian Federation", "ru"), ("RU", "ru"),
     ("China+Russian Federation", "cn+ru"), ("Russia + China", "cn+ru")],
)  # fmt: skip
def test_suppliers(text: str, key: str) -> None:
    assert parse_supplier(text) == key


def test_committee_pair_reproduces_with_the_declared_factor() -> None:
    # the 1718 Committee page: China, August 2021 = 11,745 bbl = 1,410 t (Yonhap 2021-10-05)
    got = convert(1410, units()["t"], products()["refined petroleum products"])
    assert got.quantity_bbl == pytest.approx(11745, abs=1)
    assert "11,745" in got.factor_source


def test_crude_factor_matches_both_forms_of_the_cap() -> None:
    crude = cap_rules().caps["crude"]
    assert crude.cap_t is not None
    got = convert(crude.cap_t, units()["tonnes"], products()["crude oil"])
    assert got.quantity_bbl == pytest.approx(crude.cap_bbl, rel=0.001)


def test_caps_and_factors_agree_with_the_shared_rules() -> None:
    rules = json.loads(PETROLEUM_RULES.read_text("utf-8"))
    caps = cap_rules().caps
    assert caps["refined"].cap_bbl == rules["refined_petroleum"]["cap_barrels_per_period"]
    assert caps["crude"].cap_bbl == rules["crude_oil"]["cap_barrels_per_period"]
    assert caps["crude"].cap_t == rules["crude_oil"]["cap_tonnes_per_period"]
    typical = rules["refined_petroleum"]["typical_product_factors_bbl_per_tonne"]
    for name, factor in typical.items():
        if not name.startswith("_"):
            assert products()[name].bbl_per_t == factor
    implied = rules["refined_petroleum"]["implied_bbl_per_tonne_from_committee_pairs"]
    assert products()["refined_petroleum"].bbl_per_t == implied


def test_volume_units_are_exact() -> None:
    litres = convert(158.987294928, units()["litres"], products()["diesel"])
    assert litres.quantity_bbl == pytest.approx(1.0)
    assert litres.quantity_t == pytest.approx(1 / 7.45)


def _public_rows() -> list[Notification]:
    rows = list(read_notifications(PUBLIC))
    assert all(isinstance(r, Notification) for r in rows)
    return [r for r in rows if isinstance(r, Notification)]


def _published_cases() -> list[tuple[str, str, float]]:
    rules = json.loads(PETROLEUM_RULES.read_text("utf-8"))
    cases = []
    for figure in rules["known_reported_figures_for_tests"]:
        state = figure["state"]
        if "estimate" in state:
            continue  # third-party estimates, not notifications: see public_estimates.csv
        period = str(figure.get("year") or figure["period"])
        cases.append((period, state, float(figure["barrels"])))
    return cases


@pytest.mark.parametrize(("period", "state", "barrels"), _published_cases())
def test_public_fixture_reproduces_every_published_total(
    period: str, state: str, barrels: float
) -> None:
    start, end = parse_period(period)
    wanted = None if state.startswith("ALL") else parse_supplier(state)
    got = sum(
        r.converted.quantity_bbl
        for r in _public_rows()
        if start <= r.period_start and r.period_end <= end and wanted in (None, r.supplier)
    )
    assert got == pytest.approx(barrels, abs=0.01)


def test_missing_columns_are_refused(tmp_path: Path) -> None:
    from vigil.caps.errors import NotificationFileError

    path = tmp_path / "x.csv"
    path.write_text("month,supplier,quantity\n2024-01,China,5\n", encoding="utf-8")
    with pytest.raises(NotificationFileError, match=r"x\.csv:1: .*product"):
        list(read_notifications(path))

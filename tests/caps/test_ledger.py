"""Cap periods, running totals, threshold alerts, caps exceeded and reporting gaps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.caps.conftest import PUBLIC, write_notifications

from vigil.caps.alerts import cap_findings, check_caps
from vigil.caps.ingest import ingest_notifications
from vigil.caps.ledger import CapPeriod, StoredNotification, period_containing, share_in
from vigil.caps.status import ledger_status
from vigil.findings.store import list_findings
from vigil.store import Store


@pytest.mark.parametrize(
    ("cap", "day", "start", "end"),
    [
        ("refined", date(2024, 3, 5), date(2024, 1, 1), date(2024, 12, 31)),
        ("refined", date(2018, 1, 1), date(2018, 1, 1), date(2018, 12, 31)),
        ("crude", date(2018, 12, 21), date(2017, 12, 22), date(2018, 12, 21)),
        ("crude", date(2018, 12, 22), date(2018, 12, 22), date(2019, 12, 21)),
        ("crude", date(2020, 2, 29), date(2019, 12, 22), date(2020, 12, 21)),
    ],
)
def test_cap_periods(cap: str, day: date, start: date, end: date) -> None:
    period = period_containing(cap, day)
    assert (period.start, period.end) == (start, end)


def _note(start: date, end: date) -> StoredNotification:
    return StoredNotification("x:1", "f", 1, "cn", "China", "crude", "crude_oil", start, end,
                              310.0, "bbl", 310.0, 40.7, 7.62, "reported_month", None, "s")  # fmt: skip


@pytest.mark.parametrize(
    ("period_start", "period_end", "share"),
    [(date(2017, 12, 22), date(2018, 12, 21), 21 / 31),
     (date(2018, 12, 22), date(2019, 12, 21), 10 / 31),
     (date(2019, 12, 22), date(2020, 12, 21), 0.0)],
)  # fmt: skip
def test_a_notification_straddling_two_periods_is_shared_by_days(
    period_start: date, period_end: date, share: float
) -> None:
    note = _note(date(2018, 12, 1), date(2018, 12, 31))
    assert share_in(note, CapPeriod("crude", period_start, period_end)) == pytest.approx(share)


def _months(tmp_path: Path, amounts: list[tuple[str, str, str]]) -> Path:
    rows = [(month, supplier, "refined", qty, "bbl", "test") for month, supplier, qty in amounts]
    return write_notifications(tmp_path / "n.csv", rows)


def test_thresholds_and_cap_exceeded(store: Store, tmp_path: Path) -> None:
    path = _months(tmp_path, [("2022-01", "China", "380000"), ("2022-03", "Russia", "70000"),
                              ("2022-06", "China", "30000"), ("2022-09", "China", "25000")])  # fmt: skip
    ingest_notifications(store, path)
    found = [f for f in cap_findings(store) if f.kind != "reporting_gap"]
    found.sort(key=lambda f: (f.end, f.kind, f.parameters["threshold_pct"]))
    got = [(f.kind, f.parameters.get("threshold_pct"), f.end.date().isoformat(), len(f.evidence))
           for f in found]  # fmt: skip
    assert got == [
        ("cap_alert", 75, "2022-01-31", 1),
        ("cap_alert", 90, "2022-03-31", 2),
        ("cap_alert", 95, "2022-06-30", 3),
        ("cap_alert", 100, "2022-09-30", 4),
        ("cap_exceeded", 100, "2022-09-30", 4),
    ]
    assert {f.measure_id for f in found} == {"PETRO_REF"}
    assert found[1].evidence[1].detail["line"] == 3
    assert found[-1].subjects[0].name == "China" and len(found[-1].subjects) == 2


def test_exactly_at_the_cap_is_an_alert_not_an_excess(store: Store, tmp_path: Path) -> None:
    ingest_notifications(store, _months(tmp_path, [("2022-01", "China", "500000")]))
    kinds = sorted(f.kind for f in cap_findings(store))
    assert kinds == ["cap_alert"] * 4


def test_crude_alerts_use_the_crude_measure_and_tonnes(store: Store, tmp_path: Path) -> None:
    path = write_notifications(tmp_path / "c.csv", [
        ("2018-03", "China", "crude oil", "400,000", "t", "pipeline"),
    ])  # fmt: skip
    ingest_notifications(store, path)
    found = cap_findings(store)
    assert [f.parameters["threshold_pct"] for f in found] == [75]  # 3.05 M bbl of 4 M
    assert found[0].measure_id == "PETRO_CRUDE"
    assert found[0].confidence == 0.7  # reached only through a declared conversion
    assert any("converted from tonnes" in r for r in found[0].reasons)


def test_findings_are_stable_and_stored_once(store: Store) -> None:
    ingest_notifications(store, PUBLIC)
    first, second = check_caps(store), check_caps(store)
    assert [f["id"] for f in first["findings"]] == [f["id"] for f in second["findings"]]
    assert second["added"] == 0
    assert len(list_findings(store, ["reporting_gap"])) == first["added"] == 1


@pytest.mark.parametrize(
    ("months", "published", "expected"),
    [
        (["2024-01"], "2024-12-04", [("2024-02", "2024-10", 9)]),
        (["2024-01"], "2024-04-15", []),  # only February is past due
        (["2024-01"], "2024-06-01", [("2024-02", "2024-04", 3)]),
        (
            ["2024-01", "2024-06"],
            "2024-12-04",
            [("2024-02", "2024-05", 4), ("2024-07", "2024-10", 4)],
        ),
        (["2024-01", "2024-03", "2024-05", "2024-07", "2024-09"], "2024-12-04", []),
        (["2023-12", "2024-01"], "2024-12-04", [("2024-02", "2024-10", 9)]),
    ],
)
def test_reporting_gaps(store: Store, tmp_path: Path, months: list[str], published: str,
                        expected: list[tuple[str, str, int]]) -> None:  # fmt: skip
    rows = [(m, "Russian Federation", "refined", "100", "bbl", "s", published) for m in months]
    ingest_notifications(store, write_notifications(tmp_path / "g.csv", rows))
    status = ledger_status(store, 2024).caps[0]
    got = [(g["from"], g["to"], g["months"]) for g in status.gaps]
    assert got == expected


def test_status_of_the_public_fixture(store: Store) -> None:
    ingest_notifications(store, PUBLIC)
    refined = ledger_status(store, 2024).caps[0]
    assert refined.reported_bbl == pytest.approx(168679)
    assert refined.percent_of_cap == pytest.approx(33.7358, abs=1e-3)
    assert [(g["supplier"], g["from"], g["to"]) for g in refined.gaps] == [
        ("Russian Federation", "2024-02", "2024-10")
    ]
    totals = {m["month"]: m["total_bbl"] for m in refined.months}
    assert (totals["2024-01"], totals["2024-07"], totals["2024-08"]) == (15279, 15279, 168679)
    assert refined.published_estimates[0]["quantity_bbl"] == 165000
    by_year = {y: ledger_status(store, y).caps[0].reported_bbl for y in (2018, 2019, 2021, 2023)}
    assert by_year == {2018: 241114, 2019: 277365, 2021: 91909, 2023: 105845}

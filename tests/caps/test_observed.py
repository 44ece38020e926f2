"""Observed deliveries from constructed encounter and port-call findings and AIS identities."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from tests.caps.conftest import PUBLIC

from vigil.caps.capacity import RegisterFacts, capacity_model, dwt_from_dimensions, facts_for
from vigil.caps.ingest import ingest_notifications
from vigil.caps.observed import observed_deliveries
from vigil.caps.status import ledger_status
from vigil.findings.model import Evidence, Finding, Subject
from vigil.findings.store import save_findings
from vigil.store import Store

DPRK_TANKER, FOREIGN_TANKER, OTHER_TANKER, CARGO = 445100001, 412200002, 413300003, 412400004
NAMPHO, DALIAN, KOREA_BAY = [125.40, 38.72], [121.65, 38.93], [123.90, 38.90]
T0 = datetime(2024, 3, 1, 6, tzinfo=UTC)
DWT_DPRK = 100 * 16 * 6.5 * 0.8 * 1.025 * 0.75  # L x B x largest draught x Cb x rho x DWT/disp.


def _identity(store: Store) -> None:
    rows = [
        (DPRK_TANKER, "ship_type", "80"), (DPRK_TANKER, "dimensions", "L100 B16"),
        (DPRK_TANKER, "draught", "5.0"), (DPRK_TANKER, "draught", "6.5"),
        (FOREIGN_TANKER, "ship_type", "81"), (FOREIGN_TANKER, "dimensions", "L120 B20"),
        (FOREIGN_TANKER, "draught", "8.0"), (OTHER_TANKER, "ship_type", "84"),
        (OTHER_TANKER, "dimensions", "L90 B15"), (OTHER_TANKER, "draught", "6.0"),
        (CARGO, "ship_type", "70"),
    ]  # fmt: skip
    store.conn.executemany(
        "INSERT INTO ais_identity VALUES (?, ?, ?, '2024-01-01', '2024-06-01', 1, 1)", rows
    )


def _finding(kind: str, at: datetime, where: list[float], *mmsis: int) -> Finding:
    return Finding(
        kind=kind, start=at, end=at + timedelta(hours=4),
        subjects=tuple(Subject("vessel", "party", mmsi=m) for m in mmsis),
        evidence=(Evidence("ais_position", f"{kind}-{at:%j}-{mmsis[0]}"),), confidence=0.8,
        reasons=("constructed for the test",), detector="test", detector_version="1",
        parameters={}, geometry={"type": "Point", "coordinates": where},
    )  # fmt: skip


@pytest.fixture
def seen(store: Store) -> Store:
    _identity(store)
    save_findings(store, [
        _finding("encounter", T0, KOREA_BAY, FOREIGN_TANKER, DPRK_TANKER),
        _finding("port_call", T0 + timedelta(days=5), NAMPHO, DPRK_TANKER),  # same cargo
        _finding("port_call", T0 + timedelta(days=60), NAMPHO, DPRK_TANKER),  # a second one
        _finding("encounter", T0 + timedelta(days=2), KOREA_BAY, CARGO, 412400005),
        _finding("port_call", T0 + timedelta(days=3), DALIAN, FOREIGN_TANKER),
        _finding("encounter", T0 + timedelta(days=4), KOREA_BAY, FOREIGN_TANKER, OTHER_TANKER),
        _finding("encounter", datetime(2023, 6, 1, tzinfo=UTC), KOREA_BAY, DPRK_TANKER, CARGO),
    ])  # fmt: skip
    return store


def test_capacity_from_dimensions() -> None:
    assert dwt_from_dimensions(100, 16, 6.5, capacity_model()) == pytest.approx(DWT_DPRK)


@pytest.mark.parametrize(
    ("register", "ais", "dwt", "basis"),
    [
        (RegisterFacts(dwt_t=3000, tanker=True, entity_id="r1"), {}, 3000, "register deadweight"),
        (RegisterFacts(gross_t=1000, tanker=True, entity_id="r1"), {}, 1600, "register tonnage"),
        (RegisterFacts(dwt_t=3000), {"dimensions": ["L100 B16"], "draught": ["6.5"]}, 3000,
         "register deadweight"),
        (RegisterFacts(gross_t=1000), {"dimensions": ["L100 B16"], "draught": ["6.5"]}, DWT_DPRK,
         "AIS L 100 m"),
        (RegisterFacts(), {"dimensions": ["L100 B16"]}, None, "unknown"),
    ],
)  # fmt: skip
def test_deadweight_sources_in_order(
    register: RegisterFacts, ais: dict[str, list[str]], dwt: float | None, basis: str
) -> None:
    facts = facts_for(412000001, "9123456", None, ais, {"imo:9123456": register}, capacity_model())
    assert facts.dwt_t == (pytest.approx(dwt) if dwt else None)
    assert facts.dwt_basis.startswith(basis)


def test_observed_deliveries(seen: Store) -> None:
    estimate = observed_deliveries(seen, date(2024, 1, 1), date(2024, 12, 31))
    assert [(d.vessel.mmsi, d.kinds) for d in estimate.deliveries] == [
        (DPRK_TANKER, ["encounter", "port_call"]),
        (DPRK_TANKER, ["port_call"]),
    ]
    capacity_bbl = DWT_DPRK * 8.33
    assert estimate.deliveries[0].capacity_bbl == pytest.approx(capacity_bbl)
    assert estimate.totals_bbl == pytest.approx(
        {"33%": 2 * 0.33 * capacity_bbl, "50%": capacity_bbl, "90%": 1.8 * capacity_bbl}
    )
    assert estimate.skipped == {
        "encounter: no tanker among the vessels": 1,
        "port_call: not at a DPRK port": 1,
        "encounter: no DPRK-flagged or listed party, no DPRK port call after": 1,
    }
    assert estimate.deliveries[0].vessel.dprk_basis.startswith("MMSI MID 445")


def test_status_shows_reported_against_observed(seen: Store) -> None:
    ingest_notifications(seen, PUBLIC)
    refined = ledger_status(seen, 2024).caps[0]
    high = refined.reported_plus_observed["90%"]
    assert high["total_bbl"] == pytest.approx(168679 + 1.8 * DWT_DPRK * 8.33)
    march = next(m for m in refined.months if m["month"] == "2024-03")
    may = next(m for m in refined.months if m["month"] == "2024-05")
    assert march["observed_total_bbl"]["50%"] == pytest.approx(0.5 * DWT_DPRK * 8.33)
    assert may["observed_total_bbl"]["50%"] == pytest.approx(DWT_DPRK * 8.33)
    assert ledger_status(seen, 2024).caps[1].observed is None  # crude: not estimated at sea

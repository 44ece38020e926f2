"""A small store for the API, report and web tests: a real register fixture, a few constructed
AIS positions and identities, and findings built with the ``Finding`` model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from vigil.findings.model import Evidence, Finding, Subject
from vigil.findings.store import save_findings
from vigil.register.ingest import ingest
from vigil.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UN_VESSELS = FIXTURES / "register" / "un_1718_vessels.csv"
DARK_MMSI, TANKER_MMSI = 445123000, 312000111
T0 = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)


def _track(mmsi: int, lon0: float, lat0: float, hours: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for i in range(hours * 6):
        ts = (T0 + timedelta(minutes=10 * i)).replace(tzinfo=None)
        lon, lat = lon0 + 0.01 * i, lat0 + 0.004 * i
        pid = mmsi * 10_000 + i
        rows.append(
            [pid, ts.date(), ts, mmsi, lat, lon, 8.5, 45.0, 45, 0, 1, "sim", "A", 1, i, pid]
        )
    return rows


def seed_ais(store: Store) -> None:
    """Two vessels' positions and identity histories (one renamed on day two)."""
    with store.transaction() as conn:
        for mmsi, lon, lat in ((DARK_MMSI, 123.0, 38.4), (TANKER_MMSI, 123.05, 38.42)):
            conn.executemany(
                "INSERT INTO ais_positions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _track(mmsi, lon, lat, 12),
            )
        day = T0.replace(tzinfo=None)
        conn.executemany(
            "INSERT INTO ais_identity VALUES (?, ?, ?, ?, ?, ?, ?)",
            [[DARK_MMSI, "name", "RYE SONG GANG 1", day, day + timedelta(hours=5), 1, 30],
             [DARK_MMSI, "name", "SEA STAR", day + timedelta(hours=6), day + timedelta(hours=12), 2, 30],
             [DARK_MMSI, "imo", "7389704", day, day + timedelta(hours=12), 1, 60],
             [TANKER_MMSI, "name", "OCEAN TRADER", day, day + timedelta(hours=12), 3, 60]],
        )  # fmt: skip


def seed_findings() -> list[Finding]:
    """Findings of several kinds, days and places, each with evidence and provenance."""
    dark = Subject("vessel", "party", mmsi=DARK_MMSI, imo="7389704", name="RYE SONG GANG 1")
    tanker = Subject("vessel", "party", mmsi=TANKER_MMSI, name="OCEAN TRADER")
    entity = Subject("entity", "designated", entity_id="unv-7389704", name="RYE SONG GANG 1")
    base = {"confidence": 0.8, "detector_version": "1", "parameters": {"max_distance_m": 500}}
    return [
        Finding("encounter", T0 + timedelta(hours=2), T0 + timedelta(hours=5), (dark, tanker),
                (Evidence("ais_position", f"{DARK_MMSI * 10_000 + 12}", {"lat": 38.45}),
                 Evidence("ais_position", f"{TANKER_MMSI * 10_000 + 12}", {"lat": 38.47})),
                reasons=("within 500 m for 3 h",), detector="encounter",
                geometry={"type": "Point", "coordinates": [123.13, 38.46]},
                summary="RYE SONG GANG 1 met OCEAN TRADER in Korea Bay for 3 h", **base),
        Finding("ais_gap", T0 + timedelta(days=1), T0 + timedelta(days=1, hours=9), (dark,),
                (Evidence("ais_position", "1", {"ts": "2024-05-02T06:00:00Z"}),),
                reasons=("no position for 9 h",), detector="ais_gap",
                geometry={"type": "LineString", "coordinates": [[123.5, 38.6], [124.0, 38.5]]},
                summary="RYE SONG GANG 1 dark for 9 h", **base),
        Finding("designated_vessel", T0, T0 + timedelta(hours=12), (dark, entity),
                (Evidence("register_version", "un-vessels@undated#71b6010a", {"imo": "7389704"}),),
                reasons=("IMO 7389704 is designated",), detector="designated_vessel",
                geometry={"type": "Point", "coordinates": [123.0, 38.4]},
                summary="Designated vessel RYE SONG GANG 1 broadcasting", **base),
        Finding("cap_exceeded", datetime(2024, 3, 1, tzinfo=UTC), datetime(2024, 3, 31, tzinfo=UTC),
                (), (Evidence("cap_notification", "2024-03-RU", {"barrels": 120_000}),),
                reasons=("reported deliveries exceed 500,000 bbl",), detector="cap_ledger",
                summary="Refined petroleum cap exceeded", **base),
    ]  # fmt: skip


def seed_store(store: Store, with_register: bool = True) -> list[Finding]:
    """Fill ``store``; returns the findings stored."""
    if with_register:
        ingest(store, UN_VESSELS)
    seed_ais(store)
    findings = seed_findings()
    save_findings(store, findings)
    return findings

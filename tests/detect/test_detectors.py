"""Each detector on small synthetic tracks, on every engine (the same cases, the same findings)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.detect.tracks import Tracks
from vigil.detect.driver import run
from vigil.store import Store

SEA = (38.50, 123.20)  # open water of Korea Bay, > 20 nm from shore, > 10 km from any port
NEAR_SHORE = (37.40, 126.50)  # Incheon roads
EAST_SEA_ZONE = (40.00, 129.50)  # inside the DPRK-claimed East Sea zone
NAMPHO = (38.733333, 125.416667)


def _kinds(store: Store, detector: str, engine: str) -> list[Any]:
    result = run(store, [detector], engine=engine, save=False)
    return sorted((f.kind, tuple(s.mmsi for s in f.subjects if s.mmsi)) for f in result.findings)


ENCOUNTERS = [
    ("3 h at 200 m", Tracks().still(1, *SEA, 0, 3).still(2, SEA[0] + 0.0018, SEA[1], 0, 3), 1),
    ("1.5 h only", Tracks().still(1, *SEA, 0, 1.5).still(2, SEA[0] + 0.0018, SEA[1], 0, 1.5), 0),
    ("800 m apart", Tracks().still(1, *SEA, 0, 3).still(2, SEA[0] + 0.0072, SEA[1], 0, 3), 0),
    ("near a port", Tracks().still(1, 38.905, 121.72, 0, 3).still(2, 38.9068, 121.72, 0, 3), 0),
    ("merged within 4 h",
     Tracks().still(1, *SEA, 0, 2.5).still(2, SEA[0] + 0.0018, SEA[1], 0, 2.5)
     .still(1, *SEA, 5, 7.5).still(2, SEA[0] + 0.0018, SEA[1], 5, 7.5), 1),
    ("apart by 6 h",  # both heard throughout; vessel 2 lies 5.5 km off in between
     Tracks().still(1, *SEA, 0, 11).still(2, SEA[0] + 0.0018, SEA[1], 0, 2.5)
     .still(2, SEA[0] + 0.05, SEA[1], 2.6, 8.4).still(2, SEA[0] + 0.0018, SEA[1], 8.5, 11), 2),
    ("both silent 6 h, stayed put",  # the silence is bridged (max_slow_gap_s): one episode
     Tracks().still(1, *SEA, 0, 2.5).still(2, SEA[0] + 0.0018, SEA[1], 0, 2.5)
     .still(1, *SEA, 8.5, 11).still(2, SEA[0] + 0.0018, SEA[1], 8.5, 11), 1),
    ("both silent 14 h",  # longer than max_slow_gap_s: two episodes
     Tracks().still(1, *SEA, 0, 2.5).still(2, SEA[0] + 0.0018, SEA[1], 0, 2.5)
     .still(1, *SEA, 16.5, 19).still(2, SEA[0] + 0.0018, SEA[1], 16.5, 19), 2),
]  # fmt: skip


@pytest.mark.parametrize("engine", ["duckdb"])
@pytest.mark.parametrize(("case", "tracks", "expected"), ENCOUNTERS, ids=[c[0] for c in ENCOUNTERS])
def test_encounters(store: Store, engine: str, case: str, tracks: Tracks, expected: int) -> None:
    tracks.write(store)
    assert _kinds(store, "encounter", engine) == [("encounter", (1, 2))] * expected


LOITERING = [
    ("5 h at sea", Tracks().still(1, *SEA, 0, 5), 1),
    ("3 h at sea", Tracks().still(1, *SEA, 0, 3), 0),
    ("5 h near shore", Tracks().still(1, *NEAR_SHORE, 0, 5), 0),
    ("5 h sailing", Tracks().sail(1, SEA, (SEA[0] + 0.5, SEA[1]), 0, 5), 0),
]


@pytest.mark.parametrize(("case", "tracks", "expected"), LOITERING, ids=[c[0] for c in LOITERING])
def test_loitering(store: Store, case: str, tracks: Tracks, expected: int) -> None:
    tracks.write(store)
    assert _kinds(store, "loitering", "duckdb") == [("loitering", (1,))] * expected


GAPS = [
    ("14 h dark", Tracks().still(1, *SEA, 0, 6).still(1, *SEA, 20, 24), 1),
    ("10 h dark", Tracks().still(1, *SEA, 0, 6).still(1, *SEA, 16, 20), 0),
    ("one position", Tracks().still(1, *SEA, 0, 0), 0),
]


@pytest.mark.parametrize("engine", ["duckdb"])
@pytest.mark.parametrize(("case", "tracks", "expected"), GAPS, ids=[c[0] for c in GAPS])
def test_gaps(store: Store, engine: str, case: str, tracks: Tracks, expected: int) -> None:
    tracks.write(store)
    assert _kinds(store, "ais_gap", engine) == [("ais_gap", (1,))] * expected


SPOOFING = [
    ("300 km in 5 min", Tracks().still(1, *SEA, 0, 1).still(1, SEA[0] - 2.7, SEA[1], 1.1, 2), 1),
    ("steady sailing", Tracks().sail(1, SEA, (SEA[0] + 0.5, SEA[1]), 0, 5), 0),
    ("two places at once",
     Tracks().still(1, *SEA, 0, 3, every_s=600).still(1, SEA[0] - 1.0, SEA[1], 0.05, 3.05, every_s=600), 1),
    ("inland", Tracks().still(1, 39.5, 126.5, 0, 1), 1),
]  # fmt: skip


@pytest.mark.parametrize(("case", "tracks", "expected"), SPOOFING, ids=[c[0] for c in SPOOFING])
def test_spoofing(store: Store, case: str, tracks: Tracks, expected: int) -> None:
    tracks.write(store)
    assert _kinds(store, "spoofing", "duckdb") == [("spoofing", (1,))] * expected


def test_shared_mmsi_is_told_apart(store: Store) -> None:
    Tracks().still(1, *SEA, 0, 3, every_s=600).still(
        1, SEA[0] - 1.0, SEA[1], 0.05, 3.05, every_s=600
    ).write(store)
    (finding,) = run(store, ["spoofing"], save=False).findings
    assert "two places at once" in " ".join(finding.reasons)


PORTS = [
    ("in and out of Nampho",
     Tracks().sail(1, (38.5, 125.0), NAMPHO, 0, 5).still(1, *NAMPHO, 5.1, 10).sail(1, NAMPHO, (38.5, 125.0), 10.1, 15), 1),
    ("passing 6 km off", Tracks().sail(1, (NAMPHO[0] - 0.054, 125.0), (NAMPHO[0] - 0.054, 125.8), 0, 5), 0),
]  # fmt: skip


@pytest.mark.parametrize("engine", ["duckdb"])
@pytest.mark.parametrize(("case", "tracks", "expected"), PORTS, ids=[c[0] for c in PORTS])
def test_port_calls(store: Store, engine: str, case: str, tracks: Tracks, expected: int) -> None:
    tracks.write(store)
    assert _kinds(store, "port_call", engine) == [("port_call", (1,))] * expected


def test_dprk_waters(store: Store) -> None:
    Tracks().still(1, *EAST_SEA_ZONE, 0, 2).still(2, *SEA, 0, 2).write(store)
    assert _kinds(store, "dprk_waters", "duckdb") == [("dprk_waters", (1,))]


IDENTITY = [
    ("renamed", Tracks().still(1, *SEA, 0, 1).ident(1, "name", "OLD", 0, 5).ident(1, "name", "NEW", 6, 9), [("identity_change", (1,))]),
    ("IMO on a new MMSI", Tracks().still(1, *SEA, 0, 1).ident(1, "imo", "9074729", 0, 5).ident(2, "imo", "9074729", 6, 9), [("identity_change", (1, 2))]),
    ("IMO on two MMSIs at once", Tracks().still(1, *SEA, 0, 1).ident(1, "imo", "9074729", 0, 5).ident(2, "imo", "9074729", 3, 9), [("identity_mismatch", (1, 2))]),
    ("bad check digit", Tracks().still(1, *SEA, 0, 1).ident(1, "imo", "9074720", 0, 5), [("identity_mismatch", (1,))]),
    ("steady", Tracks().still(1, *SEA, 0, 1).ident(1, "name", "SAME", 0, 5).ident(1, "imo", "9074729", 0, 5), []),
]  # fmt: skip


@pytest.mark.parametrize(("case", "tracks", "expected"), IDENTITY, ids=[c[0] for c in IDENTITY])
def test_identity(store: Store, case: str, tracks: Tracks, expected: list[Any]) -> None:
    tracks.write(store)
    assert _kinds(store, "identity", "duckdb") == expected

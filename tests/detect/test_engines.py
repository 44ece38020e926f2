"""The same detection on every engine: one small fleet holding a case for each detector, run with
all detectors on DuckDB and on Spark (local mode), must give the expected findings and, on Spark,
exactly the DuckDB findings (same ids). Kept to one Spark run: Spark start-up is slow."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.detect.conftest import ENGINES
from tests.detect.tracks import Tracks
from vigil.detect.driver import run
from vigil.store import Store

SEA = (38.50, 123.20)
NAMPHO = (38.733333, 125.416667)

EXPECTED = {
    "encounter": 1,  # vessels 1 and 2
    "loitering": 2,  # both parties of the encounter loiter 5 h
    "ais_gap": 1,  # vessel 3 dark 14 h
    "spoofing": 1,  # vessel 4 jumps 300 km
    "port_call": 1,  # vessel 5 at Nampho
    "identity_change": 1,  # vessel 6 renamed
    "dprk_waters": 2,  # vessel 5 near Nampho, vessel 7 in the East Sea zone
}


def fleet() -> Tracks:
    t = Tracks().still(1, *SEA, 0, 5).still(2, SEA[0] + 0.0018, SEA[1], 0, 5)
    t.still(3, 37.0, 123.0, 0, 6, sog=8).still(3, 37.0, 123.0, 20, 24, sog=8)
    t.still(4, 36.0, 123.5, 0, 1, sog=10).still(4, 33.3, 123.5, 1.1, 2, sog=10)
    t.sail(5, (38.5, 125.0), NAMPHO, 0, 5).still(5, *NAMPHO, 5.1, 10)
    t.still(6, 36.5, 124.0, 0, 2, sog=9).ident(6, "name", "OLD", 0, 5).ident(6, "name", "NEW", 6, 9)
    t.still(7, 40.0, 129.5, 0, 2, sog=9)
    return t


@pytest.mark.parametrize("engine", ENGINES)
def test_same_findings_on_every_engine(store: Store, engine: str) -> None:
    fleet().write(store)
    found = run(store, engine=engine, save=False).findings
    assert Counter(f.kind for f in found) == Counter(EXPECTED)
    if engine != "duckdb":
        reference = run(store, engine="duckdb", save=False).findings
        assert sorted(f.id for f in found) == sorted(f.id for f in reference)
        assert [f.to_dict() for f in sorted(found, key=lambda f: f.id)] == [
            f.to_dict() for f in sorted(reference, key=lambda f: f.id)
        ]

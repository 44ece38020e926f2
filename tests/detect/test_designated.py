"""Designated vessel sightings against the register (the UN 1718 vessels fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.detect.tracks import Tracks
from vigil.detect.driver import run
from vigil.register.ingest import ingest
from vigil.store import Store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "register" / "un_1718_vessels.csv"


@pytest.mark.parametrize(
    ("field", "value", "how"),
    [
        ("imo", "8705539", "IMO 8705539 is listed"),
        ("name", "KUM UN SAN 3", "name 'KUM UN SAN 3' matches"),
    ],
)
def test_sighting(store: Store, field: str, value: str, how: str) -> None:
    ingest(store, FIXTURE)
    Tracks().still(1, 38.5, 123.2, 0, 30).ident(1, field, value, 0, 30).write(store)
    found = run(store, ["designated_vessel"], save=False).findings
    assert len(found) == 2  # two UTC days seen
    for finding in found:
        assert finding.reasons[0].startswith(how)
        entity = [s for s in finding.subjects if s.role == "designated"]
        assert entity and entity[0].entity_id
        assert {"ais_position", "register_version"} <= {e.kind for e in finding.evidence}


def test_no_register_no_sighting(store: Store) -> None:
    Tracks().still(1, 38.5, 123.2, 0, 3).ident(1, "imo", "8705539", 0, 3).write(store)
    assert run(store, ["designated_vessel"], save=False).findings == []

"""The demo: the bundled lists load and the sample names get the verdicts the sample expects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyais.stream import FileReaderStream

from tests.cli_runner import run_cli
from vigil.demo import sample_path
from vigil.demo_vessel import ROUTE_LAT_LON, SPEED_KNOTS, pick_listed_ship, write_listed_ship_nmea
from vigil.register.ingest import ingest
from vigil.register.query import get_entity
from vigil.run.config import SourcesConfig, VigilConfig
from vigil.run.pipeline import STAGES
from vigil.settings import Settings
from vigil.store import Store


def test_demo_loads_lists_and_screens_the_sample(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    # The simulated AIS part is left out here to keep the suite fast; `make demo` runs it whole.
    outcome = run_cli(capsys, "demo", "--json", "--no-ais")
    assert outcome.code == 0, outcome.stderr
    result = json.loads(outcome.stdout)
    assert [item["list"] for item in result["lists"]] == ["un", "ofac"]
    assert result["dprk"]["un"] == {"Organization": 75, "Person": 80}
    assert result["dprk"]["ofac"]["Vessel"] == 105
    unexpected = [s["name"] for s in result["screening"] if not s["as_expected"]]
    assert unexpected == []
    # The main job ran on the sample: the German article was scanned and the report written.
    job = result["job"]["stages"]
    assert job["detect"] == {"skipped": "no positions"}
    assert job["documents"][0]["mentions"] > 0
    report = Path(result["report"]["html"])
    assert report.is_file() and report.parent == tmp_path / "report"
    assert result["report"]["findings"] >= 1
    # Running again adds no versions, and the readable output says how the sample fared.
    again = run_cli(capsys, "demo", "--no-ais")
    assert again.code == 0, again.stderr
    assert "already stored" in again.stdout and "new version" not in again.stdout
    assert "DPRK regime in un: 75 Organization, 80 Person" in again.stdout
    assert "11 of 11 verdicts as the sample expects" in again.stdout
    assert "report.html" in again.stdout and "vigil serve" in again.stdout


@pytest.fixture(scope="module")
def ofac_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store holding the bundled OFAC list (its DPRK vessels carry IMO numbers)."""
    store = Store.open(Settings(home=tmp_path_factory.mktemp("ofac"), progress="never"))
    ingest(store, sample_path("ofac_sdn_2024-05-03.csv"))
    yield store
    store.close()


def test_the_demo_picks_a_listed_vessel(ofac_store: Store) -> None:
    ship = pick_listed_ship(ofac_store)
    assert ship is not None and ship.entity_id.startswith("ofac-")
    entity = get_entity(ofac_store, ship.entity_id)
    assert str(ship.imo) in entity["properties"]["imoNumber"]
    assert pick_listed_ship(Store.memory()) is None  # no register, no designated vessel


def test_the_listed_vessel_broadcasts_its_register_identity(
    ofac_store: Store, tmp_path: Path
) -> None:
    ship = pick_listed_ship(ofac_store)
    assert ship is not None
    path = tmp_path / "designated.nmea"
    lines = write_listed_ship_nmea(ship, "2024-03-01T00:00:00Z", path)
    decoded = [m.decode().asdict() for m in FileReaderStream(str(path))]
    assert lines > len(decoded) > 100  # type 5 messages take two lines
    static = [m for m in decoded if m["msg_type"] == 5]
    assert static and {(m["imo"], m["shipname"], m["mmsi"]) for m in static} == {
        (ship.imo, ship.name, ship.mmsi)
    }
    positions = [m for m in decoded if m["msg_type"] == 1]
    (lat0, lon0), (lat1, lon1) = ROUTE_LAT_LON
    assert all(min(lat0, lat1) - 1e-3 <= m["lat"] <= max(lat0, lat1) + 1e-3 for m in positions)
    assert all(min(lon0, lon1) - 1e-3 <= m["lon"] <= max(lon0, lon1) + 1e-3 for m in positions)
    assert {m["speed"] for m in positions} == {SPEED_KNOTS}


def test_the_main_job_sights_the_listed_vessel(ofac_store: Store, tmp_path: Path) -> None:
    ship = pick_listed_ship(ofac_store)
    assert ship is not None
    nmea = tmp_path / "designated.nmea"
    write_listed_ship_nmea(ship, "2024-03-01T00:00:00Z", nmea)
    config = VigilConfig(sources=SourcesConfig(ais=[nmea]))
    stages = dict(STAGES)  # the main job's own AIS and detection stages
    for name in ("ais", "detect"):
        stages[name](ofac_store, config)
    rows = ofac_store.conn.execute(
        "SELECT f.summary FROM findings f JOIN finding_subjects s USING (finding_id)"
        " WHERE f.kind = 'designated_vessel' AND s.mmsi = ?",
        [ship.mmsi],
    ).fetchall()
    assert rows and f"IMO {ship.imo} is listed" in rows[0][0]

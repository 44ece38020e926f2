"""Detectors on the simulator's output (a small korea-bay run) and on the real MarineCadastre
sample: labelled events are found, moored ships are not encounters, re-runs add nothing."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bench.detect.evaluate import score
from bench.detect.marinecadastre import load as load_marinecadastre

from tests.detect.conftest import SHARED_DATA
from vigil.ais.ingest import ingest_file
from vigil.ais.simulate.runner import simulate
from vigil.ais.validate import Limits
from vigil.detect.driver import RunResult, run
from vigil.settings import Settings
from vigil.store import Store


@pytest.fixture(scope="module")
def simulated(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Store, RunResult, dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("sim")
    simulate("korea-bay", folder, vessels=24, days=3, seed=7)
    with Store.open(Settings(home=folder / "home", progress="never")) as store:
        ingest_file(store, folder / "positions.nmea", Limits(now_s=time.time()))
        result = run(store)
        yield store, result, json.loads((folder / "truth.json").read_text("utf-8"))


@pytest.mark.parametrize(
    "kind", ["encounter", "loitering", "ais_gap", "spoofing", "identity_change", "port_call"]
)
def test_labelled_events_are_found(
    simulated: tuple[Store, RunResult, dict[str, Any]], kind: str
) -> None:
    _store, result, truth = simulated
    (figures,) = [s for s in score(result.findings, truth) if s.kind == kind]
    assert figures.events > 0
    assert figures.recall >= 0.9, figures
    assert figures.precision >= 0.9, figures


def test_findings_cite_positions_and_raw_lines(
    simulated: tuple[Store, RunResult, dict[str, Any]],
) -> None:
    store, result, _truth = simulated
    for finding in result.findings:
        kinds = {e.kind for e in finding.evidence}
        assert kinds & {"ais_position", "ais_raw"}, finding.summary
        assert finding.detector and finding.detector_version and finding.parameters
        assert finding.reasons
    ids = [int(e.ref) for f in result.findings for e in f.evidence if e.kind == "ais_position"][:50]
    placeholders = ", ".join("?" for _ in ids)
    row = store.conn.execute(
        f"SELECT count(*) FROM ais_positions WHERE position_id IN ({placeholders})", ids
    ).fetchone()
    assert row is not None and row[0] == len(set(ids))


def test_running_again_adds_nothing(simulated: tuple[Store, RunResult, dict[str, Any]]) -> None:
    store, first, _truth = simulated
    again = run(store)
    assert again.added == 0
    assert sorted(f.id for f in again.findings) == sorted(f.id for f in first.findings)


def test_no_encounter_among_moored_ships(store: Store) -> None:
    path = SHARED_DATA / "ais" / "marinecadastre_2023-01-11_1000rows.csv"
    load_marinecadastre(store, path)
    moored = store.conn.execute(
        "SELECT count(DISTINCT mmsi) FROM ais_positions WHERE nav_status = 5"
    ).fetchone()
    assert moored is not None and moored[0] > 10  # the sample does hold moored ships
    result = run(store, ["encounter"], save=False)
    assert result.positions > 900
    assert result.counts == {"encounter": 0}


def test_shared_data_is_there() -> None:
    assert Path(SHARED_DATA / "geo" / "dprk_ports.csv").exists()

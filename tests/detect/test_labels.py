"""The simulator's labels for DPRK waters and designated-vessel sightings, which the detection
benchmark scores: each label is backed by the data the detectors see."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest

from vigil.ais.simulate.labels import REGISTER_FILE
from vigil.ais.simulate.runner import simulate
from vigil.detect import geo
from vigil.register.ingest import parse_list


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("labels")
    simulate("east-sea", out, vessels=23, days=3, seed=5)
    return out


def _events(run_dir: Path, kind: str) -> list[dict[str, Any]]:
    truth = orjson.loads((run_dir / "truth.json").read_bytes())
    return [e for e in truth["events"] if e["kind"] == kind]


def _reports(run_dir: Path) -> dict[str, np.ndarray[Any, Any]]:
    with (run_dir / "positions.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    t = [_seconds(r["BaseDateTime"] + "Z") for r in rows]
    return {
        "t": np.asarray(t), "mmsi": np.asarray([int(r["MMSI"]) for r in rows]),
        "lat": np.asarray([float(r["LAT"]) for r in rows]),
        "lon": np.asarray([float(r["LON"]) for r in rows]),
    }  # fmt: skip


def _seconds(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


@pytest.mark.parametrize("kind", ["dprk_waters", "designated_vessel"])
def test_every_label_has_received_reports(run_dir: Path, kind: str) -> None:
    events, reports = _events(run_dir, kind), _reports(run_dir)
    assert events, f"the east-sea scenario labels {kind}"
    for e in events:
        during = (reports["mmsi"] == e["mmsi"][0]) & (reports["t"] >= _seconds(e["start"]) - 1)
        during &= reports["t"] <= _seconds(e["end"]) + 1
        assert during.any(), e
        if kind == "dprk_waters":  # some report of the stretch lies in a zone
            inside = geo.in_any_zone(reports["lat"][during], reports["lon"][during])
            assert inside.any(), e


def test_register_is_a_1718_vessel_list(run_dir: Path) -> None:
    parsed = parse_list(run_dir / REGISTER_FILE, "un-vessels-csv")
    names = {e.caption for e in parsed.entities if e.schema.name == "Vessel"}
    labelled = {e["details"]["listed"] for e in _events(run_dir, "designated_vessel")}
    assert labelled and labelled <= names

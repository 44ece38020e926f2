"""The simulated files are well formed and agree with the ground truth."""

from __future__ import annotations

import csv
import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pyais.stream import IterMessages

from vigil.ais.simulate.errors import ScenarioError
from vigil.ais.simulate.geo import distance_m
from vigil.ais.simulate.landmask import load
from vigil.ais.simulate.motion import report_interval_s
from vigil.ais.simulate.runner import simulate
from vigil.ais.simulate.writers import CSV_COLUMNS

from .conftest import SMALL


def _checksum(text: str) -> str:
    value = 0
    for ch in text.encode():
        value ^= ch
    return f"{value:02X}"


def _rows(run: Path) -> list[dict[str, str]]:
    with (run / "positions.csv").open() as handle:
        return list(csv.DictReader(handle))


def _ts(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def test_every_line_has_valid_checksums(small_run: Path) -> None:
    for line in (small_run / "positions.nmea").read_text().splitlines():
        _, tag, sentence = line.split("\\")
        body, cs = tag.split("*")
        assert _checksum(body) == cs
        body, cs = sentence[1:].split("*")
        assert _checksum(body) == cs


def test_lines_decode_with_pyais(small_run: Path) -> None:
    lines = (small_run / "positions.nmea").read_bytes().splitlines()[:20_000]
    types = {msg.decode().msg_type for msg in IterMessages(lines)}
    assert {1, 5} <= types


def test_csv_matches_nmea(small_run: Path) -> None:
    rows = _rows(small_run)
    assert tuple(rows[0]) == CSV_COLUMNS
    positions = sum(
        1
        for ln in (small_run / "positions.nmea").read_bytes().splitlines()
        if b",1,1,," in ln and ln.split(b",")[-2][:1] in b"1B"
    )
    assert len(rows) >= positions - 1 and float(rows[0]["LAT"]) != 0


def test_positions_at_sea(small_run: Path) -> None:
    rows = _rows(small_run)
    lat = np.array([float(r["LAT"]) for r in rows])
    lon = np.array([float(r["LON"]) for r in rows])
    assert load().is_land(lat, lon).mean() < 0.001


def test_every_kind_is_labelled(truth: dict[str, Any]) -> None:
    kinds = {e["kind"] for e in truth["events"]}
    assert kinds >= {
        "sts_transfer",
        "loitering",
        "ais_gap",
        "spoofing",
        "identity_change",
        "shared_mmsi",
        "port_call",
    }


def test_sts_pairs_close_and_slow(small_run: Path, truth: dict[str, Any]) -> None:
    by_mmsi: dict[int, list[tuple[float, float, float, float]]] = {}
    for r in _rows(small_run):
        by_mmsi.setdefault(int(r["MMSI"]), []).append(
            (_ts(r["BaseDateTime"]), float(r["LAT"]), float(r["LON"]), float(r["SOG"]))
        )
    for e in (e for e in truth["events"] if e["kind"] == "sts_transfer"):
        a, b = (np.array(by_mmsi[m]) for m in e["mmsi"])
        lo, hi = _ts(e["start"]), _ts(e["end"])
        wa = a[(a[:, 0] >= lo) & (a[:, 0] <= hi)]
        wb = b[(b[:, 0] >= lo) & (b[:, 0] <= hi)]
        assert len(wa) and len(wb)
        assert (wa[:, 3] < 2).all() and (wb[:, 3] < 2).all()
        j = np.clip(np.searchsorted(wb[:, 0], wa[:, 0]), 0, len(wb) - 1)
        close = np.abs(wb[j, 0] - wa[:, 0]) < 60
        assert (
            distance_m(wa[close, 1], wa[close, 2], wb[j[close], 1], wb[j[close], 2]) < 500
        ).all()


def test_no_positions_during_gaps(small_run: Path, truth: dict[str, Any]) -> None:
    times: dict[int, list[float]] = {}
    for r in _rows(small_run):
        times.setdefault(int(r["MMSI"]), []).append(_ts(r["BaseDateTime"]))
    for e in (e for e in truth["events"] if e["kind"] == "ais_gap"):
        t = np.array(times[e["mmsi"][0]])
        assert not ((t > _ts(e["start"])) & (t < _ts(e["end"]))).any()
        assert _ts(e["end"]) - _ts(e["start"]) >= 12 * 3600


def test_deterministic_for_a_seed(small_run: Path, tmp_path: Path) -> None:
    simulate("korea-bay", tmp_path, **SMALL)
    for name in ("positions.nmea", "positions.csv", "truth.json"):
        digest = [
            hashlib.sha256((d / name).read_bytes()).hexdigest() for d in (small_run, tmp_path)
        ]
        assert digest[0] == digest[1], name


@pytest.mark.parametrize(
    ("speed_kn", "status", "cls", "interval_s"),
    [
        (0.0, 1, "A", 180.0),
        (0.0, 5, "A", 180.0),
        (0.5, 0, "A", 10.0),
        (12.0, 0, "A", 10.0),
        (18.0, 0, "A", 6.0),
        (25.0, 0, "A", 2.0),
        (1.0, 7, "B", 180.0),
        (3.5, 7, "B", 30.0),
    ],
)
def test_reporting_intervals(speed_kn: float, status: int, cls: str, interval_s: float) -> None:
    assert report_interval_s(speed_kn, status, cls) == interval_s


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "atlantis"}, "unknown scenario"),
        ({"vessels": -5}, "--vessels"),
        ({"days": 1}, "--days"),
        ({"seed": -1}, "--seed"),
    ],
)
def test_bad_options(tmp_path: Path, kwargs: dict[str, Any], message: str) -> None:
    args = {"name": "korea-bay", "vessels": None, "days": None, "seed": 0} | kwargs
    with pytest.raises(ScenarioError, match=message):
        simulate(args.pop("name"), tmp_path, **args)

"""Segmentation (GFW-like) and resampling."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.ais.conftest import T0_S, position, write_lines
from vigil.ais.ingest import ingest_file
from vigil.ais.resample import resample_linear, resample_segment
from vigil.ais.tracks import SegmentParams, build_tracks, distance_nm, segment_positions
from vigil.ais.validate import Limits
from vigil.store import Store

HOUR_S = 3600.0
NM_DEG = 1 / 60  # one nautical mile of latitude, in degrees


def run(points: list[tuple[float, float, float]]) -> list[int]:
    """Segment ids (as 0, 1, ... in order of first appearance) for (t_s, lat, lon) points."""
    arr = np.array(points, dtype=float)
    ids = segment_positions(np.arange(len(points)), arr[:, 0], arr[:, 1], arr[:, 2])
    order = {v: k for k, v in enumerate(dict.fromkeys(ids.tolist()))}
    return [order[v] for v in ids.tolist()]


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        # 10 nm per hour: one segment
        (
            [
                (0, 38.0, 124.0),
                (HOUR_S, 38.0 + 10 * NM_DEG, 124.0),
                (2 * HOUR_S, 38.0 + 20 * NM_DEG, 124.0),
            ],
            [0, 0, 0],
        ),
        # a 60 nm jump in one hour (60 kn) opens a new segment
        ([(0, 38.0, 124.0), (HOUR_S, 38.0 + 60 * NM_DEG, 124.0)], [0, 1]),
        # a 25 h gap opens a new segment even at the same place
        ([(0, 38.0, 124.0), (25 * HOUR_S, 38.0, 124.0)], [0, 1]),
        # two ships 100 nm apart on one MMSI, alternating: two clean segments
        (
            [(k * 600.0, 38.0 + (k % 2) * 100 * NM_DEG + k * 0.001, 124.0) for k in range(8)],
            [0, 1, 0, 1, 0, 1, 0, 1],
        ),
        # a spoofed far-away position between good ones does not break the real track
        ([(0, 38.0, 124.0), (600, 10.0, 100.0), (1200, 38.0 + NM_DEG, 124.0)], [0, 1, 0]),
    ],
)
def test_segmentation_cases(points: list[tuple[float, float, float]], expected: list[int]) -> None:
    assert run(points) == expected


def test_parameters_are_data() -> None:
    points = [(0, 38.0, 124.0), (HOUR_S, 38.0 + 40 * NM_DEG, 124.0)]
    arr = np.array(points)
    fast = SegmentParams(max_speed_knots=50.0)
    ids = segment_positions(np.arange(2), arr[:, 0], arr[:, 1], arr[:, 2], fast)
    assert ids[0] == ids[1]


def test_distance_nm_one_degree_of_latitude() -> None:
    assert distance_nm(0.0, 0.0, 1.0, 0.0) == pytest.approx(60.04, abs=0.05)


def test_build_tracks_in_store(store: Store, limits: Limits, tmp_path: Path) -> None:
    lines = [position(412000001, 38.0 + k * NM_DEG, 124.0, T0_S + k * 360) for k in range(10)]
    lines += [position(412000001, 30.0, 124.0, T0_S + 3600 * 30)]
    ingest_file(store, write_lines(tmp_path / "t.nmea", lines), limits)
    summary = build_tracks(store)
    assert summary["segments"] == 2 and summary["positions"] == 11
    assert build_tracks(store)["positions"] == 0  # nothing new
    seg = store.conn.execute("SELECT segment_id FROM ais_segments WHERE positions = 10").fetchone()
    assert seg is not None
    track = resample_segment(store, int(seg[0]), interval_s=60.0)
    assert len(track.ts_s) == 55 and np.all(np.diff(track.lat) > 0)


def test_resample_linear_interpolates_and_respects_gaps() -> None:
    ts = np.array([0.0, 100.0, 10_000.0])
    out = resample_linear(
        ts, np.array([0.0, 1.0, 2.0]), np.array([179.0, -179.0, -178.0]), 50.0, 1000.0
    )
    assert out.ts_s.tolist() == [0.0, 50.0, 100.0, 10_000.0]  # none inside the long gap
    assert out.lat.tolist() == [0.0, 0.5, 1.0, 2.0]
    assert out.lon[1] == pytest.approx(-180.0) or out.lon[1] == pytest.approx(180.0)

"""Track segments per MMSI, in the manner of Global Fishing Watch's segmenter.

Positions of one MMSI are taken in time order. Each position joins the *nearest plausible*
open segment: one whose last point is reachable at no more than ``max_speed_knots`` (implied
speed over the great-circle distance) and no more than ``max_gap_s`` ago. If none is, the
position opens a new segment. So a jump beyond 30 kn or a gap over 24 h splits a track, and two
ships transmitting the same MMSI become two interleaved segments instead of one zig-zag.

A segment's id is the ``position_id`` of its first position: stable while earlier data of
the MMSI does not change. ``ais_track_points`` maps each position to its segment (detectors
join on it); ``ais_segments`` summarises each segment. Segments of an MMSI are rebuilt whole
whenever it has positions not yet assigned.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Final

import duckdb
import numpy as np
import pyarrow as pa

from vigil.store import Store

EARTH_RADIUS_NM: Final = 3440.065


@dataclass(frozen=True)
class SegmentParams:
    """The segmenter's parameters, with units in their names."""

    max_speed_knots: float = 30.0
    max_gap_s: float = 24 * 3600.0
    min_interval_s: float = 10.0  # implied speed uses at least this interval (GPS jitter)
    max_open_segments: int = 8
    version: str = "gfw-like-v1"


DEFAULT_PARAMS: Final = SegmentParams()


def distance_nm(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in nautical miles."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_NM * math.asin(min(1.0, math.sqrt(a)))


def segment_positions(
    ids: np.ndarray,
    ts_s: np.ndarray,
    lat: np.ndarray,
    lon: np.ndarray,
    params: SegmentParams = DEFAULT_PARAMS,
) -> np.ndarray:
    """Segment ids for the time-ordered positions of ONE MMSI (``ids`` are position ids)."""
    out = np.empty(len(ids), dtype=np.int64)
    open_segs: list[list[float]] = []  # [segment id, last time s, last lat, last lon]
    for k, (pid, t, la, lo) in enumerate(
        zip(ids.tolist(), ts_s.tolist(), lat.tolist(), lon.tolist(), strict=True)
    ):
        open_segs = [s for s in open_segs if t - s[1] <= params.max_gap_s]
        best, best_nm = None, math.inf
        for seg in open_segs:
            gap_h = max(t - seg[1], params.min_interval_s) / 3600.0
            dist = distance_nm(seg[2], seg[3], la, lo)
            if dist / gap_h <= params.max_speed_knots and dist < best_nm:
                best, best_nm = seg, dist
        if best is None:
            best = [float(pid), t, la, lo]
            open_segs.append(best)
            open_segs = open_segs[-params.max_open_segments :]
        best[1], best[2], best[3] = t, la, lo
        out[k] = int(best[0])
    return out


def segment_table(columns: dict[str, np.ndarray], params: SegmentParams) -> np.ndarray:
    """Segment ids for positions sorted by (mmsi, ts), across many MMSIs."""
    mmsi = columns["mmsi"]
    out = np.empty(len(mmsi), dtype=np.int64)
    bounds = np.flatnonzero(np.diff(mmsi)) + 1
    for start, stop in zip([0, *bounds.tolist()], [*bounds.tolist(), len(mmsi)], strict=True):
        part = slice(start, stop)
        out[part] = segment_positions(
            columns["position_id"][part],
            columns["ts_s"][part],
            columns["lat"][part],
            columns["lon"][part],
            params,
        )
    return out


def build_tracks(store: Store, params: SegmentParams = DEFAULT_PARAMS) -> dict[str, object]:
    """(Re)build the segments of every MMSI with unassigned positions, in one transaction."""
    with store.transaction() as conn:
        conn.execute(
            "CREATE OR REPLACE TEMP TABLE ais_track_mmsi AS SELECT DISTINCT p.mmsi"
            " FROM ais_positions p ANTI JOIN ais_track_points t USING (position_id)"
        )
        columns = conn.execute(
            "SELECT position_id, mmsi, epoch_us(ts) / 1e6 AS ts_s, lat, lon FROM ais_positions"
            " WHERE mmsi IN (SELECT mmsi FROM ais_track_mmsi) ORDER BY mmsi, ts, position_id"
        ).fetchnumpy()
        segment_ids = segment_table(columns, params)
        _replace(conn, columns["position_id"], segment_ids, params)
        row = conn.execute("SELECT count(*) FROM ais_track_mmsi").fetchone()
        conn.execute("DROP TABLE ais_track_mmsi")
    return {
        "mmsis": int(row[0]) if row else 0,
        "positions": len(segment_ids),
        "segments": len(np.unique(segment_ids)),
        "params": asdict(params),
    }


def _replace(
    conn: duckdb.DuckDBPyConnection,
    position_ids: np.ndarray,
    segment_ids: np.ndarray,
    params: SegmentParams,
) -> None:
    conn.execute(
        "DELETE FROM ais_track_points WHERE segment_id IN"
        " (SELECT segment_id FROM ais_segments WHERE mmsi IN (SELECT mmsi FROM ais_track_mmsi))"
    )
    conn.execute("DELETE FROM ais_segments WHERE mmsi IN (SELECT mmsi FROM ais_track_mmsi)")
    points = pa.table({"position_id": position_ids, "segment_id": segment_ids})
    conn.register("ais_new_points", points)
    try:
        conn.execute("INSERT INTO ais_track_points SELECT * FROM ais_new_points")
        conn.execute(
            "INSERT INTO ais_segments SELECT t.segment_id, any_value(p.mmsi), min(p.ts),"
            " max(p.ts), count(*), ? FROM ais_new_points t JOIN ais_positions p"
            " USING (position_id) GROUP BY t.segment_id",
            [params.version],
        )
    finally:
        conn.unregister("ais_new_points")

"""Resampling helpers for detectors: a segment's track at fixed time steps.

Positions are linearly interpolated in latitude and in unwrapped longitude (a track that
crosses the antimeridian does not sweep round the globe); results are wrapped back to
[-180, 180). Steps that fall inside a reporting gap longer than ``max_gap_s`` are left out,
so detectors never see positions invented across a dark period.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vigil.store import Store


@dataclass(frozen=True)
class Resampled:
    """A track at fixed steps: times (unix seconds, UTC), latitudes and longitudes (degrees)."""

    ts_s: np.ndarray
    lat: np.ndarray
    lon: np.ndarray


def resample_linear(
    ts_s: np.ndarray,
    lat: np.ndarray,
    lon: np.ndarray,
    interval_s: float,
    max_gap_s: float | None = None,
) -> Resampled:
    """Interpolate a time-ordered track to every multiple of ``interval_s`` within its span."""
    if interval_s <= 0:
        raise ValueError(f"interval_s must be positive, not {interval_s}")
    if len(ts_s) == 0:
        empty = np.zeros(0)
        return Resampled(empty, empty, empty)
    start = np.ceil(ts_s[0] / interval_s) * interval_s
    steps = int(np.floor((ts_s[-1] - start) / interval_s)) + 1
    grid = start + np.arange(max(steps, 0)) * interval_s
    unwrapped = np.degrees(np.unwrap(np.radians(lon)))
    out_lat = np.interp(grid, ts_s, lat)
    out_lon = (np.interp(grid, ts_s, unwrapped) + 180.0) % 360.0 - 180.0
    if max_gap_s is not None and len(ts_s) > 1:
        after = np.clip(np.searchsorted(ts_s, grid, side="left"), 1, len(ts_s) - 1)
        gap = ts_s[after] - ts_s[after - 1]
        exact = np.isin(grid, ts_s)
        keep = exact | (gap <= max_gap_s)
        grid, out_lat, out_lon = grid[keep], out_lat[keep], out_lon[keep]
    return Resampled(grid, out_lat, out_lon)


def segment_track(store: Store, segment_id: int) -> Resampled:
    """The stored positions of one segment, in time order (not resampled)."""
    cols = store.conn.execute(
        "SELECT epoch_us(p.ts) / 1e6 AS ts_s, p.lat, p.lon FROM ais_track_points t"
        " JOIN ais_positions p USING (position_id) WHERE t.segment_id = ? ORDER BY p.ts",
        [segment_id],
    ).fetchnumpy()
    return Resampled(cols["ts_s"], cols["lat"], cols["lon"])


def resample_segment(
    store: Store, segment_id: int, interval_s: float, max_gap_s: float | None = None
) -> Resampled:
    """A stored segment resampled to fixed steps."""
    track = segment_track(store, segment_id)
    return resample_linear(track.ts_s, track.lat, track.lon, interval_s, max_gap_s)

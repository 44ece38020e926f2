"""Which reports reach a receiver: coastal stations in range, otherwise satellite passes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from vigil.ais.simulate.geo import METRES_PER_NM, distance_m
from vigil.ais.simulate.motion import Samples
from vigil.ais.simulate.places import stations

SATELLITE_CODE = "SATAIS01"


@dataclass(frozen=True)
class Reception:
    """Reception parameters: terrestrial probability and range scale, satellite pass timing."""

    terrestrial_p: float = 0.95
    range_scale: float = 1.0
    sat_gap_min: tuple[float, float] = (30.0, 120.0)
    sat_pass_min: float = 12.0
    sat_p: float = 0.35


def station_codes() -> list[str]:
    """Tag-block source codes: the coastal stations, then the satellite."""
    return [s.code for s in stations()] + [SATELLITE_CODE]


def satellite_passes(
    rng: np.random.Generator, start_s: float, end_s: float, r: Reception
) -> NDArray[np.float64]:
    """Start times of satellite passes over the region."""
    n = int((end_s - start_s) / (r.sat_gap_min[0] * 60)) + 2
    gaps = rng.uniform(r.sat_gap_min[0], r.sat_gap_min[1], n) * 60 + r.sat_pass_min * 60
    starts: NDArray[np.float64] = start_s + np.cumsum(gaps) - gaps[0] * rng.uniform()
    return starts


def receive(
    s: Samples, rng: np.random.Generator, passes: NDArray[np.float64], r: Reception
) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
    """Received flags and the index (into :func:`station_codes`) of the receiving station."""
    sts = stations()
    dist = np.stack([distance_m(s.lat, s.lon, st.lat, st.lon) for st in sts])
    reach = np.array([st.range_nm * METRES_PER_NM * r.range_scale for st in sts])
    nearest = np.argmin(dist / reach[:, None], axis=0)
    in_range = dist[nearest, np.arange(len(s.t_s))] <= reach[nearest]
    k = np.searchsorted(passes, s.t_s, side="right") - 1
    in_pass = (k >= 0) & (s.t_s - passes[np.maximum(k, 0)] <= r.sat_pass_min * 60)
    u = rng.uniform(size=len(s.t_s))
    terrestrial = in_range & (u < r.terrestrial_p)
    satellite = ~terrestrial & in_pass & (u < r.sat_p)
    station = np.where(terrestrial, nearest, len(sts)).astype(np.int64)
    return terrestrial | satellite, station

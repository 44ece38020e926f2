"""Voyage plans as keyframes, sampled at the AIS reporting intervals of ITU-R M.1371.

A :class:`Plan` is a list of timed keyframes; each segment between two keyframes has a nominal
speed (knots) and a navigational status. :func:`sample` turns a plan into report times and true
positions in bulk with numpy (no per-report Python).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from vigil.ais.simulate import geo, routing

UNDERWAY, AT_ANCHOR, MOORED, FISHING = 0, 1, 5, 7
Point = tuple[float, float]


def report_interval_s(speed_kn: float, status: int, transceiver: str) -> float:
    """Nominal reporting interval (ITU-R M.1371-5, table 1) for a speed, status and class."""
    if transceiver == "B":
        return 180.0 if speed_kn <= 2.0 else 30.0
    if status in (AT_ANCHOR, MOORED) and speed_kn <= 3.0:
        return 180.0
    if speed_kn <= 14.0:
        return 10.0
    return 6.0 if speed_kn <= 23.0 else 2.0


@dataclass
class Plan:
    """Keyframes (time s, lat, lon) and per-segment speed (kn) and status."""

    t_s: list[float]
    lat: list[float]
    lon: list[float]
    speed_kn: list[float] = field(default_factory=list)
    status: list[int] = field(default_factory=list)

    @classmethod
    def at(cls, t_s: float, point: Point) -> Plan:
        """An empty plan starting at ``point`` at time ``t_s``."""
        return cls([t_s], [point[0]], [point[1]])

    @property
    def end_s(self) -> float:
        """Time of the last keyframe."""
        return self.t_s[-1]

    @property
    def here(self) -> Point:
        """Position at the last keyframe."""
        return self.lat[-1], self.lon[-1]

    def _add(self, t_s: float, point: Point, speed_kn: float, status: int) -> None:
        self.t_s.append(t_s)
        self.lat.append(point[0])
        self.lon.append(point[1])
        self.speed_kn.append(speed_kn)
        self.status.append(status)

    def sail(
        self, points: tuple[Point, ...] | list[Point], speed_kn: float, status: int = UNDERWAY
    ) -> None:
        """Sail through ``points`` at a constant speed."""
        for point in points:
            dist = float(geo.distance_m(self.lat[-1], self.lon[-1], point[0], point[1]))
            if dist > 1.0:
                self._add(self.end_s + dist / (speed_kn * geo.KNOT_MPS), point, speed_kn, status)

    def sail_to(self, point: Point, speed_kn: float, avoid_dprk: bool = True) -> None:
        """Sail a land-avoiding sea route to ``point``."""
        self.sail(routing.route(self.here, point, avoid_dprk)[1:], speed_kn)

    def stay(
        self, duration_s: float, status: int, drift_kn: float = 0.0, drift_deg: float = 0.0
    ) -> None:
        """Stay (at anchor, moored or drifting at ``drift_kn`` towards ``drift_deg``)."""
        dist = drift_kn * geo.KNOT_MPS * duration_s
        lat, lon = geo.destination(self.lat[-1], self.lon[-1], drift_deg, dist)
        self._add(self.end_s + duration_s, (float(lat), float(lon)), drift_kn, status)

    def until(self, end_s: float, status: int) -> None:
        """Stay where the plan ends until ``end_s``."""
        if end_s > self.end_s:
            self.stay(end_s - self.end_s, status)


@dataclass
class Samples:
    """True reports of one vessel: time (s), position (deg), SOG (kn), COG and heading (deg)."""

    t_s: NDArray[np.int64]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    sog_kn: NDArray[np.float64]
    cog_deg: NDArray[np.float64]
    heading_deg: NDArray[np.float64]
    status: NDArray[np.int64]


def sample(
    plan: Plan,
    transceiver: str,
    rng: np.random.Generator,
    start_s: float,
    end_s: float,
    gps_noise_m: float,
) -> Samples:
    """Report times and true positions of a plan between ``start_s`` and ``end_s``."""
    t = np.asarray(plan.t_s)
    speed = np.asarray(plan.speed_kn)
    status = np.asarray(plan.status, dtype=np.int64)
    dt = np.array(
        [report_interval_s(s, st, transceiver) for s, st in zip(speed, status, strict=True)]
    )
    t0 = np.maximum(t[:-1], start_s) + rng.uniform(0, 1) * dt
    t1 = np.minimum(t[1:], end_s)
    counts = np.maximum(np.ceil((t1 - t0) / dt), 0).astype(np.int64)
    seg = np.repeat(np.arange(len(dt)), counts)
    k = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    times = t0[seg] + k * dt[seg] + rng.uniform(-0.3, 0.3, len(seg)) * dt[seg]
    times = np.clip(times, start_s, end_s - 1)
    frac = np.clip((times - t[:-1][seg]) / (t[1:] - t[:-1])[seg], 0.0, 1.0)
    la, lo = np.asarray(plan.lat), np.asarray(plan.lon)
    lat, lon = geo.interpolate(la[:-1][seg], lo[:-1][seg], la[1:][seg], lo[1:][seg], frac)
    noise = rng.normal(0.0, gps_noise_m, (2, len(seg)))
    lat = lat + noise[0] / 111_195.0
    lon = lon + noise[1] / (111_195.0 * np.cos(np.radians(lat)))
    leg_cog = geo.bearing_deg(la[:-1], lo[:-1], la[1:], lo[1:])
    still = speed < 0.05
    leg_cog[still] = rng.uniform(0, 360, int(still.sum()))
    sog = np.clip(
        speed[seg] + rng.normal(0, 0.1, len(seg)) * np.maximum(speed[seg], 1.0) / 10, 0, None
    )
    cog = (leg_cog[seg] + rng.normal(0, 1.5, len(seg))) % 360
    heading = (leg_cog[seg] + rng.normal(0, 3.0, len(seg))) % 360
    order = np.argsort(times, kind="stable")
    return Samples(
        times[order].astype(np.int64),
        lat[order],
        lon[order],
        sog[order],
        cog[order],
        heading[order],
        status[seg][order],
    )

"""Places detectors need, from package data: DPRK ports, other ports and anchorages, DPRK zones.

Zones are polygons (lon/lat); the engines see them as grid cells (``shore.CELL_DEG``) whose
centre lies inside, so a zone edge is accurate to about half a cell (~3 km).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

import numpy as np
from numpy.typing import NDArray

from vigil.detect.shore import CELL_DEG, EARTH_RADIUS_KM

ZONE_FILES: Final = {
    "east_sea_eez": "dprk_eez_east_sea.geojson",
    "east_sea_military_zone": "dprk_military_zone_east_sea.geojson",
    "west_sea_approx": "west_sea.geojson",
}


@dataclass(frozen=True)
class Port:
    """A port or anchorage point."""

    name: str
    lat: float
    lon: float
    dprk: bool


def _text(name: str) -> str:
    return resources.files("vigil.detect").joinpath(f"data/{name}").read_text("utf-8")


@cache
def dprk_ports() -> tuple[Port, ...]:
    """DPRK ports (several source points per port)."""
    rows = csv.DictReader(_text("dprk_ports.csv").splitlines())
    return tuple(Port(r["name"], float(r["lat"]), float(r["lon"]), True) for r in rows)


@cache
def ports_and_anchorages() -> tuple[Port, ...]:
    """Every port and anchorage point an encounter must keep clear of."""
    other = []
    for r in csv.DictReader(_text("ports_anchorages.csv").splitlines()):
        other.append(Port(r["name"], float(r["berth_lat"]), float(r["berth_lon"]), False))
        other.append(Port(r["name"], float(r["anchorage_lat"]), float(r["anchorage_lon"]), False))
    return dprk_ports() + tuple(other)


@cache
def zones() -> dict[str, NDArray[np.float64]]:
    """Each zone's outer ring as an (n, 2) array of lon, lat."""
    out = {}
    for name, file in ZONE_FILES.items():
        geometry = json.loads(_text(file))["features"][0]["geometry"]
        out[name] = np.asarray(geometry["coordinates"][0], dtype=np.float64)
    return out


def inside(
    ring: NDArray[np.float64], lon: NDArray[np.float64], lat: NDArray[np.float64]
) -> NDArray[np.bool_]:
    """Even-odd point-in-polygon test for many points (vectorised over points and edges)."""
    a, b = ring[:-1, 0][None, :], ring[:-1, 1][None, :]
    c, d = ring[1:, 0][None, :], ring[1:, 1][None, :]
    out = np.zeros(len(lon), dtype=bool)
    for i in range(0, len(lon), CHUNK):
        x, y = lon[i : i + CHUNK, None], lat[i : i + CHUNK, None]
        crosses = (b > y) != (d > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = a + (y - b) * (c - a) / (d - b)
        out[i : i + CHUNK] = (np.count_nonzero(crosses & (x < x_at), axis=1) % 2) == 1
    return out


CHUNK: Final = 1024


@cache
def zone_cells() -> tuple[tuple[int, int, str, int], ...]:
    """(row, col, zone, edge) of every grid cell with its centre or a corner in a DPRK zone;
    ``edge`` is 1 unless all five points lie inside (positions there need an exact test)."""
    cells = []
    for name, ring in zones().items():
        lon0, lat0 = ring.min(axis=0)
        lon1, lat1 = ring.max(axis=0)
        r0, r1 = int((90 - lat1) / CELL_DEG), int((90 - lat0) / CELL_DEG) + 1
        c0, c1 = int((lon0 + 180) / CELL_DEG), int((lon1 + 180) / CELL_DEG) + 1
        rr, cc = np.meshgrid(np.arange(r0, r1), np.arange(c0, c1), indexing="ij")
        hits = [
            inside(
                ring,
                (-180 + (cc.ravel() + dx) * CELL_DEG).astype(np.float64),
                (90 - (rr.ravel() + dy) * CELL_DEG).astype(np.float64),
            )
            for dy, dx in ((0.5, 0.5), (0, 0), (0, 1), (1, 0), (1, 1))
        ]
        some, every = np.any(hits, axis=0), np.all(hits, axis=0)
        cells += [
            (int(r), int(c), name, int(not e))
            for r, c, e in zip(rr.ravel()[some], cc.ravel()[some], every[some], strict=True)
        ]
    return tuple(cells)


def in_any_zone(lat: NDArray[np.float64], lon: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Exact test: which points lie inside any DPRK zone."""
    out = np.zeros(len(lat), dtype=bool)
    for ring in zones().values():
        out |= inside(ring, lon, lat)
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return float(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a)))


def distance_to_dprk_km(lat: float, lon: float) -> float:
    """Distance from a point to the nearest DPRK zone (0 inside), to the nearest vertex."""
    best = float("inf")
    for ring in zones().values():
        if inside(ring, np.array([lon]), np.array([lat]))[0]:
            return 0.0
        la, lo = np.radians(ring[:, 1]), np.radians(ring[:, 0])
        p, q = np.radians(lat), np.radians(lon)
        a = np.sin((la - p) / 2) ** 2 + np.cos(p) * np.cos(la) * np.sin((lo - q) / 2) ** 2
        best = min(best, float(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a.min()))))
    return best

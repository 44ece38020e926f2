"""The simulator's geography as data: ports, DPRK ports, AIS stations and sea areas.

Tables live in ``data/`` beside this module; DPRK ports come from the packaged copy
of the shared ``geo/dprk_ports.csv`` (in ``vigil/detect/data``) (one row per port, the UN/LOCODE row where there is one), each berth
placed on the nearest sea cell of the land mask.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from vigil.ais.simulate.errors import ScenarioError
from vigil.ais.simulate.geo import distance_m
from vigil.ais.simulate.landmask import load

DATA = Path(__file__).with_name("data")
# The packaged copy of the shared geo/dprk_ports.csv (see vigil/detect/data/PROVENANCE.md).
DPRK_PORTS_CSV = Path(str(resources.files("vigil.detect").joinpath("data/dprk_ports.csv")))
MAX_BERTH_OFFSET_M = 2_500.0  # a DPRK berth must lie this close to the listed port position


@dataclass(frozen=True)
class Port:
    """A port: where ships berth, and where they wait at anchor (both at sea)."""

    name: str
    country: str
    berth: tuple[float, float]
    anchorage: tuple[float, float]


@dataclass(frozen=True)
class Station:
    """A terrestrial AIS receiver; ``code`` is exactly 8 characters (the tag block ``s:``)."""

    code: str
    name: str
    lat: float
    lon: float
    range_nm: float


@dataclass(frozen=True)
class Area:
    """A disc of sea used for events, fishing grounds or spoofed positions."""

    name: str
    purpose: str
    lat: float
    lon: float
    radius_km: float


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def ports() -> tuple[Port, ...]:
    """Background ports (Dalian, Tianjin, Qingdao, Busan, Incheon)."""
    return tuple(
        Port(
            r["name"],
            r["country"],
            (float(r["berth_lat"]), float(r["berth_lon"])),
            (float(r["anchorage_lat"]), float(r["anchorage_lon"])),
        )
        for r in _rows(DATA / "ports.csv")
    )


def _nearest_sea(lat: float, lon: float) -> tuple[float, float]:
    mask = load()
    row, col = (int(v[0]) for v in mask.index(np.array([lat]), np.array([lon])))
    r0, c0 = max(row - 40, 0), max(col - 40, 0)
    sea = np.argwhere(~mask.land[r0 : row + 40, c0 : col + 40])
    lats = mask.north_deg - (sea[:, 0] + r0 + 0.5) / mask.cells_per_degree
    lons = mask.west_deg + (sea[:, 1] + c0 + 0.5) / mask.cells_per_degree
    best = int(np.argmin(distance_m(lat, lon, lats, lons)))
    return round(float(lats[best]), 5), round(float(lons[best]), 5)


@lru_cache(maxsize=4)
def dprk_ports(path: Path = DPRK_PORTS_CSV) -> tuple[Port, ...]:
    """DPRK ports with a sea berth within :data:`MAX_BERTH_OFFSET_M` of the listed position."""
    if not path.exists():
        raise ScenarioError(f"{path}: DPRK ports table not found")
    chosen: dict[str, dict[str, str]] = {}
    for row in _rows(path):
        if row["name"] not in chosen or (row["unlocode"] and not chosen[row["name"]]["unlocode"]):
            chosen[row["name"]] = row
    result = []
    for name, row in chosen.items():
        lat, lon = float(row["lat"]), float(row["lon"])
        berth = _nearest_sea(lat, lon)
        if float(distance_m(lat, lon, *berth)) <= MAX_BERTH_OFFSET_M:
            result.append(Port(name, "KP", berth, berth))
    return tuple(result)


@lru_cache(maxsize=1)
def stations() -> tuple[Station, ...]:
    """Coastal AIS receivers."""
    return tuple(
        Station(r["code"], r["name"], float(r["lat"]), float(r["lon"]), float(r["range_nm"]))
        for r in _rows(DATA / "stations.csv")
    )


@lru_cache(maxsize=1)
def areas() -> tuple[Area, ...]:
    """Sea areas by purpose: offshore, decoy, fishing, dark."""
    return tuple(
        Area(r["name"], r["purpose"], float(r["lat"]), float(r["lon"]), float(r["radius_km"]))
        for r in _rows(DATA / "areas.csv")
    )


def areas_for(purpose: str) -> tuple[Area, ...]:
    """The areas with one purpose."""
    return tuple(a for a in areas() if a.purpose == purpose)

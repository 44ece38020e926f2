"""Spherical geometry on numpy arrays: distances, bearings and great-circle interpolation.

Angles are degrees, distances metres, on a sphere of radius :data:`EARTH_RADIUS_M`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_NM = 1852.0
KNOT_MPS = METRES_PER_NM / 3600.0

Floats = NDArray[np.float64]


def distance_m(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> Floats:
    """Great-circle (haversine) distance in metres."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    result: Floats = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return result


def bearing_deg(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> Floats:
    """Initial great-circle bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlmb = np.radians(np.asarray(lon2) - np.asarray(lon1))
    y = np.sin(dlmb) * np.cos(p2)
    x = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dlmb)
    result: Floats = np.degrees(np.arctan2(y, x)) % 360.0
    return result


def destination(
    lat: ArrayLike, lon: ArrayLike, bearing: ArrayLike, dist_m: ArrayLike
) -> tuple[Floats, Floats]:
    """The point reached from (lat, lon) after ``dist_m`` metres on ``bearing`` degrees."""
    p1, l1 = np.radians(lat), np.radians(lon)
    theta = np.radians(bearing)
    delta = np.asarray(dist_m, dtype=np.float64) / EARTH_RADIUS_M
    p2 = np.arcsin(np.sin(p1) * np.cos(delta) + np.cos(p1) * np.sin(delta) * np.cos(theta))
    l2 = l1 + np.arctan2(
        np.sin(theta) * np.sin(delta) * np.cos(p1), np.cos(delta) - np.sin(p1) * np.sin(p2)
    )
    return np.degrees(p2), (np.degrees(l2) + 540.0) % 360.0 - 180.0


def to_xyz(lat: ArrayLike, lon: ArrayLike) -> Floats:
    """Unit vectors (n, 3) for points."""
    p, lm = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(p) * np.cos(lm), np.cos(p) * np.sin(lm), np.sin(p)], axis=-1)


def interpolate(
    lat1: Floats, lon1: Floats, lat2: Floats, lon2: Floats, fraction: Floats
) -> tuple[Floats, Floats]:
    """Points a ``fraction`` of the way along great circles from point 1 to point 2.

    Uses normalised linear interpolation of unit vectors: on legs of a few hundred km this is
    within metres of constant-speed spherical interpolation.
    """
    a, b = to_xyz(lat1, lon1), to_xyz(lat2, lon2)
    v = a + (b - a) * fraction[:, None]
    v /= np.linalg.norm(v, axis=1)[:, None]
    lat = np.degrees(np.arcsin(np.clip(v[:, 2], -1.0, 1.0)))
    lon = np.degrees(np.arctan2(v[:, 1], v[:, 0]))
    return lat, lon

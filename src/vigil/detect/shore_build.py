"""Build ``data/shore_distance.npz``: a global signed distance-to-shore grid, computed once.

Each cell (``CELL_DEG`` degrees, row 0 at 90 N, column 0 at 180 W) holds the great-circle
distance in km from the cell centre to the nearest cell centre of the other kind: positive at
sea (distance to land), negative on land (distance to sea), stored as one byte (see
``shore.encode``: -100..155 km, clipped, which covers every threshold the detectors use). Land is the GLOBE 1 km mask of the
``global-land-mask`` package sampled at cell centres, so the grid is accurate to about one cell
(5.5 km): good for "at least 20 nm from shore", too coarse for harbour basins.

Rebuild with ``python -m vigil.detect.shore_build`` (needs the ``dev`` extra, about a minute).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from vigil.detect.shore import CELL_DEG, EARTH_RADIUS_KM, MAX_KM, PATH, encode


def _xyz(lat: NDArray[np.float64], lon: NDArray[np.float64]) -> NDArray[np.float64]:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _edges(land: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Cells with a 4-neighbour of the other kind (longitude wraps around)."""
    edge = np.zeros_like(land)
    for axis, shift in ((0, 1), (0, -1), (1, 1), (1, -1)):
        other = np.roll(land, shift, axis=axis) != land
        if axis == 0:
            other[0 if shift == 1 else -1, :] = False
        edge |= other
    return edge


def build(path: Path = PATH) -> None:
    """Sample the land mask, measure each cell's distance to the other kind, save int16 km."""
    from global_land_mask import globe
    from scipy.spatial import cKDTree  # type: ignore[import-untyped]  # no stubs; build-time only

    rows, cols = int(180 / CELL_DEG), int(360 / CELL_DEG)
    lat = 90.0 - (np.arange(rows) + 0.5) * CELL_DEG
    lon = -180.0 + (np.arange(cols) + 0.5) * CELL_DEG
    lon_g, lat_g = np.meshgrid(lon, lat)
    land = globe.is_land(lat_g, lon_g)
    edge = _edges(land)
    out = np.zeros(land.shape, dtype=np.int16)
    chord_max = 2 * np.sin(MAX_KM / EARTH_RADIUS_KM / 2)
    for kind_is_land, sign in ((False, 1), (True, -1)):
        targets = edge & (land != kind_is_land)
        tree = cKDTree(_xyz(lat_g[targets], lon_g[targets]))
        mask = land == kind_is_land
        chord, _ = tree.query(
            _xyz(lat_g[mask], lon_g[mask]), distance_upper_bound=chord_max, workers=2
        )
        chord = np.minimum(chord, chord_max)
        km = 2 * np.arcsin(chord / 2) * EARTH_RADIUS_KM
        out[mask] = sign * np.maximum(np.rint(km), 1).astype(np.int16)
    np.savez_compressed(path, km=encode(out))


if __name__ == "__main__":
    build()

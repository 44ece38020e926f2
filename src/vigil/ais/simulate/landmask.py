"""An offline land mask for the simulator's region, cut from the ``global-land-mask`` package.

``global-land-mask`` (GLOBE, 1 km, 30 arc-second cells) loads a 1 GB array on import. The simulator
needs only the Yellow Sea, Korea Bay and the East Sea, so :func:`build` cuts that window once and
stores it packed in ``data/landmask.npz`` (about 100 kB). :class:`LandMask` reads it.

Rebuild with ``python -m vigil.ais.simulate.landmask`` (needs the ``dev`` extra).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

MASK_PATH = Path(__file__).with_name("data") / "landmask.npz"
# Region window (degrees): south, north, west, east.
REGION = (30.0, 44.0, 116.0, 134.0)
CELLS_PER_DEGREE = 120


@dataclass(frozen=True)
class LandMask:
    """A boolean land grid; row 0 is the northern edge, column 0 the western edge."""

    land: NDArray[np.bool_]
    north_deg: float
    west_deg: float
    cells_per_degree: int

    def index(
        self, lat_deg: NDArray[np.float64], lon_deg: NDArray[np.float64]
    ) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """Row and column of each point, clipped to the grid."""
        rows = ((self.north_deg - lat_deg) * self.cells_per_degree).astype(np.intp)
        cols = ((lon_deg - self.west_deg) * self.cells_per_degree).astype(np.intp)
        rows = np.clip(rows, 0, self.land.shape[0] - 1)
        cols = np.clip(cols, 0, self.land.shape[1] - 1)
        return rows, cols

    def is_land(
        self, lat_deg: NDArray[np.float64], lon_deg: NDArray[np.float64]
    ) -> NDArray[np.bool_]:
        """Whether each point lies on land (points outside the window count as land)."""
        lat = np.asarray(lat_deg, dtype=np.float64)
        lon = np.asarray(lon_deg, dtype=np.float64)
        rows, cols = self.index(lat, lon)
        south, north, west, east = REGION
        outside = (lat < south) | (lat >= north) | (lon < west) | (lon >= east)
        result: NDArray[np.bool_] = self.land[rows, cols] | outside
        return result


@lru_cache(maxsize=1)
def load() -> LandMask:
    """The packaged regional mask."""
    with np.load(MASK_PATH) as data:
        shape = tuple(int(v) for v in data["shape"])
        bits = np.unpackbits(data["packed"])[: shape[0] * shape[1]]
    land = bits.reshape(shape).astype(bool)
    return LandMask(land, REGION[1], REGION[2], CELLS_PER_DEGREE)


def build(path: Path = MASK_PATH) -> None:
    """Cut the region out of ``global-land-mask`` and write it packed to ``path``."""
    from global_land_mask import globe

    south, north, west, east = REGION
    step = 1.0 / CELLS_PER_DEGREE
    lats = north - step / 2 - np.arange(int((north - south) * CELLS_PER_DEGREE)) * step
    lons = west + step / 2 + np.arange(int((east - west) * CELLS_PER_DEGREE)) * step
    grid_lon, grid_lat = np.meshgrid(lons, lats)
    land = np.asarray(globe.is_land(grid_lat, grid_lon), dtype=bool)
    np.savez_compressed(path, packed=np.packbits(land.ravel()), shape=np.array(land.shape))


if __name__ == "__main__":
    build()
    print(f"wrote {MASK_PATH}")

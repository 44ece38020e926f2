"""Distance from shore, from the packaged global grid (see :mod:`vigil.detect.shore_build`).

Positions are looked up by grid cell: the engine lists the distinct cells of the positions a
detector needs (an aggregation that scales), this module gives each cell its distance, and the
engine joins the small table back. ``global-land-mask`` itself is not needed at run time.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

import numpy as np
from numpy.typing import NDArray

CELL_DEG: Final = 0.05
EARTH_RADIUS_KM: Final = 6371.0088
MAX_KM: Final = 1000.0
PATH: Final = Path(__file__).with_name("data") / "shore_distance.npz"


OFFSET_KM: Final = 100  # stored byte = km + OFFSET_KM, clipped to 0..255


def encode(km: NDArray[np.int16]) -> NDArray[np.uint8]:
    """Signed km as bytes: -100..155 km (a coarser range would not change any detection)."""
    out: NDArray[np.uint8] = np.clip(km.astype(np.int32) + OFFSET_KM, 0, 255).astype(np.uint8)
    return out


@cache
def grid() -> NDArray[np.int16]:
    """The signed distance grid in km (positive at sea, negative on land)."""
    with resources.files("vigil.detect").joinpath("data/shore_distance.npz").open("rb") as fh:
        data = np.load(fh)
        km: NDArray[np.int16] = data["km"].astype(np.int16) - OFFSET_KM
    return km


def cell_keys(
    lat_deg: NDArray[np.float64], lon_deg: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Row and column of each point (the same keys the SQL computes)."""
    rows = np.floor((90.0 - np.asarray(lat_deg)) / CELL_DEG).astype(np.int64)
    cols = np.floor((np.asarray(lon_deg) + 180.0) / CELL_DEG).astype(np.int64)
    return rows, cols


def distance_km(rows: NDArray[np.int64], cols: NDArray[np.int64]) -> NDArray[np.int16]:
    """Signed distance to shore of each cell, in km."""
    km = grid()
    r = np.clip(rows, 0, km.shape[0] - 1)
    c = np.mod(cols, km.shape[1])
    out: NDArray[np.int16] = km[r, c]
    return out

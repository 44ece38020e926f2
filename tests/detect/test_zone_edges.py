"""DPRK waters at a zone's boundary: positions in a grid cell the boundary crosses are tested
exactly, so a ship passing just outside is not flagged and one just inside is."""

from __future__ import annotations

import numpy as np
import pytest

from tests.detect.tracks import Tracks
from vigil.detect import geo
from vigil.detect.driver import run
from vigil.detect.shore import CELL_DEG
from vigil.store import Store


def _edge_points() -> tuple[tuple[float, float], tuple[float, float]]:
    """A point inside and a point outside every zone, both in the same boundary cell."""
    offsets = np.linspace(0.05, 0.95, 19)
    for r, c, _zone, edge in geo.zone_cells():
        if not edge:
            continue
        lat = 90 - (r + np.repeat(offsets, len(offsets))) * CELL_DEG
        lon = -180 + (c + np.tile(offsets, len(offsets))) * CELL_DEG
        hit = geo.in_any_zone(lat, lon)
        if hit.any() and not hit.all():
            i, o = int(np.argmax(hit)), int(np.argmin(hit))
            return (float(lat[i]), float(lon[i])), (float(lat[o]), float(lon[o]))
    raise AssertionError("no zone boundary cell holds points on both sides")


INSIDE, OUTSIDE = _edge_points()


@pytest.mark.parametrize(("point", "expected"), [(INSIDE, 1), (OUTSIDE, 0)], ids=["in", "out"])
def test_boundary_cell(store: Store, point: tuple[float, float], expected: int) -> None:
    Tracks().still(1, *point, 0, 2, sog=8).write(store)
    found = run(store, ["dprk_waters"], save=False).findings
    assert len(found) == expected

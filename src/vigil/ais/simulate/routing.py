"""Sea routes that avoid land: A* over a coarse grid of open-sea cells, then straightened.

The coarse grid has cells of 1/20 degree; a cell is open sea when every 1 km land-mask cell in it
is sea. A start or end point close to shore (a berth in an estuary) is first joined to the grid by
a search on the 1 km mask itself. The path is then "string-pulled": consecutive waypoints are
dropped while the straight leg between the remaining ones stays at sea.
"""

from __future__ import annotations

import heapq
import math
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from vigil.ais.simulate.errors import RouteError
from vigil.ais.simulate.geo import distance_m
from vigil.ais.simulate.landmask import LandMask, load

COARSE = 6  # fine cells per coarse cell side
LEG_CHECK_M = 400.0  # spacing of land checks along a straight leg
STEPS = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]

Point = tuple[float, float]


# Areas that ordinary traffic keeps out of (south, north, west, east, degrees): the DPRK side of
# Korea Bay and the West Sea north of the Northern Limit Line, and the DPRK-claimed East Sea.
# A rough approximation for routing only; it is not the detectors' boundary.
KEEP_OUT = (
    (37.75, 40.5, 124.2, 126.5),
    (38.3, 40.5, 123.9, 124.2),
    (38.6, 43.0, 127.0, 131.2),
)


def _main_component(sea: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Keep only the largest 8-connected body of water (drops lagoons and enclosed bays)."""
    label = np.zeros(sea.shape, dtype=np.int32)
    sizes = [0]
    for seed in map(tuple, np.argwhere(sea)):
        if label[seed]:
            continue
        sizes.append(0)
        stack = [seed]
        label[seed] = len(sizes) - 1
        while stack:
            r, c = stack.pop()
            sizes[-1] += 1
            for dr, dc in STEPS:
                n = (r + dr, c + dc)
                if (
                    0 <= n[0] < sea.shape[0]
                    and 0 <= n[1] < sea.shape[1]
                    and sea[n]
                    and not label[n]
                ):
                    label[n] = label[seed]
                    stack.append(n)
    result: NDArray[np.bool_] = label == int(np.argmax(sizes))
    return result


@lru_cache(maxsize=2)
def coarse_sea(avoid_dprk: bool = False) -> NDArray[np.bool_]:
    """Open-sea flags of the coarse grid, optionally without the :data:`KEEP_OUT` areas."""
    mask = load()
    land = mask.land
    rows, cols = land.shape[0] // COARSE, land.shape[1] // COARSE
    blocks = land[: rows * COARSE, : cols * COARSE].reshape(rows, COARSE, cols, COARSE)
    sea = _main_component(np.asarray(~blocks.any(axis=(1, 3)), dtype=bool))
    if avoid_dprk:
        lat = mask.north_deg - (np.arange(rows) + 0.5) * COARSE / 120
        lon = mask.west_deg + (np.arange(cols) + 0.5) * COARSE / 120
        for south, north, west, east in KEEP_OUT:
            inside = ((lat >= south) & (lat <= north))[:, None] & ((lon >= west) & (lon <= east))
            sea = sea & ~inside
    return sea


def leg_at_sea(a: Point, b: Point, mask: LandMask | None = None) -> bool:
    """Whether the straight leg from ``a`` to ``b`` (lat, lon) stays at sea."""
    mask = mask or load()
    n = max(2, int(distance_m(a[0], a[1], b[0], b[1]) / LEG_CHECK_M) + 2)
    f = np.linspace(0.0, 1.0, n)
    return not bool(mask.is_land(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f).any())


def _astar(
    sea: NDArray[np.bool_],
    start: tuple[int, int],
    goals: set[tuple[int, int]],
    target: tuple[int, int],
) -> list[tuple[int, int]]:
    """Weighted A* on a grid, from ``start`` to any cell of ``goals`` (heuristic towards target)."""
    rows, cols = sea.shape
    weight = 1.2

    def h(cell: tuple[int, int]) -> float:
        return weight * math.hypot(cell[0] - target[0], cell[1] - target[1])

    came: dict[tuple[int, int], tuple[int, int]] = {start: start}
    cost = {start: 0.0}
    queue = [(h(start), start)]
    while queue:
        _, cell = heapq.heappop(queue)
        if cell in goals:
            path = [cell]
            while path[-1] != start:
                path.append(came[path[-1]])
            return path[::-1]
        base = cost[cell]
        for dr, dc in STEPS:
            nxt = (cell[0] + dr, cell[1] + dc)
            if not (0 <= nxt[0] < rows and 0 <= nxt[1] < cols) or not sea[nxt]:
                continue
            new = base + (1.4142 if dr and dc else 1.0)
            if new < cost.get(nxt, math.inf):
                cost[nxt], came[nxt] = new, cell
                heapq.heappush(queue, (new + h(nxt), nxt))
    return []


def _cell(point: Point) -> tuple[int, int]:
    """Fine-mask row and column of a point."""
    rows, cols = load().index(np.array([point[0]]), np.array([point[1]]))
    return int(rows[0]), int(cols[0])


def _fine_cell_centre(row: int, col: int, size: int) -> Point:
    mask = load()
    return (mask.north_deg - (row + 0.5) * size / 120, mask.west_deg + (col + 0.5) * size / 120)


def _join_coarse(point: Point, sea: NDArray[np.bool_]) -> list[Point]:
    """A fine-mask path from ``point`` to the centre of the nearest open-sea coarse cell."""
    mask = load()
    row, col = _cell(point)
    if sea[row // COARSE, col // COARSE]:
        return [point]
    r0, c0 = max(row - 90, 0), max(col - 90, 0)
    window = ~mask.land[r0 : row + 90, c0 : col + 90]
    coarse_ok = sea[
        np.arange(r0, r0 + window.shape[0])[:, None] // COARSE,
        np.arange(c0, c0 + window.shape[1])[None, :] // COARSE,
    ]
    goals = {(int(r), int(c)) for r, c in np.argwhere(window & coarse_ok)}
    if not window[row - r0, col - c0] or not goals:
        raise RouteError(f"point {point} is not at sea or has no way out to open sea")
    near = min(goals, key=lambda g: math.hypot(g[0] - (row - r0), g[1] - (col - c0)))
    path = _astar(window, (row - r0, col - c0), goals, near)
    if not path:
        raise RouteError(f"point {point} has no way out to open sea")
    return [point] + [_fine_cell_centre(r + r0, c + c0, 1) for r, c in path[1:]]


def _pull(points: list[Point]) -> list[Point]:
    """Drop waypoints while the straight leg between the remaining ones stays at sea."""
    out = [points[0]]
    i = 0
    while i < len(points) - 1:
        j = len(points) - 1
        while j > i + 1 and not leg_at_sea(points[i], points[j]):
            j = max(i + 1, (i + j) // 2) if j - i > 8 else j - 1
        out.append(points[j])
        i = j
    return out


@lru_cache(maxsize=4096)
def route(a: Point, b: Point, avoid_dprk: bool = False) -> tuple[Point, ...]:
    """Waypoints (lat, lon) of a sea route from ``a`` to ``b``, both ends included.

    With ``avoid_dprk`` the route keeps out of DPRK waters (:data:`KEEP_OUT`), as ordinary
    traffic does.
    """
    sea = coarse_sea(avoid_dprk)
    if leg_at_sea(a, b) and (not avoid_dprk or distance_m(a[0], a[1], b[0], b[1]) < 20_000):
        return (a, b)
    head, tail = _join_coarse(a, sea), _join_coarse(b, sea)[::-1]
    (r1, c1), (r2, c2) = _cell(head[-1]), _cell(tail[0])
    goal = (r2 // COARSE, c2 // COARSE)
    cells = _astar(sea, (r1 // COARSE, c1 // COARSE), {goal}, goal)
    if not cells:
        raise RouteError(f"no sea route from {a} to {b}")
    middle = [_fine_cell_centre(r, c, COARSE) for r, c in cells]
    return tuple(_pull(head + middle + tail))

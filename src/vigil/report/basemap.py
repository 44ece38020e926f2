"""The offline basemap: Natural Earth land (world-atlas ``land-50m.json``) decoded from TopoJSON.

TopoJSON stores shared arcs, quantized and delta-encoded: point ``k`` of an arc is the running
sum of its deltas, times ``transform.scale``, plus ``transform.translate``. A ring lists arc
indexes; a negative index ``~i`` means arc ``i`` reversed. See the TopoJSON specification, 2.1.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import orjson

Ring = list[tuple[float, float]]
Polygon = list[Ring]  # outer ring first, then holes; (lon, lat)
Bbox = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc as absolute (lon, lat) points."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    """A ring stitched from arcs (each arc's first point repeats the previous arc's last)."""
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(topology: dict[str, Any], name: str) -> list[Polygon]:
    """The polygons of object ``name`` (Polygon and MultiPolygon geometries)."""
    arcs = decode_arcs(topology)
    found: list[Polygon] = []
    obj = topology["objects"][name]
    geometries = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    for geometry in geometries:
        if geometry["type"] == "Polygon":
            found.append([ring(arcs, r) for r in geometry["arcs"]])
        elif geometry["type"] == "MultiPolygon":
            found.extend([ring(arcs, r) for r in poly] for poly in geometry["arcs"])
    return found


@cache
def land() -> tuple[tuple[Polygon, Bbox], ...]:
    """Natural Earth 1:50m land polygons with their bounding boxes (decoded once)."""
    raw = resources.files("vigil.report").joinpath("data/land-50m.json").read_bytes()
    result = []
    for poly in polygons(orjson.loads(raw), "land"):
        lons = [p[0] for p in poly[0]]
        lats = [p[1] for p in poly[0]]
        result.append((poly, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(result)


def land_in(bbox: Bbox) -> list[Polygon]:
    """Land polygons that touch ``bbox`` (whole polygons; the map clips to its frame)."""
    return [
        poly for poly, b in land()
        if b[2] >= bbox[0] and b[0] <= bbox[2] and b[3] >= bbox[1] and b[1] <= bbox[3]
    ]  # fmt: skip

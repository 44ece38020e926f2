"""DPRK ports and waters for maps, from the detectors' packaged copies (``vigil/detect/data``)."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from typing import Any

import orjson


def _data(name: str) -> bytes:
    return resources.files("vigil.detect").joinpath(f"data/{name}").read_bytes()


@cache
def dprk_ports() -> list[dict[str, Any]]:
    """One entry per port: name, UN/LOCODE and the mean of its sources' positions."""
    by_name: dict[str, list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(_data("dprk_ports.csv").decode("utf-8"))):
        by_name.setdefault(row["name"], []).append(row)
    ports = []
    for name, rows in by_name.items():
        ports.append({
            "name": name,
            "unlocode": next((r["unlocode"] for r in rows if r["unlocode"]), None),
            "lat": round(sum(float(r["lat"]) for r in rows) / len(rows), 5),
            "lon": round(sum(float(r["lon"]) for r in rows) / len(rows), 5),
        })  # fmt: skip
    return ports


@cache
def dprk_waters() -> dict[str, Any]:
    """DPRK-claimed waters in the East Sea (Marine Regions) as a GeoJSON FeatureCollection."""
    data: dict[str, Any] = orjson.loads(_data("dprk_eez_east_sea.geojson"))
    return data


def places_geojson() -> dict[str, Any]:
    """DPRK ports (Points) and waters (Polygons) as one FeatureCollection for map layers."""
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
         "properties": {"layer": "dprk_port", "name": p["name"], "unlocode": p["unlocode"]}}
        for p in dprk_ports()
    ]  # fmt: skip
    for feature in dprk_waters()["features"]:
        features.append({"type": "Feature", "geometry": feature["geometry"],
                         "properties": {"layer": "dprk_waters",
                                        "name": feature["properties"].get("geoname", "DPRK waters")}})  # fmt: skip
    return {"type": "FeatureCollection", "features": features}

"""``/findings/clusters``: the map's server-side grid clustering over the seeded findings."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("params", "clusters", "total"),
    [
        ({"cell_deg": 0.5}, 2, 3),  # the encounter and the sighting share a cell
        ({"cell_deg": 0.01}, 3, 3),
        ({"cell_deg": 0.5, "kind": "encounter"}, 1, 1),
        ({"cell_deg": 0.5, "bbox": "123.5,38.5,124,39"}, 1, 1),
        ({"cell_deg": 0.5, "bbox": "140,10,150,20"}, 0, 0),
        ({"cell_deg": 0.01, "limit": 1}, 1, 1),
    ],
)
def test_clusters_count_the_findings_in_view(
    client: TestClient, params: dict[str, Any], clusters: int, total: int
) -> None:
    response = client.get("/findings/clusters", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (len(body["features"]), body["total"]) == (clusters, total)
    for feature in body["features"]:
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        x0, y0, x1, y1 = props["extent"]
        assert x0 <= lon <= x1 and y0 <= lat <= y1
        assert sum(props["kinds"].values()) == props["count"] and props["kind"] in props["kinds"]


def test_a_shared_cell_counts_each_kind(client: TestClient) -> None:
    body = client.get("/findings/clusters", params={"cell_deg": 0.5}).json()
    biggest = body["features"][0]["properties"]
    assert biggest["kinds"] == {"designated_vessel": 1, "encounter": 1}


@pytest.mark.parametrize("params", [{"cell_deg": 0}, {"cell_deg": 91}, {"limit": 0},
                                    {"bbox": "1,2,3"}])  # fmt: skip
def test_bad_cluster_requests_get_422(client: TestClient, params: dict[str, Any]) -> None:
    assert client.get("/findings/clusters", params=params).status_code == 422

"""Reading endpoints: yente-compatible /match, /search, entities, vessels, findings, layers."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.seed import DARK_MMSI, TANKER_MMSI
from vigil.findings.measures import KIND_MEASURES
from vigil.findings.review import STATUSES, UNREVIEWED
from vigil.report.write import write_report
from vigil.run.config import ReportConfig
from vigil.store import Store


def test_healthz_names_the_store_and_lists(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["findings"] == 4
    assert body["lists"]["un-vessels"].startswith("un-vessels@")


@pytest.mark.parametrize(
    ("example", "top_id", "is_match"),
    [
        ({"schema": "Vessel", "properties": {"name": ["RYE SONG GANG 1"]}}, "unv-", True),
        ({"schema": "Vessel", "properties": {"name": ["Rye Song Gang 1"],
                                             "imoNumber": ["7389704"]}}, "unv-", True),
        ({"schema": "Vessel", "properties": {"name": ["Queen Mary Two"]}}, None, False),
    ],
)  # fmt: skip
def test_match_answers_in_yentes_shape(
    client: TestClient, example: dict[str, Any], top_id: str | None, is_match: bool
) -> None:
    response = client.post("/match/default", json={"queries": {"q1": example}}, params={"limit": 3})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["limit"] == 3 and response.headers["x-batch-size"] == "1"
    q1 = body["responses"]["q1"]
    assert q1["status"] == 200 and q1["query"]["schema"] == example["schema"]
    assert q1["total"]["value"] == len(q1["results"])
    best = q1["results"][0] if q1["results"] else None
    assert bool(best and best["match"]) == is_match
    if top_id:
        assert best is not None and best["id"].startswith(top_id)
        assert set(best) >= {"id", "caption", "schema", "properties", "datasets", "score",
                             "match", "features", "explanations", "target"}  # fmt: skip


@pytest.mark.parametrize(
    ("path", "body", "params", "status"),
    [
        ("/match/nowhere", {"queries": {}}, {}, 404),
        ("/match/default", {"nope": 1}, {}, 422),
        ("/match/default", {"queries": {"q": {"properties": {"name": ["X"]}}}}, {}, 422),
        ("/match/default", {"queries": {}}, {"algorithm": "nope"}, 422),
        ("/match/default", {"queries": {}}, {"limit": 0}, 422),
    ],
)
def test_match_rejects_bad_requests_with_reason(
    client: TestClient, path: str, body: dict[str, Any], params: dict[str, Any], status: int
) -> None:
    response = client.post(path, json=body, params=params)
    assert response.status_code == status
    assert response.json()["detail"]


@pytest.mark.parametrize("props", [{}, {"name": ["!!!"]}, {"birthDate": ["1980"]}])
def test_unscreenable_examples_get_their_own_422(
    client: TestClient, props: dict[str, list[str]]
) -> None:
    queries = {"bad": {"schema": "Vessel", "properties": props},
               "good": {"schema": "Vessel", "properties": {"name": ["RYE SONG GANG 1"]}}}  # fmt: skip
    body = client.post("/match/default", json={"queries": queries}).json()["responses"]
    assert body["bad"]["status"] == 422 and body["bad"]["detail"] and not body["bad"]["results"]
    assert body["good"]["status"] == 200 and body["good"]["results"][0]["match"]


def test_search_finds_a_designated_vessel(client: TestClient) -> None:
    body = client.get("/search", params={"q": "Rye Song Gang", "schema": "Vessel"}).json()
    assert body["results"][0]["caption"] == "RYE SONG GANG 1"


@pytest.mark.parametrize(("entity_id", "status"), [("unv-7389704", 200), ("nope", 404)])
def test_entities(client: TestClient, entity_id: str, status: int) -> None:
    response = client.get(f"/entities/{entity_id}")
    assert response.status_code == status, response.text
    if status == 200:
        body = response.json()
        assert body["provenance"]["list"] == "un-vessels"
        assert any(f.startswith("designated_vessel-") for f in body["findings"])


@pytest.mark.parametrize(
    ("mmsi", "names", "n_findings"),
    [(DARK_MMSI, ["RYE SONG GANG 1", "SEA STAR"], 3), (TANKER_MMSI, ["OCEAN TRADER"], 1)],
)
def test_vessel_has_identity_track_and_findings(
    client: TestClient, mmsi: int, names: list[str], n_findings: int
) -> None:
    body = client.get(f"/vessels/{mmsi}", params={"max_points": 10}).json()
    assert [i["value"] for i in body["identity"] if i["field"] == "name"] == names
    assert body["track"]["geometry"]["type"] == "LineString"
    assert 2 <= len(body["track"]["geometry"]["coordinates"]) <= 11
    assert body["positions"] == 72 and len(body["findings"]) == n_findings


def test_unknown_vessel_is_404(client: TestClient) -> None:
    assert client.get("/vessels/123456789").status_code == 404


@pytest.mark.parametrize(
    ("params", "kinds"),
    [
        ({}, ["ais_gap", "encounter", "designated_vessel", "cap_exceeded"]),
        ({"kind": "encounter"}, ["encounter"]),
        ({"bbox": "123.4,38.0,124.5,39.0"}, ["ais_gap"]),
        ({"since": "2024-05-02T00:00:00Z"}, ["ais_gap"]),
        ({"until": "2024-04-01T00:00:00Z"}, ["cap_exceeded"]),
        ({"mmsi": TANKER_MMSI}, ["encounter"]),
        ({"status": "confirmed"}, []),
        ({"limit": 1, "offset": 1}, ["encounter"]),
    ],
)
def test_findings_filters(client: TestClient, params: dict[str, Any], kinds: list[str]) -> None:
    response = client.get("/findings", params=params)
    assert response.status_code == 200, response.text
    assert [f["kind"] for f in response.json()["findings"]] == kinds


@pytest.mark.parametrize(
    "params",
    [{"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"kind": "nope"}, {"status": "maybe"},
     {"since": "yesterday"}, {"limit": 0}],
)  # fmt: skip
def test_findings_bad_filters_are_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/findings", params=params)
    assert response.status_code == 422 and response.json()["detail"]


def test_bbox_corners_in_any_order_and_naive_times_as_utc(client: TestClient) -> None:
    swapped = client.get("/findings", params={"bbox": "124.5,39.0,123.4,38.0"}).json()
    naive = client.get("/findings", params={"since": "2024-05-02T00:00:00"}).json()
    assert [f["kind"] for f in swapped["findings"]] == [f["kind"] for f in naive["findings"]]


def test_spec_declares_the_models_kinds_and_statuses(client: TestClient) -> None:
    params = client.get("/openapi.json").json()["paths"]["/findings"]["get"]["parameters"]
    enums = {p["name"]: p["schema"]["anyOf"][0]["items"] for p in params if p["name"] in
             ("kind", "status")}  # fmt: skip
    spec = client.get("/openapi.json").json()["components"]["schemas"]
    kinds = spec[enums["kind"]["$ref"].rsplit("/", 1)[1]]["enum"]
    assert set(kinds) == set(KIND_MEASURES)
    assert set(enums["status"]["enum"]) == {*STATUSES, UNREVIEWED}


def test_findings_geojson_has_only_located_findings(client: TestClient) -> None:
    body = client.get("/findings/geojson").json()
    assert body["type"] == "FeatureCollection" and body["total"] == 4
    kinds = sorted(f["properties"]["kind"] for f in body["features"])
    assert kinds == ["ais_gap", "designated_vessel", "encounter"]
    assert all(f["properties"]["status"] == "unreviewed" for f in body["features"])


@pytest.mark.parametrize(("path", "status"), [("/findings/nope", 404), ("/cases/nope", 404),
                                              ("/report/report.html", 404), ("/report/x", 404)])  # fmt: skip
def test_unknown_ids_are_404(client: TestClient, path: str, status: int) -> None:
    assert client.get(path).status_code == status


def test_layers_are_geojson(client: TestClient) -> None:
    land = client.get("/layers/land", params={"bbox": "124,37,131,43"}).json()
    assert land["features"] and land["features"][0]["geometry"]["type"] == "Polygon"
    dprk = client.get("/layers/dprk").json()
    layers = {f["properties"]["layer"] for f in dprk["features"]}
    assert layers == {"dprk_port", "dprk_waters"}


def test_report_download_after_writing(client: TestClient, api_store: Store) -> None:
    assert client.get("/report/report.html").status_code == 404
    write_report(api_store, ReportConfig(pdf="never"))  # into VIGIL_HOME/report by default
    response = client.get("/report/report.html")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<h2 class="first" id="summary">Summary</h2>' in response.text

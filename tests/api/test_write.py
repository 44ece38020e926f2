"""Writes: tokens and roles, reviews, cases and the audit log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import MakeClient, bearer
from tests.api.seed import DARK_MMSI
from vigil.store import Store


def _finding_id(client: TestClient, kind: str) -> str:
    page = client.get("/findings", params={"kind": kind}).json()
    return str(page["findings"][0]["id"])


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), ("bogus", 401), ("reader", 403), ("analyst", 200), ("admin", 200)],
)
def test_review_needs_a_writing_role(
    client: TestClient, tokens: dict[str, str], role: str | None, status: int
) -> None:
    fid = _finding_id(client, "encounter")
    token = tokens.get(role or "", "vgl_nope_nope")
    headers = bearer(token) if role else {}
    response = client.put(f"/findings/{fid}/review", json={"status": "confirmed"}, headers=headers)
    assert response.status_code == status, response.text
    reviewed = client.get("/findings", params={"status": "confirmed"}).json()["total"]
    assert reviewed == (1 if status == 200 else 0)


def test_review_is_audited_and_filterable(client: TestClient, tokens: dict[str, str]) -> None:
    fid = _finding_id(client, "ais_gap")
    auth = bearer(tokens["analyst"])
    for status in ("needs-info", "dismissed"):
        ok = client.put(f"/findings/{fid}/review", json={"status": status, "note": "why"},
                        headers=auth)  # fmt: skip
        assert ok.status_code == 200 and ok.json()["reviewer"] == "analyst-user"
    detail = client.get(f"/findings/{fid}").json()
    assert detail["review"]["status"] == "dismissed"
    trail = [(a["action"], a["actor"], a["detail"]["status"], a["detail"]["previous"])
             for a in detail["audit"]]  # fmt: skip
    assert trail == [("review", "analyst-user", "dismissed", "needs-info"),
                     ("review", "analyst-user", "needs-info", None)]  # fmt: skip
    kinds = [f["kind"] for f in client.get("/findings?status=unreviewed").json()["findings"]]
    assert "ais_gap" not in kinds and len(kinds) == 3


@pytest.mark.parametrize(
    ("body", "finding", "status"),
    [({"status": "maybe"}, "encounter", 422), ({"status": "confirmed", "x": 1}, "encounter", 422),
     ({"status": "confirmed"}, "nope", 404), ({"status": "confirmed", "note": "n" * 5000},
                                              "encounter", 422)],
)  # fmt: skip
def test_bad_reviews(
    client: TestClient, tokens: dict[str, str], body: dict[str, object], finding: str, status: int
) -> None:
    fid = _finding_id(client, finding) if finding != "nope" else "nope"
    response = client.put(f"/findings/{fid}/review", json=body, headers=bearer(tokens["admin"]))
    assert response.status_code == status and response.json()["detail"]


def test_cases_group_findings(client: TestClient, tokens: dict[str, str]) -> None:
    auth = bearer(tokens["analyst"])
    assert client.post("/cases", json={"title": "Korea Bay"}).status_code == 401
    case = client.post("/cases", json={"title": "Korea Bay"}, headers=auth).json()
    ids = [f["id"] for f in client.get(f"/findings?mmsi={DARK_MMSI}").json()["findings"]]
    added = client.post(f"/cases/{case['id']}/findings", json={"finding_ids": ids}, headers=auth)
    assert sorted(added.json()["finding_ids"]) == sorted(ids)
    assert client.get(f"/findings?case={case['id']}").json()["total"] == 3
    removed = client.delete(f"/cases/{case['id']}/findings/{ids[0]}", headers=auth).json()
    assert ids[0] not in removed["finding_ids"]
    bad = client.post(f"/cases/{case['id']}/findings", json={"finding_ids": ["nope"]}, headers=auth)
    assert bad.status_code == 404
    actions = [a["action"] for a in client.get("/audit", params={"target": case["id"]}).json()]
    assert actions == ["case_remove", "case_add", "case_create"]


def test_tokens_are_stored_hashed(api_store: Store, tokens: dict[str, str]) -> None:
    stored = " ".join(str(v) for row in api_store.conn.execute(
        "SELECT token_id, name, role, salt, token_hash FROM api_tokens").fetchall() for v in row)  # fmt: skip
    for token in tokens.values():
        secret = token.split("_", 2)[2]
        assert secret not in stored


@pytest.mark.parametrize(("role", "status"), [(None, 401), ("reader", 200), ("analyst", 200)])
def test_reading_can_require_a_token(
    make_client: MakeClient, tokens: dict[str, str], role: str | None, status: int
) -> None:
    client = make_client(read_requires_token=True)
    headers = bearer(tokens[role]) if role else {}
    assert client.get("/findings", headers=headers).status_code == status
    assert client.get("/healthz").status_code == 200  # liveness stays open


@pytest.mark.parametrize("outside", [False, True], ids=["in-app", "edge-outside"])
def test_body_size_limit(make_client: MakeClient, outside: bool) -> None:
    client = make_client(edge_outside=outside, max_body_bytes=2048)
    big = {"queries": {"q": {"schema": "Vessel", "properties": {"name": ["x" * 4000]}}}}
    assert client.post("/match/default", json=big).status_code == 413


@pytest.mark.parametrize("outside", [False, True], ids=["in-app", "edge-outside"])
def test_rate_limit(make_client: MakeClient, outside: bool) -> None:
    client = make_client(edge_outside=outside, rate_per_second=0.01, rate_burst=3)
    codes = [client.get("/healthz").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert int(client.get("/healthz").headers["retry-after"]) >= 1

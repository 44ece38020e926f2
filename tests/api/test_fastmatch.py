"""The /match fast path gives the route's answer, and leaves every other request to the route."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import MakeClient, bearer
from vigil.api import fastmatch

VESSEL = {"schema": "Vessel", "properties": {"name": ["RYE SONG GANG 1"]}}
TWO = {"queries": {"a": VESSEL, "b": {"schema": "Person", "properties": {"name": ["Kim"]}}}}


@pytest.mark.parametrize(
    ("path", "body", "config", "token", "status", "fast"),
    [
        ("/match/default", {"queries": {"q": VESSEL}}, {}, None, 200, True),
        ("/match/un?limit=3&threshold=0.5", TWO, {}, None, 200, True),
        ("/match/default?algorithm=nope", TWO, {}, None, 422, False),
        ("/match/default?limit=0", TWO, {}, None, 422, False),
        ("/match/default?threshold=nan", TWO, {}, None, 422, False),
        ("/match/nowhere", TWO, {}, None, 404, False),
        ("/match/default", {"queries": {"q": {"properties": {"name": ["X"]}}}}, {}, None, 422,
         False),
        ("/match/default", TWO, {"max_match_queries": 1}, None, 422, False),
        ("/match/default", TWO, {"read_requires_token": True}, None, 401, False),
        ("/match/default", TWO, {"read_requires_token": True}, "reader", 200, True),
        ("/match/default", TWO, {}, "vgl_bad_token", 401, False),
    ],
)  # fmt: skip
@pytest.mark.parametrize("outside", [False, True], ids=["in-app", "edge-outside"])
def test_fast_path_answers_as_the_route(
    make_client: MakeClient, tokens: dict[str, str], monkeypatch: pytest.MonkeyPatch,
    path: str, body: dict[str, Any], config: dict[str, Any], token: str | None, status: int,
    fast: bool, outside: bool,
) -> None:  # fmt: skip
    calls: list[int] = []
    real = fastmatch.answer
    monkeypatch.setattr(fastmatch, "answer", lambda *a: calls.append(1) or real(*a))
    client = make_client(edge_outside=outside, **config)
    headers = bearer(tokens.get(token, token)) if token else {}
    quick = client.post(path, json=body, headers=headers)
    assert quick.status_code == status, quick.text
    assert bool(calls) is fast
    # an unknown query parameter is ignored by the route but sends the request down it
    routed = client.post(path + ("&" if "?" in path else "?") + "x=1", json=body, headers=headers)
    assert len(calls) == int(fast)
    assert (routed.status_code, routed.json()) == (status, quick.json())
    if status == 200:
        assert quick.headers["x-batch-size"] == routed.headers["x-batch-size"]


def test_a_non_json_body_goes_to_the_route(make_client: MakeClient) -> None:
    response = make_client().post(
        "/match/default", content=b"queries", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 422

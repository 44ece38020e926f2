"""A fast path for well-formed ``POST /match/{dataset}``: the same answer without FastAPI's
routing, dependency solving and body handling, which cost ~0.6 ms a request against ~1.5 ms of
warm screening (measured in process, see bench/api).

Only a request the route would accept as it is takes this path: a known dataset, valid query
parameters, a JSON body that validates, at most ``max_match_queries`` examples, and a caller
allowed to read. Anything else goes, unchanged (its body replayed), to the documented route,
which gives the usual 401/404/422 answers; both call :func:`vigil.api.routers.match.answer`.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import parse_qsl

import orjson
from fastapi import HTTPException
from pydantic import ValidationError

from vigil.api.deps import AppState, principal_of
from vigil.api.limits import ASGIApp, Message, Receive, Scope, Send
from vigil.api.models import EntityMatchQuery
from vigil.api.routers.match import DATASETS, DEFAULT, MAX_LIMIT, answer, screener_of
from vigil.screening.algorithms import ALGORITHMS

PREFIX: Final = "/match/"
JSON_TYPES: Final = (b"application/json",)


class NotFast(Exception):
    """The request is left to the documented route."""


def _params(query: bytes) -> tuple[int, float | None, str]:
    """``limit``, ``threshold`` and ``algorithm`` when all are valid, else :class:`NotFast`."""
    limit, threshold, algorithm = 5, None, str(DEFAULT)
    for key, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        try:
            if key == "limit" and value.isdigit() and 1 <= int(value) <= MAX_LIMIT:
                limit = int(value)
            elif key == "threshold" and 0.0 <= float(value) <= 1.0:
                threshold = float(value)
            elif key == "algorithm" and value in ALGORITHMS:
                algorithm = value
            else:
                raise NotFast(key)
        except ValueError as exc:
            raise NotFast(key) from exc
    return limit, threshold, algorithm


class FastMatch:
    """ASGI middleware answering well-formed /match requests directly (see the module doc)."""

    def __init__(self, app: ASGIApp, state: AppState) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "POST" or not path.startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        raw = await _body(receive)
        try:
            body, lists, limit, threshold, algorithm = self._check(scope, path, raw)
        except NotFast:
            await self.app(scope, _replay(raw, receive), send)
            return
        screener = await screener_of(self.state)
        reply = orjson.dumps(answer(screener, body, lists, threshold, limit, algorithm))
        headers = [(b"content-type", b"application/json"),
                   (b"content-length", str(len(reply)).encode()),
                   (b"x-batch-size", str(len(body.queries)).encode())]  # fmt: skip
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": reply})

    def _check(
        self, scope: Scope, path: str, raw: bytes
    ) -> tuple[EntityMatchQuery, tuple[str, ...] | None, int, float | None, str]:
        dataset = path[len(PREFIX) :]
        if dataset not in DATASETS:
            raise NotFast("dataset")
        headers = dict(scope["headers"])
        if headers.get(b"content-type", b"").split(b";")[0].strip() not in JSON_TYPES:
            raise NotFast("content-type")
        try:
            caller = principal_of(headers.get(b"authorization", b"").decode("latin-1"), self.state)
            body = EntityMatchQuery.model_validate_json(raw)
        except (HTTPException, ValidationError, UnicodeDecodeError) as exc:
            raise NotFast("caller or body") from exc
        api = self.state.config.api
        if (caller is None and api.read_requires_token) or len(
            body.queries
        ) > api.max_match_queries:
            raise NotFast("caller or size")
        return (body, DATASETS[dataset], *_params(scope.get("query_string", b"")))


async def _body(receive: Receive) -> bytes:
    chunks = bytearray()
    while True:
        message = await receive()
        chunks += message.get("body", b"")
        if not message.get("more_body"):
            return bytes(chunks)


def _replay(raw: bytes, receive: Receive) -> Receive:
    """A receive that gives the already-read body once, then defers to the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": raw, "more_body": False}

    return replay

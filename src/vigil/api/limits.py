"""Request limits as ASGI middleware: body size (413) and a per-client token bucket (429)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import orjson

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass
class TokenBucket:
    """``rate_per_s`` tokens a second, up to ``burst``; one request takes one token."""

    rate_per_s: float
    burst: int
    _state: dict[str, tuple[float, float]] = field(default_factory=dict)

    def take(self, client: str, now_s: float) -> float:
        """0 if the request may go ahead, else the seconds to wait before retrying."""
        tokens, last = self._state.get(client, (float(self.burst), now_s))
        tokens = min(float(self.burst), tokens + (now_s - last) * self.rate_per_s)
        if tokens >= 1.0:
            self._state[client] = (tokens - 1.0, now_s)
            return 0.0
        self._state[client] = (tokens, now_s)
        return (1.0 - tokens) / self.rate_per_s


async def _reply(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]]) -> None:
    body = orjson.dumps({"detail": detail})
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *headers]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


def client_key(scope: Scope) -> str:
    """Who a request counts against: its token's id if it has one, else its address."""
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            parts: list[str] = bytes(value).decode("latin-1").split("_")
            return "token:" + (parts[1] if len(parts) > 2 else parts[0][-12:])
    client = scope.get("client")
    return f"addr:{client[0] if client else 'unknown'}"


def _from_worker(scope: Scope) -> bool:
    """A request over the server's private Unix socket: forwarded by a /match worker process,
    which already applied the limits (vigil.api.workers); TCP requests always have a port."""
    server = scope.get("server")
    return server is not None and server[1] is None


class LimitsMiddleware:
    """Refuses bodies over ``max_body_bytes`` (413) and clients over their rate (429)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, bucket: TokenBucket) -> None:
        self.app, self.max_body_bytes, self.bucket = app, max_body_bytes, bucket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _from_worker(scope):
            await self.app(scope, receive, send)
            return
        wait_s = self.bucket.take(client_key(scope), time.monotonic())
        if wait_s > 0:
            retry = str(max(1, round(wait_s))).encode()
            await _reply(send, 429, "rate limit exceeded", [(b"retry-after", retry)])
            return
        headers = dict(scope.get("headers", []))
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body_bytes:
            await _reply(send, 413, f"body over {self.max_body_bytes} bytes", [])
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, self._bounded(receive), tracked)
        except BodyTooLargeError as exc:
            if started:
                raise
            await _reply(send, 413, str(exc), [])

    def _bounded(self, receive: Receive) -> Receive:
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body_bytes:
                raise BodyTooLargeError(self.max_body_bytes)
            return message

        return bounded


class BodyTooLargeError(Exception):
    """A streamed body (no Content-Length) grew past the limit."""

    def __init__(self, max_body_bytes: int) -> None:
        super().__init__(f"body over {max_body_bytes} bytes")

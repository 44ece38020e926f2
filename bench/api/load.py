"""A lean closed-loop HTTP load generator: raw asyncio streams, keep-alive, pre-encoded requests.

Each of ``clients`` connections sends one request, waits for the whole response, then sends the
next (closed loop, no think time). Requests are taken in order from one shared list of distinct
pre-encoded ``POST /match`` bodies, so no two requests of a run are the same query (the server
keeps no result cache either way). Client work per request is a write and two reads, so the
generator does not take the server's CPU (measured: see bench/README.md).
"""

from __future__ import annotations

import asyncio
import time

import orjson


def match_request(host: str, schema: str, name: str, limit: int = 5) -> bytes:
    """One pre-encoded ``POST /match/default`` (HTTP/1.1, keep-alive) for a yente-style query."""
    body = orjson.dumps({"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}})
    head = (
        f"POST /match/default?limit={limit} HTTP/1.1\r\nHost: {host}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one response; returns its status (bodies are by Content-Length or chunked)."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    lower = head.lower()
    at = lower.find(b"content-length:")
    if at >= 0:
        end = lower.index(b"\r\n", at)
        await reader.readexactly(int(lower[at + 15 : end]))
        return status
    while True:  # chunked
        size = int((await reader.readuntil(b"\r\n")).strip(), 16)
        await reader.readexactly(size + 2)
        if size == 0:
            return status


async def _client(
    host: str, port: int, todo: list[bytes], latencies_ms: list[float], errors: list[int]
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while todo:
            request = todo.pop()
            t = time.perf_counter()
            writer.write(request)
            status = await _read_response(reader)
            latencies_ms.append((time.perf_counter() - t) * 1000)
            if status != 200:
                errors.append(status)
    finally:
        writer.close()


async def run(
    host: str, port: int, requests: list[bytes], clients: int
) -> tuple[list[float], float, list[int]]:
    """Latencies (ms) of every request, the wall time (s) and any non-200 statuses."""
    todo = list(reversed(requests))
    latencies_ms: list[float] = []
    errors: list[int] = []
    started = time.perf_counter()
    await asyncio.gather(*(_client(host, port, todo, latencies_ms, errors) for _ in range(clients)))
    return latencies_ms, time.perf_counter() - started, errors

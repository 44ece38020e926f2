"""``vigil serve --workers N``: /match and /search from N processes over one listening socket.

Screening is CPU-bound Python, so one process answers /match on one core at most. The store is
one DuckDB file that only one process may hold open for writing, so the processes are not equal:

- the *main* process opens the store, builds the app and the screener, binds the public socket
  and a private Unix socket, then forks ``N - 1`` *match workers* (after ``gc.freeze()``, so the
  screening index is shared copy-on-write) and serves every endpoint itself;
- each *match worker* accepts on the same public socket and answers ``/match/{dataset}`` and
  ``/search`` from its inherited screener; any other request is forwarded to the main process
  over the Unix socket, and tokens are verified there too (``/whoami``, cached 60 s). Workers
  never touch the store: the inherited DuckDB connection is not used after the fork.

The register cannot change under a running server (it holds the store's write lock and no
endpoint ingests lists), so the workers' screener stays current. Each process applies the limits
to the requests it accepts with its share of the configured rate; forwarded requests are not
counted twice.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import os
import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

import httpx
import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from vigil.api.app import create_app, limits_of, vigil_error, with_edge
from vigil.api.auth import Principal
from vigil.api.deps import AppState
from vigil.api.fastmatch import FastMatch
from vigil.api.limits import ASGIApp, LimitsMiddleware, Receive, Scope, Send
from vigil.api.routers import match
from vigil.api.screening import ScreenerCache
from vigil.errors import VigilError
from vigil.run.config import VigilConfig
from vigil.settings import Settings
from vigil.store import Store

LOCAL_PATHS: Final = ("/match/", "/search")  # answered by a worker itself
HOP_HEADERS: Final = frozenset({b"connection", b"keep-alive", b"transfer-encoding", b"upgrade"})
TOKEN_CACHE_S: Final = 60.0
BACKLOG: Final = 2048
PR_SET_PDEATHSIG: Final = 1
FULL_COLLECTION_SPACING: Final = 100


class RemoteTokens:
    """Verifies tokens by asking the main process (``GET /whoami``); caches valid ones."""

    def __init__(self, uds: Path) -> None:
        self._http = httpx.Client(transport=httpx.HTTPTransport(uds=str(uds)), timeout=30)
        self._ok: dict[str, tuple[Principal, float]] = {}

    def __call__(self, token: str) -> Principal | None:
        cached = self._ok.get(token)
        now_s = time.monotonic()
        if cached is not None and now_s - cached[1] < TOKEN_CACHE_S:
            return cached[0]
        reply = self._http.get("http://main/whoami", headers={"authorization": f"Bearer {token}"})
        if reply.status_code != 200:
            return None
        body = reply.json()
        principal = Principal(body["token_id"], body["name"], body["role"])
        self._ok[token] = (principal, now_s)
        return principal


class Forward:
    """An ASGI app passing each request to the main process over its Unix socket."""

    def __init__(self, uds: Path) -> None:
        transport = httpx.AsyncHTTPTransport(uds=str(uds))
        self._http = httpx.AsyncClient(transport=transport, timeout=300)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = bytearray()
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        path = scope.get("raw_path") or scope["path"].encode()
        query = scope.get("query_string", b"")
        url = (
            "http://main"
            + path.decode("latin-1")
            + ("?" + query.decode("latin-1") if query else "")
        )
        headers = [(k, v) for k, v in scope["headers"] if k not in HOP_HEADERS]
        request = self._http.build_request(
            scope["method"], url, headers=headers, content=bytes(body)
        )
        reply = await self._http.send(request, stream=True)
        try:
            out = [(k, v) for k, v in reply.headers.raw if k.lower() not in HOP_HEADERS]
            await send({"type": "http.response.start", "status": reply.status_code, "headers": out})
            async for chunk in reply.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            await reply.aclose()


def worker_app(state: AppState, uds: Path) -> ASGIApp:
    """A match worker's app: /match and /search here, everything else forwarded."""
    local = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    local.state.vigil = state
    local.add_exception_handler(VigilError, vigil_error)
    local.include_router(match.router)
    fast = FastMatch(local, state)  # in front of FastAPI's layers, as with_edge does
    forward = Forward(uds)

    async def dispatch(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(LOCAL_PATHS):
            await forward(scope, receive, send)
        else:
            await fast(scope, receive, send)

    return LimitsMiddleware(dispatch, **limits_of(state.config))


class _OneSend:
    """A transport whose writes within one turn of the event loop leave in one ``send``."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport, self._loop = transport, loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(data)

    def writelines(self, chunks: Iterable[bytes]) -> None:
        for chunk in chunks:
            self.write(chunk)

    def _flush(self) -> None:
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            if not self._transport.is_closing():
                self._transport.write(data)

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class OneSendProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, sending a response's head and body together.

    uvicorn writes the status line and headers, then the body: two ``send`` calls, two TCP
    segments and two wake-ups of the client for every response. Under bench/api's 50 clients
    the two sends were 12-14% of a server process's samples (py-spy), and sending once halved
    the load generator's CPU per request (0.13 to 0.06-0.09 ms)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(_OneSend(transport, self.loop))  # type: ignore[arg-type]


def rare_full_collections() -> None:
    """Make the garbage collector's full collections about 100 times rarer in this process.

    A full collection walks every object not frozen: in a screening server that is mostly the
    caches queries fill (new tokens, forms, similarities), which hold no reference cycles. On
    UN + OFAC one took 60-80 ms a few thousand requests apart, stalling every request queued on
    the process (measured with a gc callback under bench/api's load: the p99's cause). Young
    collections keep their default pace, so short-lived cycles (a request's objects) are freed
    as before; a cycle that outlives two young collections waits longer for a full one.
    """
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, full * FULL_COLLECTION_SPACING)


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the main process ends (best effort elsewhere)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _fork_worker(state: AppState, inherited: socket.socket, uds: Path) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        _die_with_parent()
        host, port = inherited.getsockname()[:2]
        inherited.close()
        listener = _listen(host, port)
        worker = AppState(state.settings, state.config, state.store, state.screeners,
                          state.tokens, verify=RemoteTokens(uds))  # fmt: skip
        config = uvicorn.Config(worker_app(worker, uds), lifespan="off", log_level="warning",
                                timeout_keep_alive=120, http=OneSendProtocol)  # fmt: skip
        uvicorn.Server(config).run(sockets=[listener])
    except BaseException:  # a worker must never return into the parent's code
        code = 1
    finally:
        os._exit(code)


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on the public port, one per process (SO_REUSEPORT: the kernel spreads
    new connections evenly over the processes; with one shared socket, the first process to wake
    took every connection a burst of clients opened, measured). Its protocol must say TCP: asyncio sets TCP_NODELAY only on
    sockets whose ``proto`` is IPPROTO_TCP, and without it every reply waits ~40 ms for the
    client's delayed ACK (measured: 48 ms per request on loopback)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    sock.listen(BACKLOG)
    return sock


def serve(settings: Settings, config: VigilConfig, host: str, port: int) -> None:
    """Serve the API on ``host:port`` from ``config.api.workers`` processes."""
    store = Store.open(settings)
    app = create_app(settings, config, store, edge=False)
    served = with_edge(app)
    uv: dict[str, Any] = {
        "log_level": "warning",
        "timeout_keep_alive": 120,
        "http": OneSendProtocol,
    }
    state: AppState = app.state.vigil
    # Built (and warmed) before serving and forking. The register cannot change under a running
    # server (it holds the store's write lock), so no process looks for new list versions.
    screener = state.screeners.get(store)
    state.screeners = ScreenerCache.pinned(screener, state.screeners.versions())
    rare_full_collections()
    if config.api.workers <= 1:
        uvicorn.run(served, host=host, port=port, **uv)
        return
    listener = _listen(host, port)
    folder = Path(tempfile.mkdtemp(prefix="vigil-api-"))  # mode 0700: only this user connects
    uds = folder / "main.sock"
    private = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    private.bind(str(uds))
    private.listen(BACKLOG)
    gc.collect()
    gc.freeze()  # keep the index's pages shared: the children's GC will not write to them
    pids = [_fork_worker(state, listener, uds) for _ in range(config.api.workers - 1)]
    try:
        uvicorn.Server(uvicorn.Config(served, **uv)).run(sockets=[listener, private])
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGTERM)
        for pid in pids:
            os.waitpid(pid, 0)
        shutil.rmtree(folder, ignore_errors=True)
        store.close()

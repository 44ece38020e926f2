"""``vigil serve --workers N``: match workers forked after the screener is built, answering /match
and /search themselves and forwarding the rest (and token checks) to the main process."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.conftest import bearer
from vigil.api.auth import create_token
from vigil.api.limits import _from_worker
from vigil.api.models import ScoredEntity
from vigil.api.routers.match import scored
from vigil.api.workers import _OneSend
from vigil.screening.models import Contribution, Result
from vigil.settings import Settings
from vigil.store import Store

CONNECTIONS = 16  # new connection each: the kernel spreads them over the processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def served(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The seeded store served by two processes, reading behind a token: (url, token)."""
    api_settings = Settings(home=tmp_path_factory.mktemp("served"), progress="never")
    shutil.copy(seeded_db, api_settings.db_path)
    with Store.open(api_settings) as store:
        token = create_token(store, "analyst", "alice")[1]
    config = api_settings.home / "vigil.toml"
    config.write_text("[api]\nread_requires_token = true\nrate_per_second = 10000.0\n")
    port = free_port()
    env = {**os.environ, "VIGIL_HOME": str(api_settings.home), "VIGIL_CONFIG": str(config)}
    proc = subprocess.Popen([sys.executable, "-m", "vigil.cli", "serve", "--port", str(port),
                             "--workers", "2"], env=env, stdout=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{url}/healthz", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        yield url, token
    finally:
        proc.terminate()
        proc.wait(30)


def each_connection(method: str, url: str, **kw: Any) -> set[int]:
    """The statuses of one request per new connection."""
    return {httpx.request(method, url, timeout=30, **kw).status_code for _ in range(CONNECTIONS)}


QUERY = {"queries": {"q": {"schema": "Vessel", "properties": {"name": ["RYE SONG GANG 1"]}}}}


@pytest.mark.parametrize(
    ("method", "path", "body", "with_token", "statuses"),
    [
        ("POST", "/match/default", QUERY, True, {200}),
        ("POST", "/match/default", QUERY, False, {401}),
        ("GET", "/search?q=Kim", None, True, {200}),
        ("GET", "/findings?limit=2", None, True, {200}),  # forwarded to the main process
        ("GET", "/findings?limit=2", None, False, {401}),
        ("GET", "/whoami", None, True, {200}),
        ("POST", "/match/nowhere", QUERY, True, {404}),
    ],
)
def test_every_process_answers_alike(
    served: tuple[str, str], method: str, path: str, body: Any, with_token: bool,
    statuses: set[int],
) -> None:  # fmt: skip
    url, token = served
    headers = bearer(token) if with_token else {}
    assert each_connection(method, url + path, json=body, headers=headers) == statuses


def test_match_results_from_workers(served: tuple[str, str]) -> None:
    url, token = served
    bodies = [httpx.post(f"{url}/match/default", json=QUERY, headers=bearer(token)).json()
              for _ in range(CONNECTIONS)]  # fmt: skip
    ids = {tuple(r["id"] for r in b["responses"]["q"]["results"]) for b in bodies}
    assert len(ids) == 1 and next(iter(ids))


@pytest.mark.parametrize(
    ("server", "forwarded"),
    [(("127.0.0.1", 8000), False), (("/tmp/vigil-api-x/main.sock", None), True), (None, False)],
)
def test_only_unix_socket_requests_skip_limits(server: object, forwarded: bool) -> None:
    assert _from_worker({"type": "http", "server": server}) is forwarded


@pytest.mark.parametrize("score", [0.0, 0.51234, 1.0])
def test_scored_dict_is_the_model(score: float) -> None:
    result = Result(entity_id="NK-1", caption="Kim", schema="Person", lists=("un",), score=score,
                    match=score > 0.5, algorithm="x",
                    explanation=(Contribution("name", 0.9, "similar"),))  # fmt: skip
    as_dict = scored(result)
    assert ScoredEntity.model_validate(as_dict).model_dump(by_alias=True) == as_dict


class FakeTransport:
    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.sent.append(data)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str) -> str:
        return f"info:{name}"


def test_a_response_head_and_body_leave_in_one_send() -> None:
    async def respond() -> FakeTransport:
        fake = FakeTransport()
        transport = _OneSend(fake, asyncio.get_running_loop())  # type: ignore[arg-type]
        transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        transport.write(b"{}")
        assert fake.sent == []  # held until this turn of the loop ends
        await asyncio.sleep(0)
        assert fake.sent == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"]
        assert transport.get_extra_info("peername") == "info:peername"  # the rest passes through
        transport.write(b"la")
        transport.writelines([b"s", b"t"])  # in order with the pending writes
        transport.close()  # what is pending goes out before the close
        assert fake.sent[-1] == b"last" and fake.closed
        transport.write(b"late")
        await asyncio.sleep(0)
        assert fake.sent[-1] == b"last"  # nothing is written to a closed transport
        return fake

    assert len(asyncio.run(respond()).sent) == 2

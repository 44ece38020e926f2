"""Live feeds on loopback: TCP (we connect) and UDP (we bind), including a mid-message cut."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from tests.ais.conftest import T0_S, position
from vigil.ais.errors import FeedError
from vigil.ais.listen import FeedOptions, listen, parse_feed_url
from vigil.store import Store


def serve_once(payload: bytes) -> int:
    """A one-shot TCP feed on 127.0.0.1 that sends ``payload`` and hangs up; returns its port."""
    server = socket.create_server(("127.0.0.1", 0))
    port = int(server.getsockname()[1])

    def run() -> None:
        conn, _ = server.accept()
        for k in range(0, len(payload), 700):  # in pieces, so lines straddle reads
            conn.sendall(payload[k : k + 700])
            time.sleep(0.001)
        conn.close()
        server.close()

    threading.Thread(target=run, daemon=True).start()
    return port


def test_tcp_feed_disconnecting_mid_message(store: Store) -> None:
    lines = [position(412000001, 38.0, 124.0 + k / 1000, T0_S + k) for k in range(50)]
    cut = position(412000002, 38.0, 124.0, T0_S)[:30]
    port = serve_once(("\r\n".join(lines) + "\r\n" + cut).encode())
    summary = listen(store, f"tcp://127.0.0.1:{port}", FeedOptions(batch_lines=20))
    assert summary["disconnected"] and summary["lines_read"] == 51
    assert summary["positions"] == 50 and summary["quarantine_by_reason"] == {"truncated": 1}
    stored = store.conn.execute("SELECT count(*) FROM ais_positions").fetchone()
    assert stored == (50,)


def test_tcp_feed_stops_after_max_messages(store: Store) -> None:
    lines = [position(412000001, 38.0, 124.0, T0_S + k) for k in range(40)]
    port = serve_once(("\n".join(lines) + "\n").encode())
    summary = listen(store, f"tcp://127.0.0.1:{port}", FeedOptions(max_messages=10))
    assert summary["positions"] == 10


def test_udp_feed_lines_without_time_get_arrival_time(store: Store) -> None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    probe.bind(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()
    bare = "!AIVDM,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*23"

    def send() -> None:
        time.sleep(0.3)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as out:
            for _ in range(5):
                out.sendto(bare.encode() + b"\r\n", ("127.0.0.1", port))

    threading.Thread(target=send, daemon=True).start()
    started = time.time()
    summary = listen(store, f"udp://127.0.0.1:{port}", FeedOptions(max_messages=5, duration_s=5))
    assert summary["positions"] == 5
    first = store.conn.execute("SELECT min(epoch(ts)) FROM ais_positions").fetchone()
    assert first is not None and started - 1 <= first[0] <= time.time() + 1


@pytest.mark.parametrize("url", ["http://x:1", "tcp://host", "udp://:notaport", "tcp:/x"])
def test_bad_feed_urls(url: str) -> None:
    with pytest.raises(FeedError):
        parse_feed_url(url)


def test_unreachable_feed_is_a_feed_error(store: Store) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = int(server.getsockname()[1])
    server.close()
    with pytest.raises(FeedError, match="cannot open feed"):
        listen(store, f"tcp://127.0.0.1:{port}", FeedOptions(max_messages=1))

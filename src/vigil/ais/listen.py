"""Live AIS feeds: ``tcp://HOST:PORT`` (we connect as a client) or ``udp://[HOST]:PORT`` (we bind).

Lines are decoded by the same pipeline as files and stored in batches, each batch one
transaction (a crash loses at most the batch in flight, never leaves half a batch). A line
without its own timestamp gets its arrival time, which for a live feed *is* the receive
time. A feed that disconnects mid-message ends the session cleanly: the partial line and any
open fragments are quarantined. Each session is one row of ``ais_files`` (format ``feed``).
"""

from __future__ import annotations

import hashlib
import socket
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from vigil.ais import storage
from vigil.ais.errors import FeedError
from vigil.ais.identity import IdentityAccumulator
from vigil.ais.pipeline import Batch, NmeaPipeline
from vigil.ais.validate import Limits
from vigil.store import Store, next_file_id

RECV_BYTES = 65_536
POLL_S = 0.2


@dataclass(frozen=True)
class FeedOptions:
    """When a session stops and how often it stores."""

    max_messages: int | None = None
    duration_s: float | None = None
    batch_lines: int = 2_000
    flush_s: float = 1.0


@dataclass
class Session:
    """A running feed session: its file id, pending lines and counts."""

    url: str
    file_id: int
    pipeline: NmeaPipeline
    lines: list[bytes] = field(default_factory=list)
    line_no: int = 1
    received: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    disconnected: bool = False


def parse_feed_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a feed URL; raises :class:`FeedError` if malformed."""
    parts = urlsplit(url)
    if parts.scheme not in ("tcp", "udp"):
        raise FeedError(f"feed URL must start with tcp:// or udp://, not {url!r}")
    try:
        port = parts.port
    except ValueError as exc:
        raise FeedError(f"bad port in feed URL {url!r}") from exc
    if port is None:
        raise FeedError(f"feed URL {url!r} has no port")
    host = parts.hostname or ("" if parts.scheme == "udp" else "127.0.0.1")
    return parts.scheme, host, port


def listen(store: Store, url: str, options: FeedOptions) -> dict[str, Any]:
    """Read the feed until it ends, ``max_messages`` lines or ``duration_s``; store as it goes."""
    scheme, host, port = parse_feed_url(url)
    sock = _open(scheme, host, port, url)
    session = _start(store, url)
    deadline = None if options.duration_s is None else time.monotonic() + options.duration_s
    last_flush = time.monotonic()
    pending = b""
    try:
        while not _done(session, options, deadline):
            data = _receive(sock, scheme)
            if data is None:
                session.disconnected = True
                break
            lines = (pending + data).split(b"\n")
            pending = b"" if scheme == "udp" else lines.pop()
            _take(session, [line for line in lines if line.strip()], options)
            if (
                len(session.lines) >= options.batch_lines
                or time.monotonic() - last_flush > options.flush_s
            ):
                _flush(store, session)
                last_flush = time.monotonic()
    finally:
        sock.close()
    if pending.strip():
        session.lines.append(pending)  # a line cut off by the disconnect: quarantined
        session.received += 1
    _flush(store, session, final=True)
    return _summary(session)


def _open(scheme: str, host: str, port: int, url: str) -> socket.socket:
    try:
        if scheme == "tcp":
            sock = socket.create_connection((host, port), timeout=5.0)
        else:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind((host, port))
    except OSError as exc:
        raise FeedError(f"cannot open feed {url}: {exc}") from exc
    sock.settimeout(POLL_S)
    return sock


def _receive(sock: socket.socket, scheme: str) -> bytes | None:
    """Bytes received (b"" on a quiet poll) or None when a TCP peer has disconnected."""
    try:
        data = sock.recv(RECV_BYTES)
    except TimeoutError:
        return b""
    except OSError:
        return None
    if not data and scheme == "tcp":
        return None
    return data


def _done(session: Session, options: FeedOptions, deadline: float | None) -> bool:
    if options.max_messages is not None and session.received >= options.max_messages:
        return True
    return deadline is not None and time.monotonic() >= deadline


def _take(session: Session, lines: list[bytes], options: FeedOptions) -> None:
    if options.max_messages is not None:
        lines = lines[: max(0, options.max_messages - session.received)]
    session.lines += lines
    session.received += len(lines)


def _start(store: Store, url: str) -> Session:
    token = hashlib.sha256(f"{url} {time.time()} {uuid.uuid4()}".encode()).hexdigest()
    with store.transaction() as conn:
        file_id = next_file_id(conn, "ais_files")
        summary = {"lines_read": 0, "positions": 0, "quarantined": 0, "feed": url}
        storage.record_file(conn, file_id, token, url, "feed", summary)
    return Session(url, file_id, NmeaPipeline(file_id, Limits(now_s=time.time())))


def _flush(store: Store, session: Session, final: bool = False) -> None:
    now_s = time.time()
    session.pipeline.limits = Limits(now_s=now_s, assume_time_s=now_s)
    batches: list[Batch] = []
    if session.lines:
        batches.append(session.pipeline.process(session.lines, session.line_no))
        session.line_no += len(session.lines)
        session.lines = []
    if final:
        batches.append(session.pipeline.finish())
    with store.transaction() as conn:
        identity = IdentityAccumulator()
        for batch in batches:
            storage.write_batch(conn, batch)
            identity.add(batch.identity)
            session.counts.update(batch.counts)
        identity.write(conn)
        summary = _summary(session)
        conn.execute(
            "UPDATE ais_files SET lines_read = ?, positions = ?, quarantined = ?, summary = ?"
            " WHERE file_id = ?",
            [
                summary["lines_read"],
                summary["positions"],
                summary["quarantined"],
                storage.json_text(summary),
                session.file_id,
            ],
        )


def _summary(session: Session) -> dict[str, Any]:
    quarantine = {
        k.split(":", 1)[1]: v for k, v in session.counts.items() if k.startswith("quarantine:")
    }
    return {
        "feed": session.url,
        "file_id": session.file_id,
        "lines_read": session.received,
        "positions": session.counts.get("position", 0),
        "quarantined": sum(quarantine.values()),
        "quarantine_by_reason": dict(sorted(quarantine.items())),
        "dispositions": {k: v for k, v in sorted(session.counts.items()) if v},
        "disconnected": session.disconnected,
    }

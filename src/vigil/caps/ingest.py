"""Ingest a notification table into the ledger, atomically and idempotently.

The whole file is parsed first; then, in one transaction, the file, its valid rows and its
quarantined rows are stored. A file already ingested (same SHA-256) adds nothing. A row that
repeats a stored notification (same supplier, cap, period and quantity) is quarantined as a
``duplicate``; one whose period overlaps a stored notification of the same supplier and cap with
another quantity (a revision, or a month inside a stored annual total) as an ``overlap``, so
that nothing is counted twice. Invalid rows are quarantined as ``invalid`` with the line and value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import orjson

from vigil.caps.alerts import check_caps
from vigil.caps.errors import RowError
from vigil.caps.notifications import Notification, read_notifications
from vigil.files import sha256_files
from vigil.store import Store, next_file_id

SAME_BBL = 0.005  # quantities closer than this (barrels) are the same figure


@dataclass(frozen=True)
class Kept:
    """What overlap checks need of a stored notification."""

    ref: str
    suppliers: frozenset[str]
    cap: str
    start: date
    end: date
    quantity_bbl: float


@dataclass
class IngestResult:
    """What an ingest did: rows kept, and rows quarantined by reason with their lines."""

    path: str
    sha256: str
    file_id: int
    already_ingested: bool
    rows_read: int = 0
    rows_kept: int = 0
    quarantined: dict[str, int] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


def notification_ref(sha256: str, line: int) -> str:
    """The stable reference of a notification row: file hash prefix and line."""
    return f"{sha256[:16]}:{line}"


def _stored(conn: duckdb.DuckDBPyConnection) -> list[Kept]:
    rows = conn.execute(
        "SELECT ref, supplier, cap, period_start, period_end, quantity_bbl FROM caps_notifications"
    ).fetchall()
    return [Kept(r[0], frozenset(r[1].split("+")), r[2], r[3], r[4], r[5]) for r in rows]


def clash(row: Notification, kept: list[Kept]) -> tuple[str, str] | None:
    """``(reason, detail)`` if ``row`` repeats or overlaps a kept notification, else None."""
    suppliers = frozenset(row.supplier.split("+"))
    for other in kept:
        if other.cap != row.product.cap or not suppliers & other.suppliers:
            continue
        if other.end < row.period_start or row.period_end < other.start:
            continue
        same_period = (other.start, other.end) == (row.period_start, row.period_end)
        same_figure = abs(other.quantity_bbl - row.converted.quantity_bbl) < SAME_BBL
        if same_period and same_figure and suppliers == other.suppliers:
            return "duplicate", f"repeats notification {other.ref}"
        return "overlap", (
            f"overlaps notification {other.ref} ({other.start}..{other.end},"
            f" {other.quantity_bbl:,.0f} bbl) of the same supplier and cap; not counted twice"
        )
    return None


def _notification_row(ref: str, file_id: int, n: Notification) -> list[Any]:
    q = n.converted
    return [
        ref, file_id, n.line, n.period_start, n.period_end, n.supplier, n.supplier_name,
        n.product.product, n.product.cap, n.quantity, n.unit, q.quantity_bbl, q.quantity_t,
        q.bbl_per_t, q.factor_source, n.basis, n.published, n.source, n.note,
        orjson.dumps(n.raw).decode(),
    ]  # fmt: skip


def ingest_notifications(store: Store, path: Path) -> IngestResult:
    """Ingest ``path`` (see the module docstring); the store changes whole or not at all."""
    parsed = list(read_notifications(path))  # raises first if the file is missing or not a table
    sha = sha256_files(path)
    with store.transaction() as conn:
        known = conn.execute("SELECT file_id FROM caps_files WHERE sha256 = ?", [sha]).fetchone()
        if known is not None:
            return IngestResult(str(path), sha, int(known[0]), already_ingested=True)
        file_id = next_file_id(conn, "caps_files")
        result = IngestResult(str(path), sha, file_id, False, rows_read=len(parsed))
        kept, rows, quarantine = _stored(conn), [], []  # type: list[Kept], list[list[Any]], list[list[Any]]
        for item in parsed:
            if isinstance(item, RowError):
                raw = orjson.dumps(item.raw).decode()
                quarantine.append([file_id, item.line, "invalid", item.reason, raw])
                continue
            problem = clash(item, kept)
            if problem is not None:
                raw = orjson.dumps(item.raw).decode()
                quarantine.append([file_id, item.line, problem[0], problem[1], raw])
                continue
            ref = notification_ref(sha, item.line)
            kept.append(Kept(ref, frozenset(item.supplier.split("+")), item.product.cap,
                             item.period_start, item.period_end, item.converted.quantity_bbl))  # fmt: skip
            rows.append(_notification_row(ref, file_id, item))
        conn.execute(
            "INSERT INTO caps_files VALUES (?, ?, ?, ?, ?, ?, ?)",
            [file_id, sha, str(path), datetime.now(UTC), len(parsed), len(rows), len(quarantine)],
        )
        if rows:
            conn.executemany(f"INSERT INTO caps_notifications VALUES ({', '.join('?' * 20)})", rows)
        if quarantine:
            conn.executemany("INSERT INTO caps_quarantine VALUES (?, ?, ?, ?, ?)", quarantine)
    result.rows_kept = len(rows)
    result.quarantined = dict(Counter(q[2] for q in quarantine))
    result.problems = [{"line": q[1], "reason": q[2], "detail": q[3]} for q in quarantine]
    return result


def ingest_and_check(store: Store, path: Path) -> dict[str, Any]:
    """Ingest ``path``, then recompute and store the ledger's findings."""
    result = ingest_notifications(store, path)
    checked = check_caps(store)
    return {"ingest": result.as_dict(), "findings_added": checked["added"],
            "findings": checked["findings"]}  # fmt: skip

"""Ingest a Comtrade-format file, atomically and idempotently.

The file is parsed whole, then stored in one transaction. A file already ingested (same SHA-256)
adds nothing. A row whose key (frequency, period, reporter, flow, partner, second partner, HS
code, customs, mode of supply and transport) is already stored is quarantined as ``duplicate``
when its figures are the same and as ``conflict`` when they differ (the first one stays).
Invalid rows are quarantined as ``invalid`` with their line and reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from vigil.caps.ingest import notification_ref
from vigil.files import sha256_files
from vigil.store import Store, next_file_id
from vigil.trade.comtrade import TradeRow, read_comtrade
from vigil.trade.errors import TradeRowError


@dataclass
class TradeIngestResult:
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


def _figures(row: TradeRow) -> tuple[float | None, ...]:
    return (row.qty, row.net_wgt_kg, row.primary_value_usd)


def _row(ref: str, file_id: int, r: TradeRow) -> list[Any]:
    return [
        ref, file_id, r.line, r.key, r.freq, r.start, r.end, r.reporter_code, r.reporter_iso,
        r.reporter_desc, r.flow, r.direction, r.partner_code, r.partner_iso, r.partner_desc,
        r.cmd_code, r.cmd_desc, r.qty_unit_code, r.qty, r.net_wgt_kg, r.primary_value_usd,
        orjson.dumps(r.raw).decode(),
    ]  # fmt: skip


def ingest_trade(store: Store, path: Path) -> TradeIngestResult:
    """Ingest ``path`` (see the module docstring); the store changes whole or not at all."""
    parsed = list(read_comtrade(path))  # raises first if the file is missing or not a table
    sha = sha256_files(path)
    with store.transaction() as conn:
        known = conn.execute("SELECT file_id FROM trade_files WHERE sha256 = ?", [sha]).fetchone()
        if known is not None:
            return TradeIngestResult(str(path), sha, int(known[0]), already_ingested=True)
        file_id = next_file_id(conn, "trade_files")
        stored: dict[str, tuple[str, tuple[float | None, ...]]] = {
            key: (ref, (qty, wgt, value))
            for key, ref, qty, wgt, value in conn.execute(
                "SELECT row_key, ref, qty, net_wgt_kg, primary_value_usd FROM trade_rows"
            ).fetchall()
        }
        rows, quarantine = [], []  # type: list[list[Any]], list[list[Any]]
        for item in parsed:
            if isinstance(item, TradeRowError):
                quarantine.append([file_id, item.line, "invalid", item.reason, item.raw])
            elif item.key in stored:
                ref, figures = stored[item.key]
                reason = "duplicate" if figures == _figures(item) else "conflict"
                detail = f"{reason} of row {ref} (same reporter, partner, flow, HS code, period)"
                quarantine.append([file_id, item.line, reason, detail, item.raw])
            else:
                ref = notification_ref(sha, item.line)
                stored[item.key] = (ref, _figures(item))
                rows.append(_row(ref, file_id, item))
        conn.execute(
            "INSERT INTO trade_files VALUES (?, ?, ?, ?, ?, ?, ?)",
            [file_id, sha, str(path), datetime.now(UTC), len(parsed), len(rows), len(quarantine)],
        )
        if rows:
            conn.executemany(f"INSERT INTO trade_rows VALUES ({', '.join('?' * 22)})", rows)
        if quarantine:
            conn.executemany(
                "INSERT INTO trade_quarantine VALUES (?, ?, ?, ?, ?)",
                [[*q[:4], orjson.dumps(q[4]).decode()] for q in quarantine],
            )
    result = TradeIngestResult(str(path), sha, file_id, False, len(parsed), len(rows))
    result.quarantined = dict(Counter(q[2] for q in quarantine))
    result.problems = [{"line": q[1], "reason": q[2], "detail": q[3]} for q in quarantine]
    return result

"""Writes to the AIS tables, always inside the caller's transaction.

Design: positions live in one DuckDB table ``ais_positions`` with a ``day`` DATE column
(the partition key); each batch is appended sorted by day, so row groups cluster by day and
DuckDB's zone maps prune by ``day`` and ``ts``. An ingest of a file is one transaction: the
file's rows and its ``ais_files`` row commit together or not at all, and a killed process
leaves only an uncommitted WAL tail that DuckDB discards on reopen. Re-ingesting a file is a
no-op: ``ais_files.sha256`` is unique and known files are skipped before any write.
"""

from __future__ import annotations

from typing import Any

import duckdb
import orjson
import pyarrow as pa

from vigil.ais.pipeline import Batch
from vigil.store import Migration, bundled_migrations

TABLES = ("ais_positions", "ais_raw", "ais_quarantine")


def known_file(conn: duckdb.DuckDBPyConnection, sha256: str) -> int | None:
    """The file id of an already-ingested file with this hash, or None."""
    row = conn.execute("SELECT file_id FROM ais_files WHERE sha256 = ?", [sha256]).fetchone()
    return None if row is None else int(row[0])


def append(conn: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Append an Arrow table to one of the AIS tables (columns in table order).

    ``from_arrow(...).insert_into`` copies the rows: a registered Arrow table would stay
    referenced until the transaction ends, so memory would grow with the file.
    """
    if rows.num_rows:
        conn.from_arrow(rows).insert_into(table)


def write_batch(conn: duckdb.DuckDBPyConnection, batch: Batch) -> None:
    """Append a batch's positions (already sorted by day, MMSI, time), raw lines, quarantine."""
    if batch.positions is not None:
        append(conn, "ais_positions", batch.positions)
    if batch.raw is not None:
        append(conn, "ais_raw", batch.raw)
    if batch.quarantine is not None:
        append(conn, "ais_quarantine", batch.quarantine)


def record_file(
    conn: duckdb.DuckDBPyConnection,
    file_id: int,
    sha256: str,
    path: str,
    fmt: str,
    summary: dict[str, Any],
) -> None:
    """Record an ingested file with its summary (the last write of its transaction)."""
    conn.execute(
        "INSERT INTO ais_files VALUES"
        " (?, ?, ?, ?, get_current_timestamp() AT TIME ZONE 'UTC', ?, ?, ?, ?)",
        [
            file_id,
            sha256,
            path,
            fmt,
            summary["lines_read"],
            summary["positions"],
            summary["quarantined"],
            json_text(summary),
        ],
    )


def json_text(data: dict[str, Any]) -> str:
    """``data`` as JSON text for a JSON column."""
    return orjson.dumps(data, default=str).decode()


def ais_migrations() -> list[Migration]:
    """The AIS schema alone (0200-0299): for benchmarks and tests that need no other domain."""
    return [m for m in bundled_migrations() if 200 <= m.version < 300]

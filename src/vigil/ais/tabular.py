"""CSV and Parquet AIS ingest through DuckDB, with a column mapping (no Python row loops).

Every column is read as text, cast with ``TRY_CAST`` and checked by the same rules as NMEA
(:mod:`vigil.ais.validate`) in one SQL ``CASE``; failing rows go to the quarantine with
``bad_value`` (a required value missing or not a number) or a validation reason. Rows DuckDB
cannot parse at all (too many fields, broken quotes) are quarantined as ``malformed_row``.
``line_no`` is the row's line in the file (the header is line 1; rows DuckDB rejected are
accounted for). The raw source of a kept row is referenced, not copied: its position carries
``file_id`` and ``line_no``, and ``ais_files`` holds the file's path and SHA-256 (the file
itself is the raw record). Quarantined rows keep their text (fields re-joined with commas);
``keep_raw=True`` also copies every kept row's text into ``ais_raw`` (about 3x slower).
gzip and zstd files are read directly.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Final

import duckdb

from vigil.ais.errors import AisInputError
from vigil.ais.identity import upsert_identity
from vigil.ais.sources import compression
from vigil.ais.tabular_sql import (
    ROWS,
    STAGE,
    identity_sql,
    positions_sql,
    quarantine_sql,
    raw_sql,
    stage_sql,
    stage_view_sql,
)
from vigil.ais.validate import Limits

REQUIRED: Final = ("mmsi", "ts", "lat", "lon")
CANONICAL: Final = (
    *REQUIRED,
    *("sog_knots", "cog_deg", "heading_deg", "nav_status"),
    *("name", "imo", "call_sign", "ship_type", "length_m", "width_m", "draught_m"),
    "destination",
)
PRESETS: Final[dict[str, dict[str, str]]] = {
    "marinecadastre": {
        "mmsi": "MMSI", "ts": "BaseDateTime", "lat": "LAT", "lon": "LON", "sog_knots": "SOG",
        "cog_deg": "COG", "heading_deg": "Heading", "nav_status": "Status",
        "name": "VesselName", "imo": "IMO", "call_sign": "CallSign",
        "ship_type": "VesselType", "length_m": "Length", "width_m": "Width",
        "draught_m": "Draft",
    },
    "dma": {
        "ts": "# Timestamp", "mmsi": "MMSI", "lat": "Latitude", "lon": "Longitude",
        "sog_knots": "SOG", "cog_deg": "COG", "heading_deg": "Heading", "imo": "IMO",
        "call_sign": "Callsign", "name": "Name", "ship_type": "Ship type",
        "width_m": "Width", "length_m": "Length", "draught_m": "Draught",
        "destination": "Destination",
    },
}  # fmt: skip
TIME_FORMATS: Final = {"dma": "%d/%m/%Y %H:%M:%S"}
ALIASES: Final = {
    "mmsi": ("mmsi",),
    "ts": ("ts", "timestamp", "time", "basedatetime", "datetime", "timestamp_utc"),
    "lat": ("lat", "latitude"),
    "lon": ("lon", "longitude", "long", "lng"),
    "sog_knots": ("sog", "speed", "sog_knots"),
    "cog_deg": ("cog", "course", "cog_deg"),
    "heading_deg": ("heading", "true_heading", "heading_deg"),
    "nav_status": ("status", "nav_status", "navigational_status"),
    "name": ("name", "vesselname", "shipname", "vessel_name"),
    "imo": ("imo",),
    "call_sign": ("callsign", "call_sign"),
}


def source_sql(path: Path, kind: str) -> str:
    """A DuckDB table function reading ``path`` with every column as text."""
    quoted = "'" + str(path).replace("'", "''") + "'"
    if kind == "parquet":
        return f"read_parquet({quoted})"
    codec = compression(path) or "none"
    return (
        f"read_csv({quoted}, all_varchar = true, header = true, null_padding = true,"
        f" compression = '{codec}', store_rejects = true)"
    )


def resolve_mapping(
    path: Path, columns: list[str], kind: str, mapping: dict[str, str] | None
) -> dict[str, str]:
    """Canonical field -> source column, from the preset, aliases and the user's mapping."""
    by_lower = {c.lower(): c for c in columns}
    found: dict[str, str] = {}
    for field, names in ALIASES.items():
        match = next((by_lower[n] for n in names if n in by_lower), None)
        if match is not None:
            found[field] = match
    found.update({k: v for k, v in PRESETS.get(kind, {}).items() if v in columns})
    for field, column in (mapping or {}).items():
        if field not in CANONICAL:
            raise AisInputError(path, f"unknown mapped field {field!r}; known: {CANONICAL}")
        if column not in columns:
            raise AisInputError(path, f"mapped column {column!r} not in file; has {columns}")
        found[field] = column
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        raise AisInputError(
            path, f"missing required columns for {missing}; file has {columns} (use --map)"
        )
    return found


def stage_table(
    conn: duckdb.DuckDBPyConnection,
    path: Path,
    kind: str,
    limits: Limits,
    mapping: dict[str, str] | None,
    keep_raw: bool = False,
) -> dict[str, str]:
    """Read a CSV or Parquet file into the temporary stage; returns the column mapping.

    Runs outside the ingest's transaction (the stage is scratch, not the store): a table
    created in auto-commit numbers its rows in file order (see ``stage_view_sql``).
    """
    source = source_sql(path, kind)
    try:
        columns = [str(r[0]) for r in conn.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
        found = resolve_mapping(path, columns, kind, mapping)
        conn.execute("SET TimeZone = 'UTC'")
        conn.execute("SET enable_progress_bar = false")  # it would write into --json output
        _clear_rejects(conn)
        time_format = TIME_FORMATS.get(kind)
        conn.execute(stage_sql(source, columns, found, time_format, limits, keep_raw))
        conn.execute(stage_view_sql(kind != "parquet" and _rejected(conn)))
    except duckdb.Error as exc:
        drop_stage(conn)
        raise AisInputError(path, f"cannot read as {kind}: {exc}") from exc
    return found


def ingest_table(
    conn: duckdb.DuckDBPyConnection,
    file_id: int,
    kind: str,
    found: dict[str, str],
    keep_raw: bool = False,
) -> tuple[dict[str, int], int]:
    """Write the staged file inside the caller's transaction; returns counts, identity values.

    ``keep_raw`` copies every kept row's text into ``ais_raw``; without it the file and line
    (``ais_files``, ``line_no``) are the reference to the raw row, and only quarantined rows
    carry their text.
    """
    statements = [positions_sql(file_id, kind), quarantine_sql(file_id)]
    statements += [raw_sql(file_id)] if keep_raw else []
    for statement in statements:
        conn.execute(statement)
    if kind != "parquet":
        _rejects(conn, file_id)
    values = 0
    sql = identity_sql(file_id, found)
    if sql is not None:
        conn.execute(sql)
        row = conn.execute("SELECT count(*) FROM ais_identity_batch").fetchone()
        values = int(row[0]) if row else 0
        upsert_identity(conn, "ais_identity_batch")
        conn.execute("DROP TABLE ais_identity_batch")
    return _counts(conn, file_id), values


def drop_stage(conn: duckdb.DuckDBPyConnection) -> None:
    """Drop the stage's temporary tables and view."""
    conn.execute(f"DROP VIEW IF EXISTS {STAGE}")
    conn.execute(f"DROP TABLE IF EXISTS {ROWS}")
    conn.execute("DROP TABLE IF EXISTS ais_tabular_shifts")


def _rejected(conn: duckdb.DuckDBPyConnection) -> bool:
    row = conn.execute("SELECT count(*) FROM reject_errors").fetchone()
    return bool(row and row[0])


def _clear_rejects(conn: duckdb.DuckDBPyConnection) -> None:
    """Empty the temp tables DuckDB appends rejected rows to (they exist after a first scan)."""
    names = {str(r[0]) for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    for table in ("reject_errors", "reject_scans"):
        if table in names:
            conn.execute(f"DELETE FROM {table}")


def _rejects(conn: duckdb.DuckDBPyConnection, file_id: int) -> None:
    conn.execute(
        "INSERT INTO ais_quarantine SELECT ?, CAST(line AS INTEGER), 'malformed_row',"
        " error_message, coalesce(csv_line, '') FROM reject_errors",
        [file_id],
    )
    _clear_rejects(conn)


def _counts(conn: duckdb.DuckDBPyConnection, file_id: int) -> dict[str, int]:
    counts: Counter[str] = Counter()
    row = conn.execute("SELECT count(*) FROM ais_tabular_stage WHERE reason IS NULL").fetchone()
    counts["position"] = int(row[0]) if row else 0
    for reason, n in conn.execute(
        "SELECT reason, count(*) FROM ais_quarantine WHERE file_id = ? GROUP BY 1", [file_id]
    ).fetchall():
        counts[f"quarantine:{reason}"] = int(n)
    return {k: v for k, v in sorted(counts.items()) if v}

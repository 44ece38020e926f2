"""Stage rows of a CSV chunk in Arrow, exactly as :mod:`vigil.ais.tabular_sql` makes them.

Text columns become typed values with pyarrow kernels. A row is *suspect* when any rule of
``tabular_sql._checks`` could apply to it (a value missing or unparsed, out of range, not
finite): suspect rows are rare and go through DuckDB's own stage SQL
(:func:`~vigil.ais.tabular_sql.stage_select_sql`), which gives their reason, detail and raw
text (and their values, if DuckDB keeps them after all). So only rows whose every value is an
ordinary number or an ISO timestamp inside the limits take the Arrow values, and on those
pyarrow and DuckDB agree (both parse numbers to the nearest double; the ISO cast is strict).
A column pyarrow cannot cast at all is cast by DuckDB instead (``TRY_CAST``, as the stage).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from vigil.ais.tabular_sql import (
    NUMERIC_ALL,
    TEXT,
    stage_select_sql,
    ts_sql,
)
from vigil.ais.validate import (
    EARLIEST_TIME_S,
    LAT_NOT_AVAILABLE_DEG,
    LON_NOT_AVAILABLE_DEG,
    MMSI_MAX,
    MMSI_MIN,
    Limits,
)

ISO_LENGTH: Final = 19  # YYYY-MM-DDTHH:MM:SS, the form both casts read the same way
FLOATS: Final = ("lat", "lon", *(f"{f}_num" for f in NUMERIC_ALL))
STAGE_SCHEMA: Final = pa.schema(
    [
        ("line_no", pa.int32()),
        ("mmsi", pa.int64()),
        ("ts", pa.timestamp("us")),
        *((name, pa.float64()) for name in FLOATS),
        *((f"raw_{f}", pa.string()) for f in TEXT),
        *((name, pa.string()) for name in ("reason", "detail", "raw")),
    ]
)
LINE_NO: Final = "ais_fast_line_no"


def query(scratch: duckdb.DuckDBPyConnection, sql: str, **tables: pa.Table) -> pa.Table:
    """Run ``sql`` over Arrow ``tables`` (by name) on the scratch connection."""
    for name, table in tables.items():
        scratch.register(name, table)
    try:
        return scratch.execute(sql).to_arrow_table()
    finally:
        for name in tables:
            scratch.unregister(name)


def _duck(scratch: duckdb.DuckDBPyConnection, column: pa.ChunkedArray, expr: str) -> pa.Array:
    """``expr`` over the text column ``raw`` in DuckDB (the stage's own cast)."""
    result = query(
        scratch, f"SELECT {expr} FROM text_column", text_column=pa.table({"raw": column})
    )
    return result.column(0).combine_chunks()


def _double(scratch: duckdb.DuckDBPyConnection, column: pa.ChunkedArray) -> pa.Array:
    try:
        return pc.cast(column, pa.float64()).combine_chunks()
    except pa.ArrowInvalid:
        return pc.cast(_duck(scratch, column, "TRY_CAST(raw AS DOUBLE)"), pa.float64())


def _timestamp(
    scratch: duckdb.DuckDBPyConnection, column: pa.ChunkedArray, time_format: str | None
) -> pa.Array:
    lengths = pc.min_max(pc.utf8_length(column))
    iso = lengths["min"].as_py() in (None, ISO_LENGTH) and lengths["max"].as_py() in (
        None,
        ISO_LENGTH,
    )
    if time_format is None and iso:
        try:
            return pc.cast(column, pa.timestamp("us")).combine_chunks()
        except pa.ArrowInvalid:
            pass
    expr = ts_sql(time_format).replace("raw_ts", "raw")
    return pc.cast(_duck(scratch, column, expr), pa.timestamp("us"))


def _or(*masks: pa.Array) -> pa.Array:
    out = masks[0]
    for mask in masks[1:]:
        out = pc.or_kleene(out, mask)
    return pc.fill_null(out, False)


@dataclass(frozen=True)
class ChunkStage:
    """A chunk's stage rows: Arrow values of all rows, DuckDB's rows for the suspect ones.

    ``table`` (:data:`STAGE_SCHEMA`) holds every row, but only the ``clean`` ones are valid
    (suspect rows may hold anything). ``suspects`` holds the suspect rows' text (and their
    ``LINE_NO``) for :func:`check_suspects`, which gives them as DuckDB's stage SQL makes them
    (with their reason, or none when DuckDB keeps them after all): ``checked``, filled in
    once several chunks' suspects have been checked together.
    """

    table: pa.Table
    clean: pa.Array
    suspects: pa.Table
    checked: pa.Table


def stage_rows(
    chunk: pa.Table,
    first_line: int,
    found: dict[str, str],
    time_format: str | None,
    limits: Limits,
    scratch: duckdb.DuckDBPyConnection,
) -> ChunkStage:
    """The stage rows of a chunk of text columns whose first row is on ``first_line``."""
    n = chunk.num_rows
    line_no = pa.array(np.arange(first_line, first_line + n, dtype=np.int32))
    nulls = pa.nulls(n, pa.string())
    raw = {f: chunk.column(c) for f, c in found.items()}
    values: dict[str, pa.Array] = {
        "lat": _double(scratch, raw["lat"]),
        "lon": _double(scratch, raw["lon"]),
        **{
            f"{f}_num": _double(scratch, raw[f]) if f in raw else pa.nulls(n, pa.float64())
            for f in NUMERIC_ALL
        },
    }
    mmsi_f = _double(scratch, raw["mmsi"])
    ts = _timestamp(scratch, raw["ts"], time_format)
    suspect = _suspect(raw, values, mmsi_f, ts, limits)
    columns = {
        "line_no": line_no,
        "mmsi": pc.cast(mmsi_f, pa.int64(), safe=False),  # whole and in range unless suspect
        "ts": ts,
        **values,
        **{f"raw_{f}": pc.cast(raw[f], pa.string()) if f in raw else nulls for f in TEXT},
        "reason": nulls,
        "detail": nulls,
        "raw": nulls,
    }
    table = pa.table(columns, schema=STAGE_SCHEMA)
    suspects = chunk.filter(suspect).append_column(LINE_NO, line_no.filter(suspect))
    return ChunkStage(table, pc.invert(suspect), suspects, STAGE_SCHEMA.empty_table())


def _suspect(
    raw: dict[str, pa.ChunkedArray],
    values: dict[str, pa.Array],
    mmsi_f: pa.Array,
    ts: pa.Array,
    limits: Limits,
) -> pa.Array:
    """Rows any rule of ``tabular_sql._checks`` may fail, and rows the casts may disagree on."""
    n = len(ts)
    ts_us = pc.cast(ts, pa.int64())
    lat, lon = values["lat"], values["lon"]
    now_us = int((limits.now_s + limits.future_tolerance_s) * 1e6)
    return _or(
        *(pc.invert(pc.is_finite(v)) for v in (*values.values(), mmsi_f) if v.null_count < n),
        *(pc.is_null(v) for v in (mmsi_f, ts, lat, lon)),
        *(
            pc.and_(pc.is_valid(raw[f]), pc.is_null(values[f"{f}_num"]))
            for f in NUMERIC_ALL
            if f in raw
        ),
        pc.less(ts_us, int(EARLIEST_TIME_S * 1e6)),
        pc.greater(ts_us, now_us),
        pc.less(mmsi_f, MMSI_MIN),
        pc.greater(mmsi_f, MMSI_MAX),
        pc.not_equal(mmsi_f, pc.floor(mmsi_f)),  # DuckDB rounds half to even, pyarrow won't
        pc.equal(lat, LAT_NOT_AVAILABLE_DEG),
        pc.equal(lon, LON_NOT_AVAILABLE_DEG),
        pc.greater(pc.abs(lat), 90.0),
        pc.greater(pc.abs(lon), 180.0),
    )


def check_suspects(
    suspects: pa.Table,
    found: dict[str, str],
    time_format: str | None,
    limits: Limits,
    scratch: duckdb.DuckDBPyConnection,
) -> pa.Table:
    """The stage rows (:data:`STAGE_SCHEMA`) of suspect rows, by DuckDB's stage SQL."""
    if not suspects.num_rows:
        return STAGE_SCHEMA.empty_table()
    columns = [c for c in suspects.column_names if c != LINE_NO]
    sql = stage_select_sql("suspect_rows", columns, found, time_format, limits, False, (LINE_NO,))
    result = query(scratch, sql, suspect_rows=suspects)
    result = result.rename_columns(["line_no", *result.column_names[1:]])
    return result.select(STAGE_SCHEMA.names).cast(STAGE_SCHEMA)

"""Rows for the store from a chunk's stage rows (:mod:`vigil.ais.tabular_arrow`), in Arrow.

They mirror the DuckDB path's SQL (:mod:`vigil.ais.tabular_sql`): ``positions`` is
``positions_sql``, ``quarantine`` is ``quarantine_sql``, and ``identity_groups`` is the
``tuples`` step of ``identity_sql`` (the distinct identity tuples of each vessel, with their
first and last time, first raw line and count), which ``identity_select_sql(..., runs=True)``
merges across chunks.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from vigil.ais.pipeline import LINE_ID_BITS
from vigil.ais.tabular_arrow import ChunkStage
from vigil.ais.tabular_sql import NOT_AVAILABLE, NUMERIC_ALL, TABULAR_MSG_TYPE

NUMBERS: Final = ("line_no", "mmsi", "ts", "lat", "lon", *(f"{f}_num" for f in NUMERIC_ALL))


def kept_rows(stage: ChunkStage) -> pa.Table:
    """The kept rows' numbers: the clean rows, then those DuckDB kept after checking them."""
    clean = stage.table.select(NUMBERS).filter(stage.clean)
    checked = stage.checked.filter(pc.is_null(stage.checked["reason"]))
    return pa.concat_tables([clean, checked.select(NUMBERS)])


def _nullif(column: pa.ChunkedArray, field: str) -> pa.ChunkedArray:
    value = NOT_AVAILABLE.get(field)
    if value is None:
        return column
    return pc.if_else(pc.equal(column, value), pa.scalar(None, pa.float64()), column)


def _small_int(column: pa.ChunkedArray, kind: pa.DataType, bits: int) -> pa.ChunkedArray:
    """``TRY_CAST(round(x) AS kind)``: rounded half away from zero, NULL when out of range."""
    rounded = pc.round(column, round_mode="half_towards_infinity")
    fits = pc.and_(pc.less(pc.abs(rounded), 2.0 ** (bits - 1)), pc.is_finite(rounded))
    fits = pc.or_(fits, pc.equal(rounded, -(2.0 ** (bits - 1))))
    kept = pc.if_else(fits, rounded, pa.scalar(None, pa.float64()))
    return pc.cast(kept, kind)


def positions(kept: pa.Table, file_id: int, kind: str) -> pa.Table:
    """``ais_positions`` rows of the kept rows (as ``positions_sql``), by day, MMSI, time."""
    n = kept.num_rows
    ids = pc.add(pc.cast(kept["line_no"], pa.int64()), file_id << LINE_ID_BITS)
    table = pa.table(
        {
            "position_id": ids,
            "day": pc.cast(kept["ts"], pa.date32()),
            "ts": kept["ts"],
            "mmsi": pc.cast(kept["mmsi"], pa.int32()),
            "lat": kept["lat"],
            "lon": kept["lon"],
            "sog_knots": _nullif(kept["sog_knots_num"], "sog_knots"),
            "cog_deg": _nullif(kept["cog_deg_num"], "cog_deg"),
            "heading_deg": _small_int(
                _nullif(kept["heading_deg_num"], "heading_deg"), pa.int16(), 16
            ),
            "nav_status": _small_int(kept["nav_status_num"], pa.int8(), 8),
            "msg_type": pa.array(np.full(n, TABULAR_MSG_TYPE, dtype=np.int8)),
            "source": pa.repeat(pa.scalar(kind, pa.string()), n),
            "channel": pa.nulls(n, pa.string()),
            "file_id": pa.array(np.full(n, file_id, dtype=np.int32)),
            "line_no": kept["line_no"],
            "raw_id": ids,
        }
    )
    days = pc.cast(pc.cast(table["day"], pa.int32()), pa.int64())  # kept rows: 1990 on
    day_mmsi = pc.add(pc.shift_left(days, 32), pc.cast(table["mmsi"], pa.int64()))
    keys = pa.table({"day_mmsi": day_mmsi, "ts": table["ts"]})
    by = [("day_mmsi", "ascending"), ("ts", "ascending")]  # by day, MMSI (32 bits), time
    return table.take(pc.sort_indices(keys, by))


def quarantine(stage: ChunkStage, file_id: int) -> pa.Table:
    """``ais_quarantine`` rows of the failing rows (as ``quarantine_sql``)."""
    failed = stage.checked.filter(pc.is_valid(stage.checked["reason"]))
    return pa.table(
        {
            "file_id": pa.array(np.full(failed.num_rows, file_id, dtype=np.int32)),
            "line_no": failed["line_no"],
            "reason": failed["reason"],
            "detail": failed["detail"],
            "raw": pc.fill_null(failed["raw"], ""),
        }
    )


def identity_groups(stage: ChunkStage, inputs: list[str], file_id: int) -> pa.Table:
    """The kept rows' distinct (mmsi, identity inputs) with first_us, last_us, raw_id, n."""
    checked = stage.checked.filter(pc.is_null(stage.checked["reason"]))
    clean = _groups(stage.table, inputs, file_id, stage.clean)
    return pa.concat_tables([clean, _groups(checked, inputs, file_id, None)])


def _groups(rows: pa.Table, inputs: list[str], file_id: int, keep: pa.Array | None) -> pa.Table:
    """Group ``rows`` (only ``keep`` ones) by vessel and inputs; the raw id is the first row
    at the earliest time, found as the least rank in time order (ties in file order)."""
    n = rows.num_rows
    ts_us = pc.cast(rows["ts"], pa.int64())
    order = pc.sort_indices(ts_us).to_numpy()
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    keys = ["mmsi", *inputs]
    table = rows.select(keys).append_column("ts_us", ts_us).append_column("rank", pa.array(rank))
    if keep is not None:
        table = table.append_column("keep", keep)
    groups = table.group_by([*keys, *(["keep"] if keep is not None else [])], use_threads=False)
    out = groups.aggregate([("ts_us", "min"), ("ts_us", "max"), ("rank", "min"), ("rank", "count")])
    if keep is not None:
        out = out.filter(out["keep"])
    first = order[out["rank_min"].to_numpy()]
    line_no = rows["line_no"].to_numpy()[first].astype(np.int64)
    return pa.table(
        {
            **{k: out[k] for k in keys},
            "first_us": out["ts_us_min"],
            "last_us": out["ts_us_max"],
            "raw_id": pa.array(line_no + (file_id << LINE_ID_BITS)),
            "n": out["rank_count"],
        }
    )

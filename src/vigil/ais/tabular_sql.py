"""The SQL of tabular (CSV, Parquet) ingest, built from the column mapping and the limits.

The quarantine rules are data: ``CHECKS`` lists (reason, failing condition, detail), the
first failing rule names the row's reason. They mirror :mod:`vigil.ais.validate`.
"""

from __future__ import annotations

from typing import Final

from vigil.ais.validate import (
    EARLIEST_TIME_S,
    LAT_NOT_AVAILABLE_DEG,
    LON_NOT_AVAILABLE_DEG,
    MMSI_MAX,
    MMSI_MIN,
    Limits,
)

STAGE: Final = "ais_tabular_stage"  # a view: the rows table numbered by line
ROWS: Final = "ais_tabular_rows"
NUMERIC: Final = ("sog_knots", "cog_deg", "heading_deg", "nav_status", "length_m", "width_m")
NUMERIC_ALL: Final = (*NUMERIC, "draught_m")
TEXT: Final = ("name", "imo", "call_sign", "ship_type", "destination")
NOT_AVAILABLE: Final = {"sog_knots": 102.3, "cog_deg": 360.0, "heading_deg": 511.0}
TABULAR_MSG_TYPE: Final = 0  # msg_type of positions read from a table row, not a message


def _q(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _checks(limits: Limits) -> list[tuple[str, str, str]]:
    now_us = int((limits.now_s + limits.future_tolerance_s) * 1e6)
    bad = [
        ("bad_value", f"{f} IS NULL", f"'{f}=' || coalesce(raw_{f}, '<missing>')")
        for f in ("mmsi", "ts", "lat", "lon")
    ]
    bad += [
        ("bad_value", f"raw_{f} IS NOT NULL AND {f}_num IS NULL", f"'{f}=' || raw_{f}")
        for f in NUMERIC_ALL
    ]
    return [
        *bad,
        ("time_before_1990", f"epoch_us(ts) < {int(EARLIEST_TIME_S * 1e6)}", "CAST(ts AS VARCHAR)"),
        ("time_in_future", f"epoch_us(ts) > {now_us}", "CAST(ts AS VARCHAR)"),
        ("bad_mmsi", f"mmsi NOT BETWEEN {MMSI_MIN} AND {MMSI_MAX}", "'mmsi=' || mmsi"),
        (
            "position_not_available",
            f"lat = {LAT_NOT_AVAILABLE_DEG} OR lon = {LON_NOT_AVAILABLE_DEG}",
            "'lat=' || lat || ' lon=' || lon",
        ),
        (
            "impossible_position",
            "abs(lat) > 90 OR abs(lon) > 180",
            "'lat=' || lat || ' lon=' || lon",
        ),
    ]


def _ts_expr(time_format: str | None) -> str:
    """Text to a UTC timestamp: ``time_format``, ISO 8601 (offsets applied) or epoch seconds.

    Plain ``YYYY-MM-DDTHH:MM:SS`` (19 characters) takes the cheap TIMESTAMP cast; anything
    longer may carry an offset, which only the TIMESTAMPTZ cast applies.
    """
    if time_format is not None:
        return f"try_strptime(raw_ts, '{time_format}')"
    return (
        "coalesce(CASE WHEN length(raw_ts) = 19 THEN TRY_CAST(raw_ts AS TIMESTAMP) END,"
        " TRY_CAST(raw_ts AS TIMESTAMPTZ) AT TIME ZONE 'UTC',"
        " make_timestamp(TRY_CAST(TRY_CAST(raw_ts AS DOUBLE) * 1000000 AS BIGINT)))"
    )


def stage_sql(
    source: str,
    columns: list[str],
    found: dict[str, str],
    time_format: str | None,
    limits: Limits,
    keep_raw: bool = False,
) -> str:
    """Create the rows table: typed columns, quarantine reason and raw text, in file order.

    One parallel scan of the file. The raw text (the fields re-joined with commas) is built
    only for quarantined rows, or for every row with ``keep_raw``; a kept row is otherwise
    cited by its file and line. No window function: ``row_number() OVER ()`` serialises the
    scan (with ``store_rejects`` it tripled the ingest time); line numbers come from the new
    table's ``rowid`` instead (:func:`stage_view_sql`).
    """
    fields = ("mmsi", "ts", "lat", "lon", *NUMERIC_ALL, *TEXT)
    src = {c: f"src_{i}" for i, c in enumerate(columns)}  # file names may clash with ours
    renamed = ", ".join(f"{_q(c)} AS {src[c]}" for c in columns)
    raw_cols = ", ".join(
        f"CAST({src[found[f]]} AS VARCHAR) AS raw_{f}"
        if f in found
        else f"NULL::VARCHAR AS raw_{f}"
        for f in fields
    )
    joined = ", ".join(f"coalesce(CAST({src[c]} AS VARCHAR), '')" for c in columns)
    numbers = ", ".join(f"TRY_CAST(raw_{f} AS DOUBLE) AS {f}_num" for f in NUMERIC_ALL)
    checks = _checks(limits)
    reason = " ".join(f"WHEN {cond} THEN '{code}'" for code, cond, _ in checks)
    detail = " ".join(f"WHEN {cond} THEN {det}" for _, cond, det in checks)
    texts = ", ".join(f"raw_{f}" for f in TEXT)
    kept = ", ".join(f"{f}_num" for f in NUMERIC_ALL)
    raw = f"concat_ws(',', {joined})"
    raw = raw if keep_raw else f"CASE WHEN reason IS NOT NULL THEN {raw} END"
    return f"""
    CREATE OR REPLACE TEMP TABLE {ROWS} AS
    SELECT * FROM (
        SELECT mmsi, ts, lat, lon, {kept}, {texts}, reason, detail,
               {raw} AS raw
        FROM (
            SELECT *, CASE {reason} END AS reason, CASE {detail} END AS detail
            FROM (
                SELECT *, TRY_CAST(TRY_CAST(raw_mmsi AS DOUBLE) AS BIGINT) AS mmsi,
                       {_ts_expr(time_format)} AS ts,
                       TRY_CAST(raw_lat AS DOUBLE) AS lat, TRY_CAST(raw_lon AS DOUBLE) AS lon,
                       {numbers}
                FROM (SELECT *, {raw_cols} FROM (SELECT {renamed} FROM {source}))
            )
        )
    )
    """


def stage_view_sql(rejected: bool) -> str:
    """The stage: rows numbered by file line (header = line 1).

    The rows table is created in one auto-committed statement with insertion order kept, so
    ``rowid`` is the row's ordinal among the rows DuckDB accepted. Rows it rejected
    (``reject_errors``, which names their lines) shift the later lines: accepted row ``k``
    (from 1) is on line ``k + 1 + #{i : r_i - 1 - i <= k}`` for rejected lines ``r_0 < r_1 ..``.
    """
    if not rejected:
        return f"""
        CREATE OR REPLACE TEMP VIEW {STAGE} AS
        SELECT CAST(rowid + 2 AS INTEGER) AS line_no, * FROM {ROWS}
        """
    return f"""
    CREATE OR REPLACE TEMP TABLE ais_tabular_shifts AS
    SELECT max(line - i) AS threshold, max(i) AS shift FROM (
        SELECT line, row_number() OVER (ORDER BY line) AS i
        FROM (SELECT DISTINCT CAST(line AS BIGINT) AS line FROM reject_errors)
    ) GROUP BY line - i;
    CREATE OR REPLACE TEMP VIEW {STAGE} AS
    SELECT CAST(r.rowid + 2 + coalesce(s.shift, 0) AS INTEGER) AS line_no, r.*
    FROM {ROWS} AS r ASOF LEFT JOIN ais_tabular_shifts AS s ON r.rowid + 1 >= s.threshold
    """


def _na(field: str) -> str:
    value = NOT_AVAILABLE.get(field)
    return f"{field}_num" if value is None else f"nullif({field}_num, {value})"


def positions_sql(file_id: int, kind: str) -> str:
    """Append the stage's kept rows to ``ais_positions`` (sorted by day, MMSI and time)."""
    return f"""
    INSERT INTO ais_positions
    SELECT ({file_id}::BIGINT << 32) | line_no, CAST(ts AS DATE), ts, mmsi, lat, lon,
           {_na("sog_knots")}, {_na("cog_deg")},
           TRY_CAST(round({_na("heading_deg")}) AS SMALLINT),
           TRY_CAST(round(nav_status_num) AS TINYINT), {TABULAR_MSG_TYPE}, '{kind}', NULL,
           {file_id}, line_no, ({file_id}::BIGINT << 32) | line_no
    FROM {STAGE} WHERE reason IS NULL ORDER BY 2, mmsi, ts
    """


def raw_sql(file_id: int) -> str:
    """Append the kept rows' raw text to ``ais_raw``."""
    return f"""
    INSERT INTO ais_raw
    SELECT ({file_id}::BIGINT << 32) | line_no, {file_id}, line_no, ts, mmsi,
           {TABULAR_MSG_TYPE}, raw
    FROM {STAGE} WHERE reason IS NULL
    """


def quarantine_sql(file_id: int) -> str:
    """Append the failing rows to ``ais_quarantine``."""
    return f"""
    INSERT INTO ais_quarantine
    SELECT {file_id}, line_no, reason, detail, coalesce(raw, '') FROM {STAGE}
    WHERE reason IS NOT NULL
    """


IDENTITY_VALUES: Final = {
    "name": "nullif(trim(regexp_replace(raw_name, '\\s+', ' ', 'g')), '')",
    "imo": "nullif(ltrim(regexp_replace(raw_imo, '[^0-9]', '', 'g'), '0'), '')",
    "call_sign": "nullif(trim(raw_call_sign), '')",
    "ship_type": "nullif(coalesce(CAST(TRY_CAST(TRY_CAST(raw_ship_type AS DOUBLE) AS INTEGER)"
    " AS VARCHAR), trim(raw_ship_type)), '0')",
    "destination": "nullif(trim(raw_destination), '')",
    "draught": "CASE WHEN draught_m_num > 0 THEN printf('%.1f', draught_m_num) END",
    "dimensions": "CASE WHEN length_m_num > 0 AND width_m_num > 0 THEN 'L' ||"
    " CAST(round(length_m_num) AS INTEGER) || ' B' || CAST(round(width_m_num) AS INTEGER) END",
}
IDENTITY_NEEDS: Final = {"dimensions": ("length_m", "width_m"), "draught": ("draught_m",)}
IDENTITY_INPUTS: Final = {
    "name": ("raw_name",),
    "imo": ("raw_imo",),
    "call_sign": ("raw_call_sign",),
    "ship_type": ("raw_ship_type",),
    "destination": ("raw_destination",),
    "draught": ("draught_m_num",),
    "dimensions": ("length_m_num", "width_m_num"),
}


def identity_sql(file_id: int, found: dict[str, str]) -> str | None:
    """Create ``ais_identity_batch`` from the kept rows' identity columns (None: there are none).

    Rows are first reduced to their distinct identity tuples (few per vessel), then unpivoted.
    A value's first raw id is the earliest row's, the lower line on a tie (as for NMEA).
    """
    wanted = {
        field: expr
        for field, expr in IDENTITY_VALUES.items()
        if all(n in found for n in IDENTITY_NEEDS.get(field, (field,)))
    }
    if not wanted:
        return None
    inputs = sorted({n for f in wanted for n in IDENTITY_INPUTS[f]})
    selects = [
        f"SELECT mmsi, '{field}' AS field, {expr} AS value, first_us, last_us, raw_id, n FROM tuples"
        for field, expr in wanted.items()
    ]
    return f"""
    CREATE OR REPLACE TEMP TABLE ais_identity_batch AS
    WITH tuples AS (
        SELECT mmsi, {", ".join(inputs)}, epoch_us(min(ts)) AS first_us,
               epoch_us(max(ts)) AS last_us,
               arg_min(({file_id}::BIGINT << 32) | line_no, (ts, line_no)) AS raw_id,
               count(*) AS n
        FROM {STAGE} WHERE reason IS NULL GROUP BY ALL
    )
    SELECT mmsi, field, value, min(first_us) AS first_us, max(last_us) AS last_us,
           arg_min(raw_id, (first_us, raw_id)) AS raw_id, sum(n)::BIGINT AS n
    FROM ({" UNION ALL ".join(selects)}) WHERE value IS NOT NULL GROUP BY mmsi, field, value
    """

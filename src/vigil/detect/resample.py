"""Resampled tracks: one row per vessel and time bucket (mean position, mean speed), with the
bucket's distance from shore. Loitering and encounters share it (GFW resamples to 10 minutes).
"""

from __future__ import annotations

from vigil.detect.context import Context, cell_join
from vigil.detect.engine import sql

BUCKETS_SQL = """
SELECT mmsi, CAST(FLOOR(t_s / {bucket_s}) AS BIGINT) AS b, ROUND(AVG(lat), 6) AS lat,
       ROUND(AVG(lon), 6) AS lon, AVG(sog_knots) AS sog_knots, MIN(t_s) AS t0, MAX(t_s) AS t1,
       COUNT(*) AS n
FROM pos GROUP BY mmsi, CAST(FLOOR(t_s / {bucket_s}) AS BIGINT)
"""


def buckets(ctx: Context, bucket_s: int) -> str:
    """Materialize ``kb_<bucket_s>`` (buckets with ``km`` from shore) and return its name."""
    raw, name = f"rb_{bucket_s}", f"kb_{bucket_s}"
    if name in ctx._tables:
        return name
    ctx.engine.materialize(raw, sql(BUCKETS_SQL, ctx.engine, bucket_s=bucket_s))
    shore_table = ctx.shore_cells(raw)
    ctx.engine.materialize(
        name, f"SELECT k.*, s.km FROM {raw} k {cell_join('k.lat', 'k.lon', shore_table)}"
    )
    ctx._tables.add(name)
    return name


def haversine_m(lat1: str, lon1: str, lat2: str, lon2: str) -> str:
    """SQL for the great-circle distance in metres between two points (column expressions)."""
    return (
        f"(2 * 6371008.8 * ASIN(SQRT(POWER(SIN(RADIANS({lat2} - {lat1}) / 2), 2)"
        f" + COS(RADIANS({lat1})) * COS(RADIANS({lat2}))"
        f" * POWER(SIN(RADIANS({lon2} - {lon1}) / 2), 2))))"
    )

"""Encounters (ship-to-ship transfers): two vessels within ``max_distance_m`` of each other for at
least ``min_duration_s``, both below ``max_speed_knots``, at least ``min_port_distance_km`` from a
port or anchorage (GFW's encounter event). Close buckets of the same pair within
``merge_gap_s`` form one episode. A vessel's silence of at most ``max_slow_gap_s`` with slow
buckets on both sides and less movement than ``max_speed_knots`` allows is filled with
interpolated buckets (patchy reception, as loitering bridges it).

Scales as a spatial join: resampled positions (10-minute buckets) are keyed by time bucket and
grid cell (``GRID_DEG``, wider than ``max_distance_m``); each point meets only the points of
the same bucket in its own and the 8 neighbouring cells, never all pairs.
"""

from __future__ import annotations

from collections.abc import Mapping

from vigil.detect import geo
from vigil.detect.context import (
    Context,
    VesselFacts,
    dprk_flagged,
    line,
    track_evidence,
    utc,
    vessel,
)
from vigil.detect.engine import sql
from vigil.detect.params import EncounterParams, as_dict
from vigil.detect.resample import buckets, haversine_m
from vigil.findings.model import Evidence, Finding

# Version 2: silences of a vessel that stayed put are filled (FILL_SQL).
NAME, VERSION = "encounter", "2"
GRID_DEG = 0.02  # >= 1.1 km north-south, >= 500 m east-west up to 63 degrees of latitude

# Slow buckets away from shore first (few), then those near a port are dropped (an anti-join).
CAND_SQL = """
WITH slow AS (
  SELECT mmsi, b, lat, lon, t0, t1, filled FROM enc_buckets
  WHERE sog_knots < {max_speed} AND km >= {min_shore_km}
)
SELECT k.mmsi, k.b, k.lat, k.lon, k.t0, k.t1, k.filled,
       CAST(FLOOR(k.lat / {grid}) AS BIGINT) AS gy, CAST(FLOOR(k.lon / {grid}) AS BIGINT) AS gx
FROM slow k
LEFT JOIN (
  SELECT DISTINCT k2.mmsi, k2.b FROM slow k2 CROSS JOIN ports p WHERE {port_dist} < {port_m}
) near ON near.mmsi = k.mmsi AND near.b = k.b
WHERE near.mmsi IS NULL
"""

# A silence of a slow vessel that stayed put (slow buckets on both sides, moved less than
# max_speed over it, at most max_slow_gap_s) is filled with interpolated buckets, as loitering
# bridges it: satellite passes hours apart would otherwise cut a transfer into short pieces.
FILL_SQL = """
SELECT f.mmsi, f.b + s.k AS b, f.lat + (f.nlat - f.lat) * s.k / (f.nb - f.b) AS lat,
       f.lon + (f.nlon - f.lon) * s.k / (f.nb - f.b) AS lon, (f.sog_knots + f.nsog) / 2 AS sog_knots,
       LEAST(f.km, f.nkm) AS km, (f.b + s.k) * {bucket_s} AS t0, (f.b + s.k) * {bucket_s} AS t1,
       1 AS filled
FROM (
  SELECT * FROM (
    SELECT mmsi, b, lat, lon, sog_knots, km, t1, LEAD(b) OVER w AS nb, LEAD(lat) OVER w AS nlat,
           LEAD(lon) OVER w AS nlon, LEAD(sog_knots) OVER w AS nsog, LEAD(km) OVER w AS nkm,
           LEAD(t0) OVER w AS nt0
    FROM {table} WINDOW w AS (PARTITION BY mmsi ORDER BY b)
  ) l
  WHERE sog_knots < {max_speed} AND nsog < {max_speed} AND nb - b > 1
    AND (nb - b) * {bucket_s} <= {max_slow_gap_s}
    AND {dist} < {max_speed} * 0.514444 * (nt0 - t1)
) f JOIN steps s ON s.k BETWEEN 1 AND f.nb - f.b - 1
"""
BUCKETS_SQL = """
SELECT mmsi, b, lat, lon, sog_knots, km, t0, t1, 0 AS filled FROM {table}
UNION ALL SELECT * FROM enc_fill
"""

# Each candidate is copied into its 9 neighbouring cells first, so the pair join is a plain
# equi-join on (bucket, cell) that both engines hash (joining on a.gy + nb.dy is not).
SPREAD_SQL = """
SELECT a.mmsi, a.b, a.lat, a.lon, a.filled, a.gy + nb.dy AS gy, a.gx + nb.dx AS gx
FROM enc_cand a CROSS JOIN nb
"""
PAIRS_SQL = """
SELECT a.mmsi AS m1, c.mmsi AS m2, a.b AS b, {dist} AS distance_m,
       (a.lat + c.lat) / 2 AS lat, (a.lon + c.lon) / 2 AS lon,
       GREATEST(a.filled, c.filled) AS filled
FROM enc_spread a JOIN enc_cand c ON c.b = a.b AND c.gy = a.gy AND c.gx = a.gx
WHERE a.mmsi < c.mmsi AND {dist} <= {max_distance_m}
"""

EPISODES_SQL = """
SELECT m1, m2, grp, MIN(b) AS b0, MAX(b) AS b1, COUNT(*) AS close_buckets,
       ROUND(AVG(lat), 5) AS lat, ROUND(AVG(lon), 5) AS lon, ROUND(MIN(distance_m), 1) AS min_m,
       SUM(filled) AS filled_buckets
FROM (
  SELECT *, SUM(CASE WHEN prev_b IS NULL OR b - prev_b > {merge_buckets} THEN 1 ELSE 0 END)
            OVER (PARTITION BY m1, m2 ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            AS grp
  FROM (SELECT *, LAG(b) OVER (PARTITION BY m1, m2 ORDER BY b) AS prev_b FROM enc_pairs) l
) g
GROUP BY m1, m2, grp
HAVING (MAX(b) - MIN(b) + 1) * {bucket_s} >= {min_duration_s}
"""

DARK_SQL = """
SELECT mmsi, prev_t, t_s FROM pos_lag WHERE mmsi IN ({mmsis}) AND t_s - prev_t >= {min_gap_s}
"""


def _candidates(ctx: Context, p: EncounterParams) -> None:
    ports = [(x.name, x.lat, x.lon) for x in geo.ports_and_anchorages()]
    ctx.engine.put("ports", [("name", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE")], ports)
    offsets = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
    ctx.engine.put("nb", [("dy", "BIGINT"), ("dx", "BIGINT")], offsets)
    table = buckets(ctx, p.bucket_s)
    steps = p.max_slow_gap_s // p.bucket_s
    ctx.engine.put("steps", [("k", "BIGINT")], [(k,) for k in range(1, steps + 1)])
    fill = FILL_SQL.replace("{dist}", haversine_m("lat", "lon", "nlat", "nlon"))
    values = {"bucket_s": p.bucket_s, "max_speed": p.max_speed_knots, "table": table}
    ctx.engine.materialize(
        "enc_fill", sql(fill, ctx.engine, max_slow_gap_s=p.max_slow_gap_s, **values)
    )
    ctx.engine.materialize("enc_buckets", sql(BUCKETS_SQL, ctx.engine, table=table))
    cand = CAND_SQL.replace("{port_dist}", haversine_m("k2.lat", "k2.lon", "p.lat", "p.lon"))
    text = sql(
        cand,
        ctx.engine,
        grid=GRID_DEG,
        max_speed=p.max_speed_knots,
        port_m=p.min_port_distance_km * 1000,
        min_shore_km=p.min_shore_km,
    )
    ctx.engine.materialize("enc_cand", text)
    ctx.engine.materialize("enc_spread", SPREAD_SQL)
    pairs = sql(
        PAIRS_SQL.replace("{dist}", haversine_m("a.lat", "a.lon", "c.lat", "c.lon")),
        ctx.engine,
        max_distance_m=p.max_distance_m,
    )
    ctx.engine.materialize("enc_pairs", pairs)


def episodes(ctx: Context, p: EncounterParams) -> list[tuple[int, ...]]:
    """(m1, m2, grp, b0, b1, close_buckets, lat, lon, min_m, filled_buckets) per episode,
    ordered."""
    _candidates(ctx, p)
    text = sql(
        EPISODES_SQL,
        ctx.engine,
        merge_buckets=p.merge_gap_s // p.bucket_s,
        bucket_s=p.bucket_s,
        min_duration_s=p.min_duration_s,
    )
    return sorted(ctx.engine.query(text), key=lambda r: (int(r[3]), int(r[0]), int(r[1])))


def _dark(ctx: Context, p: EncounterParams, mmsis: set[int]) -> dict[int, list[tuple[int, int]]]:
    if not mmsis:
        return {}
    ctx.lagged()
    text = sql(DARK_SQL, ctx.engine, min_gap_s=p.dark_min_gap_s, mmsis=sorted(mmsis))
    out: dict[int, list[tuple[int, int]]] = {}
    for mmsi, t0, t1 in ctx.engine.query(text):
        out.setdefault(int(mmsi), []).append((int(t0), int(t1)))
    return out


def detect(ctx: Context, p: EncounterParams) -> list[Finding]:
    """One finding per encounter episode, priority raised by DPRK flag, designation, tanker, dark."""
    rows = episodes(ctx, p)
    spans = [(int(r[3]) * p.bucket_s, (int(r[4]) + 1) * p.bucket_s - 1) for r in rows]
    eps = []
    for i, (r, (t0, t1)) in enumerate(zip(rows, spans, strict=True)):
        eps += [(2 * i, int(r[0]), t0, t1), (2 * i + 1, int(r[1]), t0, t1)]
    evidence = ctx.tracks(eps)
    dark = _dark(ctx, p, {int(r[0]) for r in rows} | {int(r[1]) for r in rows})
    facts = ctx.facts()
    out = []
    for i, (r, (t0, t1)) in enumerate(zip(rows, spans, strict=True)):
        m1, m2, _g, _b0, _b1, close, lat, lon, min_m, filled = r
        hours = (t1 + 1 - t0) / 3600
        reasons = [
            f"within {p.max_distance_m:g} m (closest {min_m} m) for {close * p.bucket_s / 3600:.1f} h"
            f" of a {hours:.1f} h episode, both below {p.max_speed_knots:g} kn"
            + (
                f" ({int(filled) * p.bucket_s / 3600:.1f} h of it interpolated across a silence"
                " of a vessel that stayed put)"
                if filled
                else ""
            ),
            f">= {p.min_port_distance_km:g} km from listed ports and anchorages",
        ]
        reasons += _priority(int(m1), int(m2), t0, t1, facts, dark, p)
        ev: list[Evidence] = []
        for j, m in ((2 * i, int(m1)), (2 * i + 1, int(m2))):
            ev += track_evidence(evidence.get(j), m)
        out.append(
            Finding(
                kind="encounter",
                start=utc(t0),
                end=utc(t1),
                subjects=(
                    vessel(int(m1), "party", facts.get(int(m1))),
                    vessel(int(m2), "party", facts.get(int(m2))),
                ),
                evidence=tuple(ev),
                confidence=round(min(0.95, 0.6 + 0.1 * (len(reasons) - 2)), 2),
                reasons=tuple(reasons),
                detector=NAME,
                detector_version=VERSION,
                parameters=as_dict(p),
                geometry=line([(lat, lon)]),
                summary=f"MMSI {m1} and {m2} together {hours:.1f} h at {lat:.3f}, {lon:.3f}",
            )
        )
    return out


def _priority(
    m1: int,
    m2: int,
    t0: int,
    t1: int,
    facts: Mapping[int, VesselFacts],
    dark: dict[int, list[tuple[int, int]]],
    p: EncounterParams,
) -> list[str]:
    reasons = []
    for m in (m1, m2):
        vf = facts.get(m)
        if dprk_flagged(m, vf):
            reasons.append(f"MMSI {m} is DPRK-flagged")
        if vf and vf.register_ids:
            reasons.append(f"MMSI {m} is designated ({', '.join(sorted(vf.register_ids))})")
        if vf and vf.tanker():
            reasons.append(f"MMSI {m} is a tanker (AIS ship type 80-89)")
        for g0, g1 in dark.get(m, []):
            if (
                t0 - p.dark_window_s <= g1 <= t0 + p.dark_window_s
                or t1 - p.dark_window_s <= g0 <= t1 + p.dark_window_s
            ):
                reasons.append(f"MMSI {m} went dark {(g1 - g0) / 3600:.1f} h around the encounter")
                break
    return reasons

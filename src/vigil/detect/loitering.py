"""Loitering: one vessel below ``max_speed_knots`` for at least ``min_duration_s`` at least
``min_shore_km`` from shore (GFW's loitering event): the signature of a tanker waiting for a
transfer. Runs on the positions themselves; a faster report or a silence longer than
``max_unseen_s`` ends an episode. Under sparse (satellite) reception the first and last slow
reports can be an hour inside the true stop, so an episode's edges are dated from the
neighbouring moving reports: arrival = last moving report + its distance / its speed.
"""

from __future__ import annotations

from vigil.detect.context import Context, cell_join, dprk_flagged, line, position_evidence, utc, vessel
from vigil.detect.engine import sql
from vigil.detect.params import LoiteringParams, as_dict
from vigil.detect.resample import haversine_m
from vigil.findings.model import Finding

NAME, VERSION = "loitering", "1"

EPISODES_SQL = """
SELECT mmsi, grp, MIN(est_t0) AS start_s, MAX(est_t1) AS end_s, SUM(n) AS n,
       ROUND(AVG(lat), 5) AS lat, ROUND(AVG(lon), 5) AS lon, MIN(km) AS min_km, MIN(t0) AS seen_t0,
       MAX(t1) AS seen_t1
FROM (
  SELECT *, SUM(CASE WHEN slow = 1 AND (prev_slow IS NULL OR prev_slow = 0
                                        OR t0 - prev_t1 > {max_unseen_s}) THEN 1 ELSE 0 END)
            OVER (PARTITION BY mmsi ORDER BY t0, b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            AS grp,
         CASE WHEN prev_slow = 0 AND t0 - prev_t1 <= {max_unseen_s} AND prev_sog >= {min_edge_knots}
              THEN GREATEST(prev_t1, t0 - CAST({dist_prev} / (prev_sog * 0.514444) AS BIGINT))
              ELSE t0 END AS est_t0,
         CASE WHEN next_slow = 0 AND next_t0 - t1 <= {max_unseen_s} AND next_sog >= {min_edge_knots}
              THEN LEAST(next_t0, t1 + CAST({dist_next} / (next_sog * 0.514444) AS BIGINT))
              ELSE t1 END AS est_t1
  FROM (
    SELECT *, LAG(slow) OVER w AS prev_slow, LAG(t1) OVER w AS prev_t1,
           LAG(lat) OVER w AS prev_lat, LAG(lon) OVER w AS prev_lon,
           LAG(sog_knots) OVER w AS prev_sog, LEAD(slow) OVER w AS next_slow,
           LEAD(t0) OVER w AS next_t0, LEAD(lat) OVER w AS next_lat, LEAD(lon) OVER w AS next_lon,
           LEAD(sog_knots) OVER w AS next_sog
    FROM (
      SELECT p.mmsi, p.position_id AS b, p.lat, p.lon, p.sog_knots, p.t_s AS t0, p.t_s AS t1,
             1 AS n, s.km,
             CASE WHEN p.sog_knots < {max_speed} AND s.km >= {min_shore_km} THEN 1 ELSE 0 END AS slow
      FROM pos p {shore_join}
    ) flagged
    WINDOW w AS (PARTITION BY mmsi ORDER BY t0, b)
  ) lagged
) grouped
WHERE slow = 1
GROUP BY mmsi, grp
HAVING MAX(est_t1) - MIN(est_t0) >= {min_duration_s}
"""
MIN_EDGE_KNOTS = 2.0  # a neighbouring report this fast dates the arrival or departure


def detect(ctx: Context, p: LoiteringParams) -> list[Finding]:
    """One finding per loitering episode."""
    shore_join = cell_join("p.lat", "p.lon", ctx.shore_cells("pos"))
    text = EPISODES_SQL.replace("{shore_join}", shore_join)
    text = text.replace("{dist_prev}", haversine_m("prev_lat", "prev_lon", "lat", "lon"))
    text = text.replace("{dist_next}", haversine_m("lat", "lon", "next_lat", "next_lon"))
    text = sql(
        text, ctx.engine, min_edge_knots=MIN_EDGE_KNOTS, max_unseen_s=p.max_unseen_s, max_speed=p.max_speed_knots,
        min_shore_km=p.min_shore_km, min_duration_s=p.min_duration_s,
    )
    rows = sorted(ctx.engine.query(text), key=lambda r: (int(r[0]), int(r[2])))
    episodes = [(i, int(r[0]), int(r[8]), int(r[9])) for i, r in enumerate(rows)]
    evidence = ctx.evidence(episodes)
    facts = ctx.facts()
    out = []
    for i, (mmsi, _grp, start_s, end_s, n, lat, lon, min_km, seen_t0, seen_t1) in enumerate(rows):
        f = facts.get(int(mmsi))
        hours = (end_s - start_s) / 3600
        reasons = [
            f"below {p.max_speed_knots:g} kn for {hours:.1f} h (>= {p.min_duration_s / 3600:g} h)",
            f"at least {min_km} km from shore (>= {p.min_shore_km:.0f} km)",
        ]
        if (seen_t0, seen_t1) != (start_s, end_s):
            reasons.append(
                f"slow reports span {(seen_t1 - seen_t0) / 3600:.1f} h; arrival and departure dated"
                " from the neighbouring moving reports (distance / their speed)"
            )
        confidence = 0.7
        if f and f.tanker():
            reasons.append("tanker (AIS ship type 80-89)")
            confidence += 0.1
        if dprk_flagged(int(mmsi), f):
            reasons.append("DPRK-flagged vessel")
            confidence += 0.1
        out.append(
            Finding(
                kind="loitering",
                start=utc(start_s),
                end=utc(end_s),
                subjects=(vessel(int(mmsi), facts=f),),
                evidence=tuple(position_evidence(evidence.get(i, []), int(mmsi))),
                confidence=round(min(confidence, 0.95), 2),
                reasons=tuple(reasons),
                detector=NAME,
                detector_version=VERSION,
                parameters=as_dict(p),
                geometry=line([(lat, lon)]),
                summary=f"MMSI {mmsi} loitered {hours:.1f} h at {lat:.3f}, {lon:.3f} ({n} positions)",
            )
        )
    return out

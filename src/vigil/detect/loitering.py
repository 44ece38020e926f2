"""Loitering: one vessel below ``max_speed_knots`` for at least ``min_duration_s`` at least
``min_shore_km`` from shore (GFW's loitering event): the signature of a tanker waiting for a
transfer. Runs on the positions themselves; a faster report or a silence longer than
``max_unseen_s`` ends an episode. Under sparse (satellite) reception the first and last slow
reports can be an hour inside the true stop, so an episode's edges are dated from the
neighbouring moving reports: arrival = last moving report + its distance / its speed.
"""

from __future__ import annotations

from vigil.detect.context import Context, cell_join, dprk_flagged, line, track_evidence, utc, vessel
from vigil.detect.engine import sql
from vigil.detect.params import LoiteringParams, as_dict
from vigil.detect.resample import haversine_m
from vigil.findings.model import Finding

NAME, VERSION = "loitering", "1"

# Slow reports far from shore, each knowing whether the report before it was slow too.
SLOW_SQL = """
SELECT l.mmsi, l.position_id, l.t_s, l.lat, l.lon, s.km, l.prev_t, l.prev_lat, l.prev_lon,
       l.prev_sog,
       CASE WHEN l.prev_sog < {max_speed} AND s2.km >= {min_shore_km}
            AND l.t_s - l.prev_t <= {max_unseen_s} THEN 1 ELSE 0 END AS prev_slow
FROM pos_lag l {shore_join} {prev_join}
WHERE l.sog_knots < {max_speed} AND s.km >= {min_shore_km}
"""

# Islands of slow reports (a window over the slow reports only), their arrival dated from the
# report before the first (distance / its speed) and departure from the report after the last.
EPISODES_SQL = """
SELECT e.mmsi, e.grp, e.est_t0 AS start_s,
       MIN(CASE WHEN n.sog_knots >= {min_edge_knots} AND n.t_s - e.seen_t1 <= {max_unseen_s}
            THEN LEAST(n.t_s, e.seen_t1 + CAST({dist_next} / (n.sog_knots * 0.514444) AS BIGINT))
            ELSE e.seen_t1 END) AS end_s,
       e.n, e.lat, e.lon, e.min_km, e.seen_t0, e.seen_t1
FROM (
  SELECT mmsi, grp, COUNT(*) AS n, ROUND(AVG(lat), 5) AS lat, ROUND(AVG(lon), 5) AS lon,
         MIN(km) AS min_km, MIN(t_s) AS seen_t0, MAX(t_s) AS seen_t1, MIN(est_t0) AS est_t0
  FROM (
    SELECT *, SUM(1 - prev_slow) OVER (PARTITION BY mmsi ORDER BY t_s, position_id
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS grp,
           CASE WHEN prev_slow = 0 AND prev_sog >= {min_edge_knots}
                     AND t_s - prev_t <= {max_unseen_s}
                THEN GREATEST(prev_t, t_s - CAST({dist_prev} / (prev_sog * 0.514444) AS BIGINT))
                ELSE t_s END AS est_t0
    FROM loit_slow
  ) g GROUP BY mmsi, grp
) e
LEFT JOIN pos_lag n ON n.mmsi = e.mmsi AND n.prev_t = e.seen_t1
GROUP BY e.mmsi, e.grp, e.est_t0, e.n, e.lat, e.lon, e.min_km, e.seen_t0, e.seen_t1
"""
MIN_EDGE_KNOTS = 2.0  # a neighbouring report this fast dates the arrival or departure


def detect(ctx: Context, p: LoiteringParams) -> list[Finding]:
    """One finding per loitering episode."""
    ctx.lagged()
    shore = ctx.shore_cells("pos")
    slow = SLOW_SQL.replace("{shore_join}", cell_join("l.lat", "l.lon", shore))
    slow = slow.replace(
        "{prev_join}",
        cell_join("l.prev_lat", "l.prev_lon", shore)
        .replace(" s ON s.", " s2 ON s2.")
        .replace("AND s.c", "AND s2.c"),
    )
    values = {
        "max_speed": p.max_speed_knots,
        "min_shore_km": p.min_shore_km,
        "max_unseen_s": p.max_unseen_s,
    }
    ctx.engine.materialize("loit_slow", sql(slow, ctx.engine, **values))
    text = EPISODES_SQL.replace("{dist_prev}", haversine_m("prev_lat", "prev_lon", "lat", "lon"))
    text = text.replace("{dist_next}", haversine_m("n.prev_lat", "n.prev_lon", "n.lat", "n.lon"))
    text = sql(text, ctx.engine, min_edge_knots=MIN_EDGE_KNOTS, max_unseen_s=p.max_unseen_s)
    rows = [r for r in ctx.engine.query(text) if int(r[3]) - int(r[2]) >= p.min_duration_s]
    rows = sorted(rows, key=lambda r: (int(r[0]), int(r[2])))
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
                evidence=tuple(track_evidence(evidence.get(i, []), int(mmsi))),
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

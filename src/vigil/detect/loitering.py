"""Loitering: one vessel below ``max_speed_knots`` for at least ``min_duration_s`` at least
``min_shore_km`` from shore (GFW's loitering event): the signature of a tanker waiting for a
transfer. Runs on the positions themselves; a faster report or a silence longer than
``max_unseen_s`` ends an episode, unless the vessel is slow on both sides of a silence of at
most ``max_slow_gap_s`` and moved less than ``max_speed_knots`` over it (patchy reception).
Under sparse (satellite) reception the first and last slow reports can be an hour inside the
true stop, so an episode's edges are dated from the neighbouring moving reports: arrival = the
last moving report's time + the distance from it to the first slow report / its speed (it
sailed that far before stopping); departure = the first moving report's time - the distance
from the last slow report / its speed. Both are clamped to the slow reports, so an estimate
never shortens the observed stop.
"""

from __future__ import annotations

from vigil.detect.context import Context, dprk_flagged, line, track_evidence, utc, vessel
from vigil.detect.engine import sql
from vigil.detect.params import LoiteringParams, as_dict
from vigil.detect.resample import haversine_m
from vigil.findings.model import Finding

# Version 2: the edges are dated the right way round (v1 put the arrival at first slow report -
# travel time and the departure at last slow report + travel time, shortening every episode
# whose edges fall in a reception gap: the one loitering the east-sea scenario missed); a
# silence between slow reports of a vessel that stayed put no longer splits the episode.
NAME, VERSION = "loitering", "2"

# Slow reports far from shore, each knowing whether the report before it was slow too (and
# close enough in time: within max_unseen_s, or within max_slow_gap_s if the vessel moved less
# than max_speed over the silence, so patchy reception does not split a stop).
SLOW_SQL = """
SELECT mmsi, position_id, t_s, lat, lon, km, prev_t, prev_lat, prev_lon, prev_sog,
       CASE WHEN prev_sog < {max_speed} AND prev_km >= {min_shore_km}
            AND (t_s - prev_t <= {max_unseen_s}
                 OR (t_s - prev_t <= {max_slow_gap_s}
                     AND {dist_prev} < {max_speed} * 0.514444 * (t_s - prev_t)))
            THEN 1 ELSE 0 END AS prev_slow
FROM pos_lag WHERE sog_knots < {max_speed} AND km >= {min_shore_km}
"""

# Islands of slow reports (a window over the slow reports only), their arrival dated from the
# report before the first (distance / its speed) and departure from the report after the last.
EPISODES_SQL = """
SELECT e.mmsi, e.grp, e.est_t0 AS start_s,
       MIN(CASE WHEN n.sog_knots >= {min_edge_knots} AND n.t_s - e.seen_t1 <= {max_unseen_s}
            THEN GREATEST(e.seen_t1, n.t_s - CAST({dist_next} / (n.sog_knots * 0.514444) AS BIGINT))
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
                THEN LEAST(t_s, prev_t + CAST({dist_prev} / (prev_sog * 0.514444) AS BIGINT))
                ELSE t_s END AS est_t0
    FROM loit_slow
  ) g GROUP BY mmsi, grp
) e
LEFT JOIN (
  SELECT mmsi, t_s, sog_knots, lat, lon, prev_t, prev_lat, prev_lon FROM pos_lag
  WHERE prev_sog < {max_speed}
) n ON n.mmsi = e.mmsi AND n.prev_t = e.seen_t1
GROUP BY e.mmsi, e.grp, e.est_t0, e.n, e.lat, e.lon, e.min_km, e.seen_t0, e.seen_t1
"""
MIN_EDGE_KNOTS = 2.0  # a neighbouring report this fast dates the arrival or departure


def detect(ctx: Context, p: LoiteringParams) -> list[Finding]:
    """One finding per loitering episode."""
    ctx.lagged()
    values = {
        "max_speed": p.max_speed_knots,
        "min_shore_km": p.min_shore_km,
        "max_unseen_s": p.max_unseen_s,
        "max_slow_gap_s": p.max_slow_gap_s,
    }
    slow = SLOW_SQL.replace("{dist_prev}", haversine_m("prev_lat", "prev_lon", "lat", "lon"))
    ctx.engine.materialize("loit_slow", sql(slow, ctx.engine, **values))
    text = EPISODES_SQL.replace("{dist_prev}", haversine_m("prev_lat", "prev_lon", "lat", "lon"))
    text = text.replace("{dist_next}", haversine_m("n.prev_lat", "n.prev_lon", "n.lat", "n.lon"))
    text = sql(
        text,
        ctx.engine,
        min_edge_knots=MIN_EDGE_KNOTS,
        max_unseen_s=p.max_unseen_s,
        max_speed=p.max_speed_knots,
    )
    rows = [r for r in ctx.engine.query(text) if int(r[3]) - int(r[2]) >= p.min_duration_s]
    rows = sorted(rows, key=lambda r: (int(r[0]), int(r[2])))
    episodes = [(i, int(r[0]), int(r[8]), int(r[9])) for i, r in enumerate(rows)]
    evidence = ctx.tracks(episodes)
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
                evidence=tuple(track_evidence(evidence.get(i), int(mmsi))),
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

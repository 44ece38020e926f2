"""Loitering: one vessel below ``max_speed_knots`` for at least ``min_duration_s`` at least
``min_shore_km`` from shore (GFW's loitering event): the signature of a tanker waiting for a
transfer. Runs on the 10-minute resampled track; a faster bucket or a silence longer than
``max_unseen_s`` ends an episode.
"""

from __future__ import annotations

from vigil.detect.context import Context, dprk_flagged, line, position_evidence, utc, vessel
from vigil.detect.engine import sql
from vigil.detect.params import LoiteringParams, as_dict
from vigil.detect.resample import buckets
from vigil.findings.model import Finding

NAME, VERSION = "loitering", "1"

EPISODES_SQL = """
SELECT mmsi, grp, MIN(t0) AS start_s, MAX(t1) AS end_s, SUM(n) AS n, ROUND(AVG(lat), 5) AS lat,
       ROUND(AVG(lon), 5) AS lon, MIN(km) AS min_km, MAX(sog_knots) AS max_sog
FROM (
  SELECT *, SUM(CASE WHEN slow = 1 AND (prev_slow IS NULL OR prev_slow = 0
                                        OR t0 - prev_t1 > {max_unseen_s}) THEN 1 ELSE 0 END)
            OVER (PARTITION BY mmsi ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            AS grp
  FROM (
    SELECT *, LAG(slow) OVER (PARTITION BY mmsi ORDER BY b) AS prev_slow,
           LAG(t1) OVER (PARTITION BY mmsi ORDER BY b) AS prev_t1
    FROM (
      SELECT mmsi, b, lat, lon, sog_knots, t0, t1, n, km,
             CASE WHEN sog_knots < {max_speed} AND km >= {min_shore_km} THEN 1 ELSE 0 END AS slow
      FROM {table}
    ) flagged
  ) lagged
) grouped
WHERE slow = 1
GROUP BY mmsi, grp
HAVING MAX(t1) - MIN(t0) >= {min_duration_s}
"""


def detect(ctx: Context, p: LoiteringParams) -> list[Finding]:
    """One finding per loitering episode."""
    table = buckets(ctx, p.bucket_s)
    text = sql(
        EPISODES_SQL, ctx.engine, max_unseen_s=p.max_unseen_s, max_speed=p.max_speed_knots,
        min_shore_km=p.min_shore_km, min_duration_s=p.min_duration_s, table=table,
    )
    rows = sorted(ctx.engine.query(text), key=lambda r: (int(r[0]), int(r[2])))
    episodes = [(i, int(r[0]), int(r[2]), int(r[3])) for i, r in enumerate(rows)]
    evidence = ctx.evidence(episodes)
    facts = ctx.facts()
    out = []
    for i, (mmsi, _grp, start_s, end_s, n, lat, lon, min_km, max_sog) in enumerate(rows):
        f = facts.get(int(mmsi))
        hours = (end_s - start_s) / 3600
        reasons = [
            f"below {p.max_speed_knots:g} kn for {hours:.1f} h (>= {p.min_duration_s / 3600:g} h)",
            f"at least {min_km} km from shore (>= {p.min_shore_km:.0f} km)",
        ]
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

"""Entries into DPRK-claimed waters: the East Sea EEZ and military zone (Marine Regions / GFW) and
the project's West Sea approximation (``data/west_sea.geojson``, see PROVENANCE.md). Positions are
matched by grid cell; consecutive in-zone positions of a vessel within ``merge_gap_s`` form one
visit.
"""

from __future__ import annotations

from typing import Any

from vigil.detect import geo
from vigil.detect.context import Context, dprk_flagged, line, position_evidence, utc, vessel
from vigil.detect.engine import sql
from vigil.detect.params import DprkWatersParams, as_dict
from vigil.detect.shore import CELL_DEG
from vigil.findings.model import Finding

NAME, VERSION = "dprk_waters", "1"

VISITS_SQL = """
SELECT mmsi, grp, MIN(t_s) AS start_s, MAX(t_s) AS end_s, COUNT(*) AS n,
       MIN(zone) AS zone, MAX(zone) AS zone2, MIN(entered) AS entered
FROM (
  SELECT *, SUM(CASE WHEN prev_t IS NULL OR t_s - prev_t > {merge_gap_s} THEN 1 ELSE 0 END)
            OVER (PARTITION BY mmsi ORDER BY t_s, position_id
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS grp
  FROM (
    SELECT *, LAG(t_s) OVER (PARTITION BY mmsi ORDER BY t_s, position_id) AS prev_t FROM zone_pos
  ) l
) g
GROUP BY mmsi, grp HAVING COUNT(*) >= {min_positions}
"""

ZONE_POS_SQL = """
SELECT p.mmsi, p.position_id, p.t_s, z.zone, 0 AS entered FROM pos p
JOIN zone_cells z ON z.r = CAST(FLOOR((90.0 - p.lat) / {cell}) AS BIGINT)
                 AND z.c = CAST(FLOOR((p.lon + 180.0) / {cell}) AS BIGINT)
"""


def detect(ctx: Context, p: DprkWatersParams) -> list[Finding]:
    """One finding per visit to DPRK-claimed waters."""
    cells = [(r, c, z) for r, c, z in geo.zone_cells()]
    ctx.engine.put("zone_cells_all", [("r", "BIGINT"), ("c", "BIGINT"), ("zone", "VARCHAR")], cells)
    ctx.engine.materialize(
        "zone_cells", "SELECT r, c, MIN(zone) AS zone FROM zone_cells_all GROUP BY r, c"
    )
    ctx.engine.materialize("zone_pos", sql(ZONE_POS_SQL, ctx.engine, cell=CELL_DEG))
    rows = ctx.engine.query(
        sql(VISITS_SQL, ctx.engine, merge_gap_s=p.merge_gap_s, min_positions=p.min_positions)
    )
    rows = sorted(rows, key=lambda r: (int(r[0]), int(r[2])))
    # Evidence: the first and last in-zone positions of each visit (a visit can hold thousands).
    ends = [
        (2 * i + k, int(r[0]), int(r[2 + k]), int(r[2 + k]))
        for i, r in enumerate(rows)
        for k in (0, 1)
    ]
    evidence = ctx.evidence(ends)
    return [
        _finding(ctx, r, evidence.get(2 * i, [])[:1] + evidence.get(2 * i + 1, [])[-1:], p)
        for i, r in enumerate(rows)
    ]


def _finding(
    ctx: Context, r: tuple[Any, ...], ev_rows: list[tuple[Any, ...]], p: DprkWatersParams
) -> Finding:
    mmsi, _grp, start_s, end_s, n, zone, _zone2, _entered = r
    f = ctx.facts().get(int(mmsi))
    hours = (int(end_s) - int(start_s)) / 3600
    reasons = [
        f"{n} positions in {zone.replace('_', ' ')} over {hours:.1f} h (first and last cited)"
    ]
    confidence = 0.7 if zone == "west_sea_approx" else 0.85  # the West Sea zone is approximate
    if dprk_flagged(int(mmsi), f):
        reasons.append("DPRK-flagged vessel (expected in its own waters)")
        confidence -= 0.3
    first = ev_rows[0] if ev_rows else None
    return Finding(
        kind="dprk_waters",
        start=utc(start_s),
        end=utc(end_s),
        subjects=(vessel(int(mmsi), facts=f),),
        evidence=tuple(position_evidence(ev_rows, int(mmsi))),
        confidence=round(confidence, 2),
        reasons=tuple(reasons),
        detector=NAME,
        detector_version=VERSION,
        parameters=as_dict(p),
        geometry=line([(float(first[3]), float(first[4]))]) if first else None,
        summary=f"MMSI {mmsi} in DPRK-claimed waters ({zone}) for {hours:.1f} h",
    )

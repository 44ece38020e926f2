"""Entries into DPRK-claimed waters: the East Sea EEZ and military zone (Marine Regions / GFW) and
the project's West Sea approximation (``data/west_sea.geojson``, see PROVENANCE.md). Positions are
matched by grid cell, and those in cells on a zone's boundary by an exact point-in-polygon test;
consecutive in-zone positions of a vessel within ``merge_gap_s`` form one visit.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from vigil.detect import geo
from vigil.detect.context import Context, dprk_flagged, line, position_evidence, utc, vessel
from vigil.detect.engine import sql
from vigil.detect.params import DprkWatersParams, as_dict
from vigil.detect.shore import CELL_DEG
from vigil.findings.model import Finding

# Version 2: positions in cells on a zone's boundary are tested exactly (v1 took whole cells
# whose centre lay inside, flagging ships that passed just outside).
NAME, VERSION = "dprk_waters", "2"

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
SELECT p.mmsi, p.position_id, p.t_s, p.lat, p.lon, z.zone, z.edge, 0 AS entered FROM pos p
JOIN zone_cells z ON z.r = CAST(FLOOR((90.0 - p.lat) / {cell}) AS BIGINT)
                 AND z.c = CAST(FLOOR((p.lon + 180.0) / {cell}) AS BIGINT)
"""


def detect(ctx: Context, p: DprkWatersParams) -> list[Finding]:
    """One finding per visit to DPRK-claimed waters."""
    columns = [("r", "BIGINT"), ("c", "BIGINT"), ("zone", "VARCHAR"), ("edge", "INTEGER")]
    ctx.engine.put("zone_cells_all", columns, list(geo.zone_cells()))
    ctx.engine.materialize(
        "zone_cells",
        "SELECT r, c, MIN(zone) AS zone, MIN(edge) AS edge FROM zone_cells_all GROUP BY r, c",
    )
    ctx.engine.materialize("zone_pos_cells", sql(ZONE_POS_SQL, ctx.engine, cell=CELL_DEG))
    _drop_outside(ctx)
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


def _drop_outside(ctx: Context) -> None:
    """``zone_pos``: the positions of zone cells, less those of edge cells that an exact
    point-in-polygon test puts outside every zone (few: edge cells are a thin band)."""
    edge = ctx.engine.query("SELECT position_id, lat, lon FROM zone_pos_cells WHERE edge = 1")
    out: list[tuple[int]] = []
    if edge:
        arr = np.asarray([(r[1], r[2]) for r in edge], dtype=np.float64)
        keep = geo.in_any_zone(arr[:, 0], arr[:, 1])
        out = [(int(r[0]),) for r, k in zip(edge, keep.tolist(), strict=True) if not k]
    ctx.engine.put("zone_outside", [("position_id", "BIGINT")], out)
    ctx.engine.materialize(
        "zone_pos",
        "SELECT mmsi, position_id, t_s, zone, entered FROM zone_pos_cells"
        " WHERE position_id NOT IN (SELECT position_id FROM zone_outside)",
    )


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

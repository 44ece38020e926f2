"""AIS gaps: no positions from a vessel for at least ``min_gap_s``.

Reports where the vessel went dark and where it reappeared, the distance between them and the
implied speed. A gap is flagged as likely intentional when reception was good before it, it
started far from shore, or it is near DPRK waters (after GFW's AIS-disabling model).
"""

from __future__ import annotations

from typing import Any

from vigil.detect.context import (
    Context,
    cell_join,
    dprk_flagged,
    line,
    position_evidence,
    utc,
    vessel,
)
from vigil.detect.engine import sql
from vigil.detect.geo import distance_to_dprk_km, haversine_km
from vigil.detect.params import GapParams, as_dict
from vigil.findings.model import Finding

NAME, VERSION = "ais_gap", "1"

GAPS_SQL = """
SELECT mmsi, prev_id, prev_raw, prev_t, prev_lat, prev_lon, position_id, raw_id, t_s, lat, lon
FROM pos_lag WHERE t_s - prev_t >= {min_gap_s}
"""

# Reception before each gap: positions of the vessel in the window before it went dark.
BEFORE_SQL = """
SELECT g.mmsi, g.prev_t, COUNT(p.position_id) AS n_before FROM gaps_raw g
LEFT JOIN pos p ON p.mmsi = g.mmsi AND p.t_s BETWEEN g.prev_t - {window_s} AND g.prev_t
GROUP BY g.mmsi, g.prev_t
"""

SHORE_SQL = "SELECT g.*, s.km FROM gaps g {join}"


def find_gaps(ctx: Context, p: GapParams, min_gap_s: int | None = None) -> list[tuple[Any, ...]]:
    """Gap rows (see GAPS_SQL) with the shore distance of the start point, ordered."""
    ctx.lagged()
    ctx.engine.materialize(
        "gaps_raw", sql(GAPS_SQL, ctx.engine, min_gap_s=min_gap_s or p.min_gap_s)
    )
    ctx.engine.materialize(
        "gaps_before", sql(BEFORE_SQL, ctx.engine, window_s=p.reception_window_s)
    )
    ctx.engine.materialize(
        "gaps",
        "SELECT g.*, b.n_before FROM gaps_raw g JOIN gaps_before b ON b.mmsi = g.mmsi AND b.prev_t = g.prev_t",
    )
    ctx.engine.materialize("gaps_start", "SELECT prev_lat AS lat, prev_lon AS lon FROM gaps")
    table = ctx.shore_cells("gaps_start")
    rows = ctx.engine.query(SHORE_SQL.format(join=cell_join("g.prev_lat", "g.prev_lon", table)))
    return sorted(rows, key=lambda r: (int(r[0]), int(r[3])))


def detect(ctx: Context, p: GapParams) -> list[Finding]:
    """One finding per gap."""
    facts = ctx.facts()
    out = []
    for (
        mmsi,
        pid0,
        rid0,
        t0,
        lat0,
        lon0,
        pid1,
        rid1,
        t1,
        lat1,
        lon1,
        n_before,
        shore_km,
    ) in find_gaps(ctx, p):
        distance_km = haversine_km(lat0, lon0, lat1, lon1)
        hours = (t1 - t0) / 3600
        speed_knots = distance_km / 1.852 / hours
        reasons = [f"no positions for {hours:.1f} h (>= {p.min_gap_s / 3600:g} h)"]
        signals = 0
        if (n_before or 0) >= p.min_positions_before:
            signals += 1
            reasons.append(
                f"good reception before: {n_before} positions in the {p.reception_window_s / 3600:g} h before"
            )
        if shore_km is not None and shore_km >= p.far_from_shore_km:
            signals += 1
            reasons.append(f"went dark {shore_km} km from shore (>= {p.far_from_shore_km:.0f} km)")
        near = min(distance_to_dprk_km(lat0, lon0), distance_to_dprk_km(lat1, lon1))
        if near <= p.near_dprk_km:
            signals += 1
            reasons.append(f"{near:.0f} km from DPRK-claimed waters (<= {p.near_dprk_km:g} km)")
        intentional = signals >= 2 or near <= p.near_dprk_km
        reasons.append("likely intentional" if intentional else "may be poor reception")
        f = facts.get(int(mmsi))
        if dprk_flagged(int(mmsi), f):
            reasons.append("DPRK-flagged vessel")
        rows = [(pid0, rid0, t0, lat0, lon0), (pid1, rid1, t1, lat1, lon1)]
        out.append(
            Finding(
                kind="ais_gap",
                start=utc(t0),
                end=utc(t1),
                subjects=(vessel(int(mmsi), facts=f),),
                evidence=tuple(position_evidence(rows, int(mmsi))),
                confidence=min(0.95, 0.4 + 0.15 * signals + (0.1 if near <= p.near_dprk_km else 0)),
                reasons=tuple(reasons),
                detector=NAME,
                detector_version=VERSION,
                parameters=as_dict(p),
                geometry=line([(lat0, lon0), (lat1, lon1)]),
                summary=(
                    f"MMSI {mmsi} dark {hours:.1f} h, reappeared {distance_km:.1f} km away "
                    f"(implied {speed_knots:.1f} kn){'; likely intentional' if intentional else ''}"
                ),
            )
        )
    return out

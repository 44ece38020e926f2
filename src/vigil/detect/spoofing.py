"""Spoofing: implausible jumps (implied speed over ``max_speed_knots``), one MMSI in two places
at once (many back-and-forth jumps), and positions on land (``min_inland_km`` inland on the
packaged shore grid, away from listed ports, which may lie up rivers the mask calls land). Jumps of one MMSI within ``merge_gap_s`` form one episode.
"""

from __future__ import annotations

from typing import Any

from vigil.detect import geo
from vigil.detect.context import Context, line, position_evidence, utc, vessel
from vigil.detect.engine import sql
from vigil.detect.params import SpoofingParams, as_dict
from vigil.detect.resample import haversine_m
from vigil.findings.model import Finding

NAME, VERSION = "spoofing", "1"

JUMPS_SQL = """
SELECT mmsi, prev_id, prev_raw, prev_t, prev_lat, prev_lon, position_id, raw_id, t_s, lat, lon,
       jump_m / 1000.0 AS jump_km
FROM (
  SELECT *, {dist} AS jump_m FROM pos_lag g
  WHERE prev_t IS NOT NULL
    AND ABS(lat - prev_lat) + ABS(lon - prev_lon) * COS(RADIANS(lat)) >= {min_jump_deg}
) d
WHERE jump_m >= {min_jump_m} AND jump_m / 1852.0 > {max_speed} * (CAST(t_s - prev_t AS DOUBLE) / 3600.0)
"""

LAND_SQL = """
SELECT mmsi, position_id, raw_id, t_s, lat, lon, km FROM pos_lag WHERE km <= -{min_inland_km}
"""


def _episodes(rows: list[tuple[Any, ...]], merge_gap_s: int) -> list[list[tuple[Any, ...]]]:
    """Group rows (mmsi first, time at ``t``) of one MMSI whose times lie within the gap."""
    groups: list[list[tuple[Any, ...]]] = []
    for row in rows:
        if groups and groups[-1][0][0] == row[0] and row[1] - groups[-1][-1][1] <= merge_gap_s:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def detect(ctx: Context, p: SpoofingParams) -> list[Finding]:
    """Jump episodes (implausible jump or shared MMSI) and on-land episodes."""
    dist = haversine_m("prev_lat", "prev_lon", "lat", "lon")
    ctx.lagged()
    jumps = ctx.engine.query(
        sql(
            JUMPS_SQL.replace("{dist}", dist),
            ctx.engine,
            min_jump_m=p.min_jump_km * 1000,
            max_speed=p.max_speed_knots,
            min_jump_deg=p.min_jump_km / 111.32 / 1.5,
        )
    )
    keyed = sorted(((int(r[0]), int(r[8]), r) for r in jumps), key=lambda x: (x[0], x[1], x[2][6]))
    out = [_jump_finding(ctx, [x[2] for x in g], p) for g in _episodes(keyed, p.merge_gap_s)]
    land = ctx.engine.query(sql(LAND_SQL, ctx.engine, min_inland_km=p.min_inland_km))
    ports = geo.ports_and_anchorages()
    land = [
        r
        for r in land
        if min(geo.haversine_km(r[4], r[5], x.lat, x.lon) for x in ports) > p.port_clear_km
    ]
    keyed = sorted(((int(r[0]), int(r[3]), r) for r in land), key=lambda x: (x[0], x[1], x[2][1]))
    out += [_land_finding(ctx, [x[2] for x in g], p) for g in _episodes(keyed, p.merge_gap_s)]
    return out


def _jump_finding(ctx: Context, rows: list[tuple[Any, ...]], p: SpoofingParams) -> Finding:
    mmsi = int(rows[0][0])
    start_s, end_s = int(rows[0][3]), int(rows[-1][8])
    shared = len(rows) >= p.shared_min_jumps
    top = max(float(r[11]) for r in rows)
    reasons = [f"{len(rows)} jump(s) faster than {p.max_speed_knots:g} kn, largest {top:.1f} km"]
    if shared:
        reasons.append(
            f"{len(rows)} back-and-forth jumps (>= {p.shared_min_jumps}): one MMSI in two places at once"
        )
    ev_rows = [r[1:6] for r in rows] + [r[6:11] for r in rows]
    ev_rows = sorted(
        {(int(a), int(b), int(c), float(d), float(e)) for a, b, c, d, e in ev_rows},
        key=lambda r: (r[2], r[0]),
    )
    signal = "shared_mmsi" if shared else "implausible_jump"
    return Finding(
        kind="spoofing",
        start=utc(start_s),
        end=utc(end_s),
        subjects=(vessel(mmsi, facts=ctx.facts().get(mmsi)),),
        evidence=tuple(position_evidence(ev_rows, mmsi)),
        confidence=0.9 if shared else round(min(0.9, 0.6 + 0.1 * min(len(rows), 3)), 2),
        reasons=tuple(reasons),
        detector=NAME,
        detector_version=VERSION,
        parameters={**as_dict(p), "signal": signal},
        geometry=line(
            [(float(r[4]), float(r[5])) for r in rows[:1]]
            + [(float(r[9]), float(r[10])) for r in rows[:1]]
        ),
        summary=f"MMSI {mmsi}: {signal.replace('_', ' ')} ({len(rows)} jumps, up to {top:.0f} km)",
    )


def _land_finding(ctx: Context, rows: list[tuple[Any, ...]], p: SpoofingParams) -> Finding:
    mmsi = int(rows[0][0])
    deepest = -min(int(r[6]) for r in rows)
    return Finding(
        kind="spoofing",
        start=utc(int(rows[0][3])),
        end=utc(int(rows[-1][3])),
        subjects=(vessel(mmsi, facts=ctx.facts().get(mmsi)),),
        evidence=tuple(position_evidence([r[1:6] for r in rows], mmsi)),
        confidence=0.8,
        reasons=(
            f"{len(rows)} position(s) on land, up to {deepest} km inland (>= {p.min_inland_km:g} km)",
        ),
        detector=NAME,
        detector_version=VERSION,
        parameters={**as_dict(p), "signal": "on_land"},
        geometry=line([(float(rows[0][4]), float(rows[0][5]))]),
        summary=f"MMSI {mmsi}: {len(rows)} position(s) on land",
    )

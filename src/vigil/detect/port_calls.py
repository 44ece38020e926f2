"""Port calls at DPRK ports: arrival when a position comes within ``entry_km`` of a port, departure
at the first later position beyond ``exit_km`` (hysteresis, as GFW's port visits). Positions
between the two distances change nothing. A visit still open at the end of the data ends at its
last position in port.
"""

from __future__ import annotations

from typing import Any

from vigil.detect import geo
from vigil.detect.context import Context, line, position_evidence, utc, vessel
from vigil.detect.engine import sql
from vigil.detect.params import PortCallParams, as_dict
from vigil.detect.resample import haversine_m
from vigil.detect.shore import CELL_DEG
from vigil.findings.model import Finding

NAME, VERSION = "port_call", "1"
REACH_CELLS = 2  # ports are joined to positions in cells up to this many cells away (> exit_km)

# Positions in the cells around a port, with the nearest port and its distance (few rows).
NEAR_SQL = """
SELECT mmsi, position_id, MIN(port) AS port, MIN(distance_m) AS distance_m FROM (
  SELECT q.mmsi, q.position_id, d.name AS port, {dist} AS distance_m,
         MIN({dist}) OVER (PARTITION BY q.position_id) AS best
  FROM pos q JOIN port_cells d
    ON d.r = CAST(FLOOR((90.0 - q.lat) / {cell}) AS BIGINT)
   AND d.c = CAST(FLOOR((q.lon + 180.0) / {cell}) AS BIGINT)
) c WHERE distance_m = best GROUP BY mmsi, position_id
"""

# The in/out state of every position of the vessels that entered a port at least once.
STATE_SQL = """
SELECT mmsi, position_id, raw_id, t_s, lat, lon, port, state FROM (
  SELECT p.mmsi, p.position_id, p.raw_id, p.t_s, p.lat, p.lon, n.port,
         CASE WHEN n.distance_m <= {entry_m} THEN 1 WHEN n.distance_m IS NULL
              OR n.distance_m > {exit_m} THEN 0 ELSE -1 END AS state
  FROM pos p LEFT JOIN port_near n ON n.position_id = p.position_id
  WHERE p.mmsi IN (SELECT DISTINCT mmsi FROM port_near WHERE distance_m <= {entry_m})
) s WHERE state >= 0
"""

VISITS_SQL = """
SELECT mmsi, port, position_id, raw_id, t_s, lat, lon, state, prev_state, next_state FROM (
  SELECT *, LAG(state) OVER (PARTITION BY mmsi ORDER BY t_s, position_id) AS prev_state,
         LEAD(state) OVER (PARTITION BY mmsi ORDER BY t_s, position_id) AS next_state
  FROM port_state
) t WHERE (state = 1 AND (prev_state IS NULL OR prev_state = 0))
       OR (state = 0 AND prev_state = 1) OR (state = 1 AND next_state IS NULL)
"""


def visits(ctx: Context, p: PortCallParams) -> list[tuple[Any, ...]]:
    """Transition rows per MMSI in time order (arrivals, departures, last-in-port)."""
    cells = []
    for x in geo.dprk_ports():
        r, c = int((90.0 - x.lat) // CELL_DEG), int((x.lon + 180.0) // CELL_DEG)
        span = range(-REACH_CELLS, REACH_CELLS + 1)
        cells += [(r + dr, c + dc, x.name, x.lat, x.lon) for dr in span for dc in span]
    columns = [
        ("r", "BIGINT"),
        ("c", "BIGINT"),
        ("name", "VARCHAR"),
        ("lat", "DOUBLE"),
        ("lon", "DOUBLE"),
    ]
    ctx.engine.put("port_cells", columns, cells)
    near = NEAR_SQL.replace("{dist}", haversine_m("q.lat", "q.lon", "d.lat", "d.lon"))
    ctx.engine.materialize("port_near", sql(near, ctx.engine, cell=CELL_DEG))
    ctx.engine.materialize(
        "port_state",
        sql(STATE_SQL, ctx.engine, entry_m=p.entry_km * 1000, exit_m=p.exit_km * 1000),
    )
    return sorted(ctx.engine.query(VISITS_SQL), key=lambda r: (int(r[0]), int(r[4]), int(r[2])))


def detect(ctx: Context, p: PortCallParams) -> list[Finding]:
    """One finding per visit to a DPRK port."""
    out: list[Finding] = []
    arrival: tuple[Any, ...] | None = None
    for row in visits(ctx, p):
        mmsi, state, prev_state, next_state = row[0], row[7], row[8], row[9]
        if arrival is not None and arrival[0] != mmsi:
            arrival = None
        if state == 1 and prev_state in (None, 0):
            arrival = row
        if arrival is None:
            continue
        if state == 0:
            out.append(_finding(ctx, arrival, row, p, departed=True))
            arrival = None
        elif next_state is None:
            out.append(_finding(ctx, arrival, row, p, departed=False))
            arrival = None
    return out


def _finding(
    ctx: Context, a: tuple[Any, ...], d: tuple[Any, ...], p: PortCallParams, departed: bool
) -> Finding:
    mmsi, port = int(a[0]), str(a[1])
    hours = (int(d[4]) - int(a[4])) / 3600
    reasons = [f"came within {p.entry_km:g} km of {port}"]
    reasons.append(
        f"left beyond {p.exit_km:g} km after {hours:.1f} h"
        if departed
        else "still in port at the end of the data"
    )
    ev = [tuple(a[2:7]), tuple(d[2:7])] if d[2] != a[2] else [tuple(a[2:7])]
    return Finding(
        kind="port_call",
        start=utc(int(a[4])),
        end=utc(int(d[4])),
        subjects=(vessel(mmsi, facts=ctx.facts().get(mmsi)),),
        evidence=tuple(position_evidence(ev, mmsi)),
        confidence=0.9,
        reasons=tuple(reasons),
        detector=NAME,
        detector_version=VERSION,
        parameters=as_dict(p),
        geometry=line([(float(a[5]), float(a[6]))]),
        summary=f"MMSI {mmsi} called at {port} ({hours:.1f} h)",
    )

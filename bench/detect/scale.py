"""Positions for the scale runs, generated straight into DuckDB (SQL, seconds for 10M rows).

The simulator plus NMEA ingest runs at about 25k positions/s here (10M would take ~7 minutes
before detection starts), so the scale figures use synthetic traffic written by one SQL
statement: ``vessels`` vessels reporting every ``interval_s`` seconds in the open Yellow Sea
(more rows = the same fleet over more time);
70 % sail 0.3-degree circles at 8-14 kn, 30 % lie still in pairs 200 m apart (so that the
encounter and loitering detectors have work to do); every 50th vessel goes dark for 14 h.
Deterministic: values come from hashes of the vessel number.
"""

from __future__ import annotations

from vigil.store import Store

GENERATE_SQL = """
INSERT INTO ais_positions
SELECT id, CAST(ts AS DATE), ts, mmsi, lat, lon, sog, 90.0, 90, 0, 1, 'bench', 'A', 9, id % 1000000,
       id
FROM (
  SELECT i AS id, mmsi, make_timestamp(CAST(1709251200 + k * {interval_s} AS BIGINT) * 1000000) AS ts,
         CASE WHEN still THEN lat0 ELSE lat0 + 0.3 * sin(k * {interval_s} * omega) END AS lat,
         CASE WHEN still THEN lon0 ELSE lon0 + 0.3 * cos(k * {interval_s} * omega) END AS lon,
         CASE WHEN still THEN 0.2 ELSE speed END AS sog, k, dark
  FROM (
    SELECT i, k, 200000000 + v AS mmsi, still, speed, dark,
           -- pairs: an odd still vessel lies 200 m north of the even one before it
           35.0 + (hash(CASE WHEN still THEN v - v % 2 ELSE v END) % 1500) / 1000.0
             + CASE WHEN still AND v % 2 = 1 THEN 0.0018 ELSE 0 END AS lat0,
           122.8 + (hash((CASE WHEN still THEN v - v % 2 ELSE v END) * 13) % 1500) / 1000.0 AS lon0,
           -- angular speed (rad/s) of a 0.3-degree circle sailed at `speed` knots
           speed * 0.514444 / (0.3 * 111320.0) AS omega
    FROM (
      SELECT i, i % {vessels} AS v, i // {vessels} AS k,
             ((i % {vessels}) // 2) % 10 < 3 AS still,
             8 + (hash(i % {vessels}) % 600) / 100.0 AS speed,
             (i % {vessels}) % 50 = 49 AS dark
      FROM range({rows}) r(i)
    ) idx
  ) base
) g
WHERE NOT (dark AND k * {interval_s} BETWEEN 36000 AND 86400)
"""


def generate(store: Store, rows: int, vessels: int, interval_s: int = 60) -> int:
    """Write about ``rows`` positions; returns how many were written."""
    sql = GENERATE_SQL.format(rows=rows, vessels=vessels, interval_s=interval_s)
    with store.transaction() as conn:
        conn.execute(sql)
    count = store.conn.execute("SELECT count(*) FROM ais_positions").fetchone()
    return int(count[0]) if count else 0

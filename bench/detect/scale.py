"""Positions for the scale runs, generated straight into DuckDB (SQL, seconds for 10M rows).

The simulator plus NMEA ingest runs at about 25k positions/s here (10M would take ~7 minutes
before detection starts), so the scale figures use synthetic traffic written by one SQL
statement: ``vessels`` vessels reporting every ``interval_s`` seconds; 70 % sail straight lines
at 8-14 kn across the Yellow Sea, 30 % lie still (half of those in pairs 200 m apart, so that
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
  SELECT i AS id, v, mmsi, make_timestamp(CAST(1709251200 + k * {interval_s} AS BIGINT) * 1000000) AS ts,
         CASE WHEN still THEN lat0 + (CASE WHEN v % 2 = 1 THEN 0.0018 ELSE 0 END)
              ELSE lat0 + k * {interval_s} * speed * 0.514444 / 111320.0 * cos(radians(course)) END AS lat,
         CASE WHEN still THEN lon0
              ELSE lon0 + k * {interval_s} * speed * 0.514444 / 111320.0 * sin(radians(course))
                   / cos(radians(lat0)) END AS lon,
         CASE WHEN still THEN 0.2 ELSE speed END AS sog,
         k, dark
  FROM (
    SELECT i, v, k, 200000000 + v AS mmsi, (hash(v) % 100) < 30 AS still,
           35.0 + (hash(v * 7) % 3000) / 1000.0 AS lat0, 122.0 + (hash(v * 13) % 2000) / 1000.0 AS lon0,
           8 + (hash(v * 17) % 600) / 100.0 AS speed, (hash(v * 19) % 360) AS course,
           v % 50 = 0 AS dark
    FROM (SELECT i, i % {vessels} AS v, i // {vessels} AS k FROM range({rows}) r(i)) idx
  ) base
  WHERE NOT still OR v % 2 = 0 OR hash(v - 1) % 100 < 30
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

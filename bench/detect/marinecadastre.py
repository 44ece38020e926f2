"""Load the shared MarineCadastre sample straight into ``ais_positions`` (one SQL statement).

Used by the benchmark and the tests so that the "no encounter among moored ships" check does not
depend on the state of the AIS ingest's CSV path; position ids are the CSV line numbers.
"""

from __future__ import annotations

from pathlib import Path

from vigil.store import Store

LOAD_SQL = """
INSERT INTO ais_positions
SELECT (1::BIGINT << 32) + line, CAST(ts AS DATE), ts, mmsi, lat, lon, sog, cog, heading, status, 1,
       'marinecadastre', NULL, 1, line, (1::BIGINT << 32) + line
FROM (
  SELECT row_number() OVER () + 1 AS line, CAST("MMSI" AS INTEGER) AS mmsi,
         CAST("BaseDateTime" AS TIMESTAMP) AS ts, "LAT" AS lat, "LON" AS lon, "SOG" AS sog,
         "COG" AS cog, CAST("Heading" AS SMALLINT) AS heading, CAST("Status" AS TINYINT) AS status
  FROM read_csv(?, header = true)
) rows
"""


def load(store: Store, path: Path) -> int:
    """Insert the sample's rows; returns the number of positions."""
    with store.transaction() as conn:
        conn.execute(LOAD_SQL, [str(path)])
    row = store.conn.execute("SELECT count(*) FROM ais_positions").fetchone()
    return int(row[0]) if row else 0

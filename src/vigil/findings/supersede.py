"""Superseded findings: re-running a detector after new data can lengthen an episode, and a
longer episode is a new finding (its id covers its time span and evidence). The shorter one is
not deleted (reviews and cases may cite it); it is marked superseded by the new one.

A stored finding is superseded by a finding of the current run when both come from the same
detector (any version), name the same vessels and entities, overlap in time, the newer one lasts
at least as long, and the current run did not produce the stored one again. Unchanged episodes
keep their id: they are produced again and are never marked.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Final

import duckdb
import pyarrow as pa

from vigil.findings.model import Finding
from vigil.store import Store

# Findings not superseded by a later detection of the same episode (``alias`` is "f." or "").
CURRENT_SQL: Final = "{alias}finding_id NOT IN (SELECT finding_id FROM finding_superseded)"

# The stored findings (not yet superseded, not in this run) each new finding supersedes.
MATCH_SQL = """
WITH stored AS (
  SELECT f.finding_id, f.detector, f.start_ts, f.end_ts,
         string_agg(coalesce(CAST(s.mmsi AS VARCHAR), s.imo, s.entity_id, s.name), ','
                    ORDER BY coalesce(CAST(s.mmsi AS VARCHAR), s.imo, s.entity_id, s.name))
           AS subjects
  FROM findings f JOIN finding_subjects s USING (finding_id)
  WHERE f.detector IN (SELECT DISTINCT detector FROM run_findings)
    AND f.finding_id NOT IN (SELECT finding_id FROM run_findings)
    AND f.finding_id NOT IN (SELECT finding_id FROM finding_superseded)
  GROUP BY f.finding_id, f.detector, f.start_ts, f.end_ts
)
SELECT s.finding_id, MIN(n.finding_id) AS superseded_by FROM stored s
JOIN run_findings n ON n.detector = s.detector AND n.subjects = s.subjects
 AND n.start_ts <= s.end_ts AND n.end_ts >= s.start_ts
 AND epoch(n.end_ts) - epoch(n.start_ts) >= epoch(s.end_ts) - epoch(s.start_ts)
GROUP BY s.finding_id
"""


def subject_key(finding: Finding) -> str:
    """The finding's subjects as one comparable string (the SQL above builds the same)."""
    keys = [
        str(s.mmsi) if s.mmsi is not None else (s.imo or s.entity_id or s.name or "")
        for s in finding.subjects
    ]
    return ",".join(sorted(keys))


def mark_superseded(
    store: Store, findings: Iterable[Finding], run_id: str | None = None
) -> dict[str, str]:
    """Mark stored findings that ``findings`` (one run's) supersede; returns {old id: new id}.
    Call after the run's findings are stored."""
    current = {f.id: f for f in findings if f.subjects}
    if not current:
        return {}
    table = pa.table(
        {
            "finding_id": list(current),
            "detector": [f.detector for f in current.values()],
            "subjects": [subject_key(f) for f in current.values()],
            "start_ts": pa.array([f.start for f in current.values()], pa.timestamp("us", "UTC")),
            "end_ts": pa.array([f.end for f in current.values()], pa.timestamp("us", "UTC")),
        }
    )
    with store.transaction() as conn:
        pairs = _match(conn, table)
        if pairs:
            now = datetime.now(UTC)
            conn.executemany(
                "INSERT INTO finding_superseded VALUES (?, ?, ?, ?)",
                [[old, new, run_id, now] for old, new in sorted(pairs.items())],
            )
    return pairs


def _match(conn: duckdb.DuckDBPyConnection, table: pa.Table) -> dict[str, str]:
    conn.register("run_findings", table)
    try:
        rows = conn.execute(MATCH_SQL).fetchall()
    finally:
        conn.unregister("run_findings")
    return {str(old): str(new) for old, new in rows}


def superseded_ids(store: Store) -> set[str]:
    """Ids of every finding marked superseded."""
    rows = store.conn.execute("SELECT finding_id FROM finding_superseded").fetchall()
    return {str(r[0]) for r in rows}

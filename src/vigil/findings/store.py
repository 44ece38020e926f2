"""Store findings (idempotently: a finding already stored is not stored again) and read them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import orjson
import pyarrow as pa

from vigil.findings.errors import UnknownFindingError
from vigil.findings.model import Finding
from vigil.findings.supersede import CURRENT_SQL
from vigil.store import Store


@dataclass(frozen=True)
class StoreResult:
    """How many findings were new and how many were already stored."""

    added: int
    existing: int


def save_findings(store: Store, findings: Iterable[Finding]) -> StoreResult:
    """Store findings in one transaction; ones whose id is already stored are skipped."""
    unique = {f.id: f for f in findings}
    if not unique:
        return StoreResult(0, 0)
    with store.transaction() as conn:
        placeholders = ", ".join("?" for _ in unique)
        known = {
            row[0]
            for row in conn.execute(
                f"SELECT finding_id FROM findings WHERE finding_id IN ({placeholders})",
                list(unique),
            ).fetchall()
        }
        new = [f for fid, f in unique.items() if fid not in known]
        if new:
            _append(conn, new, datetime.now(UTC))
    return StoreResult(len(new), len(known))


FINDING_COLUMNS = (
    "finding_id", "kind", "measure_id", "resolution_paragraph", "start_ts", "end_ts", "min_lon",
    "min_lat", "max_lon", "max_lat", "confidence", "detector", "detector_version", "summary",
    "body", "first_stored_at",
)  # fmt: skip
SUBJECT_COLUMNS = ("finding_id", "kind", "role", "mmsi", "imo", "entity_id", "name")


def _append(conn: duckdb.DuckDBPyConnection, new: list[Finding], now: datetime) -> None:
    """Insert findings and their subjects as two Arrow tables (row-wise inserts are slow)."""
    rows = [_row(f, now) for f in new]
    subjects = [
        [f.id, s.kind, s.role, s.mmsi, s.imo, s.entity_id, s.name] for f in new for s in f.subjects
    ]
    finding_table = pa.table({c: [r[i] for r in rows] for i, c in enumerate(FINDING_COLUMNS)})
    subject_table = pa.table(
        {c: pa.array([r[i] for r in subjects], type=SUBJECT_TYPES[c])
         for i, c in enumerate(SUBJECT_COLUMNS)}
    )  # fmt: skip
    conn.register("new_findings", finding_table)
    conn.register("new_subjects", subject_table)
    try:
        conn.execute(f"INSERT INTO findings SELECT {', '.join(FINDING_COLUMNS)} FROM new_findings")
        conn.execute(
            f"INSERT INTO finding_subjects SELECT {', '.join(SUBJECT_COLUMNS)} FROM new_subjects"
        )
    finally:
        conn.unregister("new_findings")
        conn.unregister("new_subjects")


SUBJECT_TYPES = {
    "finding_id": pa.string(), "kind": pa.string(), "role": pa.string(), "mmsi": pa.int64(),
    "imo": pa.string(), "entity_id": pa.string(), "name": pa.string(),
}  # fmt: skip


def _row(finding: Finding, now: datetime) -> list[Any]:
    bbox = finding.bbox() or (None, None, None, None)
    return [
        finding.id,
        finding.kind,
        finding.measure_id,
        finding.resolution_paragraph,
        finding.start,
        finding.end,
        *bbox,
        finding.confidence,
        finding.detector,
        finding.detector_version,
        finding.summary,
        orjson.dumps(finding.to_dict()).decode(),
        now,
    ]


def get_finding(store: Store, finding_id: str) -> dict[str, Any]:
    """One stored finding as a dictionary (raises ``UnknownFindingError``)."""
    row = store.conn.execute(
        "SELECT f.body, s.superseded_by FROM findings f"
        " LEFT JOIN finding_superseded s USING (finding_id) WHERE f.finding_id = ?",
        [finding_id],
    ).fetchone()
    if row is None:
        raise UnknownFindingError(f"no finding {finding_id!r}")
    data: dict[str, Any] = orjson.loads(row[0])
    if row[1] is not None:  # kept for the reviews that cite it; points to its successor
        data["superseded_by"] = str(row[1])
    return data


def list_findings(
    store: Store,
    kinds: Sequence[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    mmsi: int | None = None,
    limit: int | None = None,
    include_superseded: bool = False,
) -> list[dict[str, Any]]:
    """Stored findings, newest first, filtered by kind, time overlap, bounding box or vessel.
    Findings superseded by a later detection of the same episode are left out unless asked."""
    where, params = ["TRUE"], []  # type: list[str], list[Any]
    if not include_superseded:
        where.append(CURRENT_SQL.format(alias=""))
    if kinds:
        where.append(f"kind IN ({', '.join('?' for _ in kinds)})")
        params.extend(kinds)
    if since is not None:
        where.append("end_ts >= ?")
        params.append(since)
    if until is not None:
        where.append("start_ts <= ?")
        params.append(until)
    if bbox is not None:
        where.append("max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?")
        params.extend([bbox[0], bbox[2], bbox[1], bbox[3]])
    if mmsi is not None:
        where.append("finding_id IN (SELECT finding_id FROM finding_subjects WHERE mmsi = ?)")
        params.append(mmsi)
    sql = (
        f"SELECT body FROM findings WHERE {' AND '.join(where)} ORDER BY start_ts DESC, finding_id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [orjson.loads(r[0]) for r in store.conn.execute(sql, params).fetchall()]

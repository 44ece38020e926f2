"""Analysts' review of findings (confirmed, dismissed, needs-info, with a note) and the audit log.

Every change is written to ``audit_log`` in the same transaction as the change itself: who, when,
what (the action, its target and the values set). A finding has at most one current review; the
history of reviews is the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import duckdb
import orjson

from vigil.findings.errors import FindingError, UnknownFindingError
from vigil.findings.supersede import CURRENT_SQL
from vigil.store import Store

STATUSES: Final = ("confirmed", "dismissed", "needs-info")
UNREVIEWED: Final = "unreviewed"  # a filter value: findings nobody has reviewed yet
MAX_NOTE_CHARS: Final = 4000


class ReviewError(FindingError):
    """A review or case request is invalid."""


class InvalidStatusError(ReviewError):
    """A review names a status that is not one of :data:`STATUSES`."""


@dataclass(frozen=True)
class Review:
    """The current review of one finding."""

    finding_id: str
    status: str
    note: str
    reviewer: str
    reviewed_at: datetime

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {**self.__dict__, "reviewed_at": self.reviewed_at.astimezone(UTC).isoformat()}


def audit(
    conn: duckdb.DuckDBPyConnection, actor: str, action: str, target: str, detail: dict[str, Any]
) -> None:
    """Append one entry to the audit log (call inside the transaction making the change)."""
    conn.execute(
        "INSERT INTO audit_log VALUES (nextval('audit_seq'), ?, ?, ?, ?, ?)",
        [datetime.now(UTC), actor, action, target, orjson.dumps(detail).decode()],
    )


def check_status(status: str) -> str:
    """``status`` if it is a review status, else :class:`InvalidStatusError` naming the choices."""
    if status not in STATUSES:
        raise InvalidStatusError(f"status must be one of {list(STATUSES)}, not {status!r}")
    return status


def finding_exists(conn: duckdb.DuckDBPyConnection, finding_id: str) -> bool:
    """Whether a finding with this id is stored."""
    row = conn.execute("SELECT 1 FROM findings WHERE finding_id = ?", [finding_id]).fetchone()
    return row is not None


def set_review(store: Store, finding_id: str, status: str, note: str, reviewer: str) -> Review:
    """Record ``reviewer``'s verdict on a finding, replacing any earlier one, and audit it."""
    check_status(status)
    if len(note) > MAX_NOTE_CHARS:
        raise ReviewError(f"note is {len(note)} characters; at most {MAX_NOTE_CHARS}")
    review = Review(finding_id, status, note, reviewer, datetime.now(UTC))
    with store.transaction() as conn:
        if not finding_exists(conn, finding_id):
            raise UnknownFindingError(f"no finding {finding_id!r}")
        before = get_review(store, finding_id)
        conn.execute("DELETE FROM finding_reviews WHERE finding_id = ?", [finding_id])
        conn.execute(
            "INSERT INTO finding_reviews VALUES (?, ?, ?, ?, ?)",
            [finding_id, status, note, reviewer, review.reviewed_at],
        )
        audit(conn, reviewer, "review", finding_id, {
            "status": status, "note": note, "previous": before.status if before else None,
        })  # fmt: skip
    return review


def get_review(store: Store, finding_id: str) -> Review | None:
    """The current review of a finding, or ``None`` if it has not been reviewed."""
    return reviews_for(store, [finding_id]).get(finding_id)


def reviews_for(store: Store, finding_ids: Sequence[str]) -> dict[str, Review]:
    """Current reviews of the given findings, by finding id (unreviewed ones are absent)."""
    if not finding_ids:
        return {}
    marks = ", ".join("?" for _ in finding_ids)
    rows = store.conn.execute(
        "SELECT finding_id, status, note, reviewer, timezone('UTC', reviewed_at) FROM finding_reviews"
        f" WHERE finding_id IN ({marks})",
        list(finding_ids),
    ).fetchall()
    return {r[0]: Review(r[0], r[1], r[2], r[3], r[4].replace(tzinfo=UTC)) for r in rows}


def audit_log(store: Store, target: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Audit entries, newest first (optionally only those about ``target``)."""
    where, params = ("WHERE target = ?", [target]) if target else ("", [])
    rows = store.conn.execute(
        f"SELECT audit_id, timezone('UTC', logged_at), actor, action, target, detail FROM audit_log {where}"
        f" ORDER BY audit_id DESC LIMIT {int(limit)}",
        params,
    ).fetchall()
    return [
        {"id": r[0], "at": r[1].replace(tzinfo=UTC).isoformat(), "actor": r[2], "action": r[3],
         "target": r[4], "detail": orjson.loads(r[5])}
        for r in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class FindingFilter:
    """Which findings to list: by kind, time overlap, bounding box, vessel, status and case."""

    kinds: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    bbox: tuple[float, float, float, float] | None = None
    mmsi: int | None = None
    statuses: tuple[str, ...] = ()  # review statuses, or "unreviewed"
    case_id: str | None = None
    measures: tuple[str, ...] = ()
    include_superseded: bool = False  # findings a later, longer episode replaced (see supersede)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition (on ``findings f`` joined to ``finding_reviews r``) and its params."""
        where, params = ["TRUE"], []  # type: list[str], list[Any]
        if not self.include_superseded:
            where.append(CURRENT_SQL.format(alias="f."))
        for column, values in (("f.kind", self.kinds), ("f.measure_id", self.measures)):
            if values:
                where.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        if self.since is not None:
            where.append("f.end_ts >= ?")
            params.append(self.since)
        if self.until is not None:
            where.append("f.start_ts <= ?")
            params.append(self.until)
        if self.bbox is not None:
            where.append("f.max_lon >= ? AND f.min_lon <= ? AND f.max_lat >= ? AND f.min_lat <= ?")
            params.extend([self.bbox[0], self.bbox[2], self.bbox[1], self.bbox[3]])
        if self.mmsi is not None:
            where.append("f.finding_id IN (SELECT finding_id FROM finding_subjects WHERE mmsi = ?)")
            params.append(self.mmsi)
        if self.statuses:
            parts = [f"r.status IN ({', '.join('?' for _ in self.statuses)})"]
            params.extend(self.statuses)
            if UNREVIEWED in self.statuses:
                parts.append("r.status IS NULL")
            where.append(f"({' OR '.join(parts)})")
        if self.case_id is not None:
            where.append("f.finding_id IN (SELECT finding_id FROM case_findings WHERE case_id = ?)")
            params.append(self.case_id)
        return " AND ".join(where), params


@dataclass(frozen=True)
class FindingPage:
    """One page of findings (each with its ``review``) and how many match in all."""

    total: int
    offset: int
    limit: int
    findings: list[dict[str, Any]]


def query_findings(
    store: Store, flt: FindingFilter, offset: int = 0, limit: int = 100
) -> FindingPage:
    """Findings matching ``flt``, newest first, paged on the server, with their reviews."""
    sql_where, params = flt.where()
    base = f"FROM findings f LEFT JOIN finding_reviews r USING (finding_id) WHERE {sql_where}"
    total_row = store.conn.execute(f"SELECT count(*) {base}", params).fetchone()
    rows = store.conn.execute(
        f"SELECT f.body, r.status, r.note, r.reviewer, timezone('UTC', r.reviewed_at) {base}"
        f" ORDER BY f.start_ts DESC, f.finding_id LIMIT {int(limit)} OFFSET {int(offset)}",
        params,
    ).fetchall()
    found = []
    for body, status, note, reviewer, at in rows:
        data: dict[str, Any] = orjson.loads(body)
        data["review"] = (
            Review(data["id"], status, note, reviewer, at.replace(tzinfo=UTC)).to_dict()
            if status
            else None
        )
        found.append(data)
    return FindingPage(int(total_row[0]) if total_row else 0, offset, limit, found)

"""False-positive decisions: who marked which entry for which query, when and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from vigil.screening.errors import QueryError
from vigil.screening.models import Query
from vigil.store import Store


@dataclass(frozen=True)
class Decision:
    """One analyst decision (UTC time)."""

    query_key: str
    entity_id: str
    analyst: str
    reason: str
    algorithm: str
    decided_at: datetime


def mark_false_positive(
    store: Store, query: Query, entity_id: str, analyst: str, reason: str, algorithm: str
) -> Decision:
    """Record that ``entity_id`` is not who ``query`` is; the latest decision wins."""
    if not analyst.strip() or not reason.strip():
        raise QueryError("a decision needs the analyst's name and a reason")
    key = query.key()
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO screening_decisions"
            " (query_key, entity_id, decision, analyst, reason, algorithm, decided_at)"
            " VALUES (?, ?, 'false_positive', ?, ?, ?, now())",
            [key, entity_id, analyst.strip(), reason.strip(), algorithm],
        )
    return next(d for d in list_decisions(store) if (d.query_key, d.entity_id) == (key, entity_id))


def list_decisions(store: Store) -> list[Decision]:
    """Every decision, newest first."""
    rows = store.conn.execute(
        "SELECT query_key, entity_id, analyst, reason, algorithm, epoch_us(decided_at)"
        " FROM screening_decisions ORDER BY decided_at DESC, query_key, entity_id"
    ).fetchall()
    return [
        Decision(row[0], row[1], row[2], row[3], row[4], datetime.fromtimestamp(row[5] / 1e6, UTC))
        for row in rows
    ]


def suppressed_pairs(store: Store) -> set[tuple[str, str]]:
    """(query key, entity id) pairs to leave out of results."""
    return {(d.query_key, d.entity_id) for d in list_decisions(store)}

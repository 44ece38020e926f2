"""Cases: analysts group findings under a title; every change is audited."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from vigil.findings.errors import UnknownFindingError
from vigil.findings.review import ReviewError, audit, finding_exists
from vigil.store import Store


class UnknownCaseError(ReviewError):
    """No case has this id."""


@dataclass(frozen=True)
class Case:
    """A named group of findings."""

    case_id: str
    title: str
    description: str
    created_by: str
    created_at: datetime
    finding_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.case_id,
            "title": self.title,
            "description": self.description,
            "created_by": self.created_by,
            "created_at": self.created_at.astimezone(UTC).isoformat(),
            "finding_ids": list(self.finding_ids),
        }


def create_case(store: Store, title: str, description: str, actor: str) -> Case:
    """Open a new, empty case."""
    if not title.strip():
        raise ReviewError("a case needs a title")
    case = Case(f"case-{secrets.token_hex(6)}", title.strip(), description, actor,
                datetime.now(UTC))  # fmt: skip
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO cases VALUES (?, ?, ?, ?, ?)",
            [case.case_id, case.title, case.description, actor, case.created_at],
        )
        audit(conn, actor, "case_create", case.case_id, {"title": title})
    return case


def add_findings(store: Store, case_id: str, finding_ids: Sequence[str], actor: str) -> Case:
    """Add findings to a case (ones already in it are left as they are)."""
    with store.transaction() as conn:
        current = _case(store, case_id)
        for fid in finding_ids:
            if not finding_exists(conn, fid):
                raise UnknownFindingError(f"no finding {fid!r}")
        new = [f for f in dict.fromkeys(finding_ids) if f not in current.finding_ids]
        if new:
            now = datetime.now(UTC)
            conn.executemany(
                "INSERT INTO case_findings VALUES (?, ?, ?, ?)",
                [[case_id, fid, actor, now] for fid in new],
            )
            audit(conn, actor, "case_add", case_id, {"findings": new})
    return get_case(store, case_id)


def remove_findings(store: Store, case_id: str, finding_ids: Sequence[str], actor: str) -> Case:
    """Take findings out of a case."""
    with store.transaction() as conn:
        current = _case(store, case_id)
        gone = [f for f in dict.fromkeys(finding_ids) if f in current.finding_ids]
        if gone:
            marks = ", ".join("?" for _ in gone)
            conn.execute(
                f"DELETE FROM case_findings WHERE case_id = ? AND finding_id IN ({marks})",
                [case_id, *gone],
            )
            audit(conn, actor, "case_remove", case_id, {"findings": gone})
    return get_case(store, case_id)


def _case(store: Store, case_id: str) -> Case:
    row = store.conn.execute(
        "SELECT case_id, title, description, created_by, timezone('UTC', created_at) FROM cases"
        " WHERE case_id = ?",
        [case_id],
    ).fetchone()
    if row is None:
        raise UnknownCaseError(f"no case {case_id!r}")
    members = store.conn.execute(
        "SELECT finding_id FROM case_findings WHERE case_id = ? ORDER BY added_at, finding_id",
        [case_id],
    ).fetchall()
    created = row[4].replace(tzinfo=UTC)
    return Case(row[0], row[1], row[2], row[3], created, tuple(m[0] for m in members))


def get_case(store: Store, case_id: str) -> Case:
    """One case with its findings' ids (raises :class:`UnknownCaseError`)."""
    return _case(store, case_id)


def list_cases(store: Store) -> list[Case]:
    """Every case, newest first."""
    rows = store.conn.execute("SELECT case_id FROM cases ORDER BY created_at DESC").fetchall()
    return [_case(store, r[0]) for r in rows]

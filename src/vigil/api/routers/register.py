"""``/entities/{id}``: one register entity with its provenance and the findings about it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from vigil.api.deps import ReaderDep, StoreDep
from vigil.api.routers.common import NOT_FOUND
from vigil.register.query import get_entity

router = APIRouter(tags=["Register"])


@router.get("/entities/{entity_id}", summary="One register entity", responses={**NOT_FOUND})
def entity(
    entity_id: Annotated[str, Path(min_length=1, max_length=200, examples=["un-kpi-001"])],
    store: StoreDep,
    _caller: ReaderDep,
) -> dict[str, Any]:
    """The entity's properties, statements with provenance, record, related entities, and the
    findings naming it."""
    data = get_entity(store, entity_id)
    rows = store.conn.execute(
        "SELECT DISTINCT finding_id FROM finding_subjects WHERE entity_id = ? ORDER BY 1",
        [entity_id],
    ).fetchall()
    data["findings"] = [r[0] for r in rows]
    return data

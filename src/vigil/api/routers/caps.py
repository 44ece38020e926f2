"""``/caps/status`` and ``/trade/findings``: the resolution 2397 ledger and mirror-trade findings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from vigil.api.deps import ReaderDep, StoreDep
from vigil.api.routers.common import BAD_INPUT
from vigil.caps.status import ledger_status
from vigil.findings.store import list_findings

router = APIRouter(tags=["Caps and trade"])


@router.get("/caps/status", summary="Petroleum cap ledger for one year", responses={**BAD_INPUT})
def caps_status(
    store: StoreDep,
    _caller: ReaderDep,
    year: Annotated[
        int | None, Query(ge=2017, le=2100, description="Calendar year (default: latest notified)")
    ] = None,
) -> dict[str, Any]:
    """For each cap (refined products, crude oil): the period, barrels and tonnes notified, the
    share of the cap, month-by-month running totals, thresholds reached, reporting gaps, and
    for refined products the deliveries estimated from ship-to-ship transfers and DPRK port calls
    under each laden-fraction scenario, beside published third-party estimates."""
    return ledger_status(store, year).as_dict()


@router.get("/trade/findings", summary="Mirror-trade findings", responses={**BAD_INPUT})
def trade_findings(
    store: StoreDep,
    _caller: ReaderDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Partner-reported trade with the DPRK in banned HS codes, each with its row as evidence
    (run ``vigil trade check`` to compute them after ``vigil trade ingest``)."""
    return list_findings(store, kinds=["mirror_trade"], limit=limit)

"""``/caps/status`` and ``/trade/findings`` read the ledger and the mirror-trade findings."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from tests.data import FIXTURES
from vigil.caps.ingest import ingest_notifications
from vigil.store import Store
from vigil.trade.check import check_and_store
from vigil.trade.ingest import ingest_trade

NOTIFICATIONS = Path(str(resources.files("vigil.caps").joinpath("data/notifications_public.csv")))


def test_caps_status_gives_the_ledger(make_client: Callable[..., Any], api_store: Store) -> None:
    ingest_notifications(api_store, NOTIFICATIONS)
    client = make_client()
    body = client.get("/caps/status", params={"year": 2024}).json()
    assert body["year"] == 2024
    refined = next(cap for cap in body["caps"] if cap["cap"] == "refined")
    assert refined["reported_bbl"] == 168679
    assert refined["cap_bbl"] == 500000
    assert client.get("/caps/status", params={"year": 1900}).status_code == 422


def test_trade_findings_list_mirror_trade(
    make_client: Callable[..., Any], api_store: Store
) -> None:
    ingest_trade(api_store, FIXTURES / "trade" / "comtrade_dprk_partners.csv")
    check_and_store(api_store)
    found = make_client().get("/trade/findings").json()
    assert found and {f["kind"] for f in found} == {"mirror_trade"}
    assert all(e["kind"] == "trade_row" for f in found for e in f["evidence"])

"""The ledger for one year: reported against the cap, and against what was seen at sea.

``ledger_status(store, year)`` is what ``vigil caps status``, the API and the report read. For
each cap it gives the period covering most of ``year``, notified barrels and tonnes (total, by
supplier, and month by month as a running total), the thresholds reached, reporting gaps, and
for refined products the deliveries estimated from ship-to-ship transfers and DPRK port calls
under each laden-fraction scenario, so a chart can draw reported against observed with ranges.
Published third-party estimates for the period are listed beside them for comparison.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from vigil.caps.gaps import supplier_gaps
from vigil.caps.ledger import (
    CapPeriod,
    Entry,
    crossings,
    entries,
    exceeded,
    load_notifications,
    monthly_running_totals,
    period_for_year,
)
from vigil.caps.notifications import parse_period
from vigil.caps.observed import observed_deliveries
from vigil.caps.rules import cap_rules
from vigil.store import Store

OBSERVED_CAP = "refined"  # ship-to-ship deliveries are of refined products


@dataclass
class CapStatus:
    """One cap in one period."""

    cap: str
    measure_id: str
    resolution: str
    period: str
    period_start: str
    period_end: str
    cap_bbl: float
    cap_t: float | None
    reported_bbl: float
    reported_t: float
    percent_of_cap: float
    notifications: int
    converted_from_tonnes: int
    by_supplier: list[dict[str, Any]]
    months: list[dict[str, Any]]
    thresholds: list[dict[str, Any]]
    exceeded_on: str | None
    gaps: list[dict[str, Any]]
    observed: dict[str, Any] | None = None
    reported_plus_observed: dict[str, Any] = field(default_factory=dict)
    published_estimates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class LedgerStatus:
    """Every cap for one year."""

    year: int
    caps: list[CapStatus]
    attribution: str = (
        "a notification over several months is counted at its last month; one straddling two"
        " cap periods is shared by days"
    )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@cache
def published_estimates() -> tuple[dict[str, str], ...]:
    """Third-party estimates of deliveries (``data/public_estimates.csv``)."""
    text = resources.files("vigil.caps").joinpath("data/public_estimates.csv").read_text("utf-8")
    return tuple(csv.DictReader(text.splitlines()))


def _by_supplier(counted: list[Entry]) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, Any]] = {}
    for e in counted:
        n = e.notification
        row = totals.setdefault(n.supplier, {"supplier": n.supplier, "name": n.supplier_name,
                                             "quantity_bbl": 0.0, "quantity_t": 0.0, "rows": 0})  # fmt: skip
        row["quantity_bbl"] += e.quantity_bbl
        row["quantity_t"] += n.quantity_t * e.share
        row["rows"] += 1
    return sorted(totals.values(), key=lambda r: -float(r["quantity_bbl"]))


def _estimates(period: CapPeriod) -> list[dict[str, Any]]:
    found = []
    for row in published_estimates():
        start, end = parse_period(row["period"])
        if row["cap"] == period.cap and start <= period.end and period.start <= end:
            found.append({**row, "quantity_bbl": float(row["quantity_bbl"])})
    return found


def _observed(status: CapStatus, period: CapPeriod, store: Store) -> None:
    estimate = observed_deliveries(store, period.start, period.end)
    status.observed = estimate.as_dict()
    for label, observed_bbl in estimate.totals_bbl.items():
        total = status.reported_bbl + observed_bbl
        status.reported_plus_observed[label] = {
            "observed_bbl": observed_bbl, "total_bbl": total,
            "percent_of_cap": 100.0 * total / status.cap_bbl,
        }  # fmt: skip
    for month in status.months:
        month["observed_total_bbl"] = {
            label: sum(d.scenarios_bbl.get(label, 0.0) for d in estimate.deliveries
                       if d.start.strftime("%Y-%m") <= month["month"])
            for label in estimate.totals_bbl
        }  # fmt: skip


def cap_status(store: Store, cap_id: str, year: int) -> CapStatus:
    """The status of one cap for the period covering most of ``year``."""
    cap = cap_rules().caps[cap_id]
    period = period_for_year(cap_id, year)
    notifications = load_notifications(store, cap_id)
    counted = entries(period, notifications)
    reported_bbl = sum(e.quantity_bbl for e in counted)
    over = exceeded(cap, counted)
    status = CapStatus(
        cap_id, cap.measure_id, cap.resolution, period.label, period.start.isoformat(),
        period.end.isoformat(), cap.cap_bbl, cap.cap_t, reported_bbl,
        sum(e.notification.quantity_t * e.share for e in counted),
        100.0 * reported_bbl / cap.cap_bbl, len(counted),
        sum(1 for e in counted if e.notification.converted), _by_supplier(counted),
        monthly_running_totals(period, counted),
        [{"threshold_pct": c.threshold_pct, "reached_on": c.on.isoformat(), "total_bbl": c.total_bbl}
         for c in crossings(cap, counted, cap_rules().thresholds_pct)],
        over.on.isoformat() if over else None,
        [{"supplier": g.supplier_name, "from": f"{g.first_month:%Y-%m}", "to": f"{g.last_month:%Y-%m}",
          "months": g.months, "as_of": g.as_of.isoformat(), "last_notification": g.last_before.ref}
         for g in supplier_gaps(cap, period, notifications)],
    )  # fmt: skip
    status.published_estimates = _estimates(period)
    if cap_id == OBSERVED_CAP:
        _observed(status, period, store)
    return status


def latest_year(store: Store) -> int:
    """The year of the latest notified period (the current UTC year when there is none)."""
    row = store.conn.execute("SELECT max(period_end) FROM caps_notifications").fetchone()
    return row[0].year if row and row[0] else datetime.now(UTC).year


def ledger_status(store: Store, year: int | None = None) -> LedgerStatus:
    """Every cap's status for ``year`` (default :func:`latest_year`; see the module docstring)."""
    year = latest_year(store) if year is None else year
    return LedgerStatus(year, [cap_status(store, cap_id, year) for cap_id in cap_rules().caps])

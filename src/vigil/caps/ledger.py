"""Running totals of notified deliveries against each cap, period by period.

A cap period is a calendar year (refined products, OP5) or twelve months from 22 December 2017
(crude oil, OP4). A notification counts in the period(s) its own period falls in; one that
straddles two cap periods is shared between them in proportion to its days. Notifications keep
the granularity of their source: a published total over several months is *attributed* to its
last month (it is known to have been delivered by then), so running totals by month step up at
that month and threshold crossings are dated no earlier than the evidence allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from vigil.caps.notifications import month_end
from vigil.caps.rules import Cap, cap_rules
from vigil.store import Store


@dataclass(frozen=True)
class StoredNotification:
    """A notification as the ledger reads it back from the store."""

    ref: str
    file: str
    line: int
    supplier: str
    supplier_name: str
    cap: str
    product: str
    start: date
    end: date
    quantity: float
    unit: str
    quantity_bbl: float
    quantity_t: float
    bbl_per_t: float
    basis: str
    published: date | None
    source: str

    @property
    def converted(self) -> bool:
        """Whether barrels came from tonnes through a declared factor (an approximation)."""
        return self.unit in ("t", "kg")


def load_notifications(store: Store, cap: str | None = None) -> list[StoredNotification]:
    """Stored notifications (of one cap, or all), ordered by period end, start and ref."""
    rows = store.conn.execute(
        "SELECT n.ref, f.path, n.line_no, n.supplier, n.supplier_name, n.cap, n.product,"
        " n.period_start, n.period_end, n.quantity, n.unit, n.quantity_bbl, n.quantity_t,"
        " n.bbl_per_t, n.basis, n.published, n.source"
        " FROM caps_notifications n JOIN caps_files f USING (file_id)"
        " WHERE ? IS NULL OR n.cap = ? ORDER BY n.period_end, n.period_start, n.ref",
        [cap, cap],
    ).fetchall()
    return [StoredNotification(*row) for row in rows]


@dataclass(frozen=True)
class CapPeriod:
    """One period of a cap: first and last day, inclusive."""

    cap: str
    start: date
    end: date

    @property
    def label(self) -> str:
        """``2024`` for a calendar year, ``2017-12-22..2018-12-21`` otherwise."""
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31):
            return str(self.start.year)
        return f"{self.start}..{self.end}"


def next_month(day: date) -> date:
    """The first day of the month after ``day``'s."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def period_containing(cap_id: str, day: date) -> CapPeriod:
    """The period of ``cap_id`` that contains ``day`` (periods repeat every 12 months)."""
    cap = cap_rules().caps[cap_id]
    first = cap.first_period_start
    years = day.year - first.year - (1 if (day.month, day.day) < (first.month, first.day) else 0)
    start = _shift_years(first, years)
    return CapPeriod(cap_id, start, _shift_years(first, years + 1) - timedelta(days=1))


def period_for_year(cap_id: str, year: int) -> CapPeriod:
    """The period of ``cap_id`` that covers most of calendar ``year`` (the one holding 1 July)."""
    return period_containing(cap_id, date(year, 7, 1))


def share_in(n: StoredNotification, period: CapPeriod) -> float:
    """The share (0..1) of a notification's days that fall in ``period``."""
    first, last = max(n.start, period.start), min(n.end, period.end)
    if last < first:
        return 0.0
    return ((last - first).days + 1) / ((n.end - n.start).days + 1)


@dataclass(frozen=True)
class Entry:
    """A notification's contribution to one cap period, on the day it is attributed to."""

    notification: StoredNotification
    share: float
    on: date  # the last day of the notification's period within the cap period

    @property
    def quantity_bbl(self) -> float:
        """Barrels counted in this period."""
        return self.notification.quantity_bbl * self.share


def entries(period: CapPeriod, notifications: list[StoredNotification]) -> list[Entry]:
    """The contributions to ``period``, in the order they are attributed."""
    found = []
    for n in notifications:
        if n.cap != period.cap:
            continue
        share = share_in(n, period)
        if share > 0:
            found.append(Entry(n, share, min(n.end, period.end)))
    return sorted(found, key=lambda e: (e.on, e.notification.start, e.notification.ref))


@dataclass(frozen=True)
class Crossing:
    """The entry with which the running total first reached a threshold."""

    threshold_pct: float
    on: date
    total_bbl: float
    entries: tuple[Entry, ...]  # every entry counted up to and including the crossing one


def crossings(
    cap: Cap, period_entries: list[Entry], thresholds_pct: tuple[float, ...]
) -> list[Crossing]:
    """Thresholds reached by the running total (a threshold above 100 % means "exceeded")."""
    found, total, pending = [], 0.0, sorted(thresholds_pct)
    for index, entry in enumerate(period_entries):
        total += entry.quantity_bbl
        while pending and total >= cap.cap_bbl * pending[0] / 100.0:
            found.append(
                Crossing(pending.pop(0), entry.on, total, tuple(period_entries[: index + 1]))
            )
    return found


def exceeded(cap: Cap, period_entries: list[Entry]) -> Crossing | None:
    """The entry with which the running total first went above the cap, if it did."""
    total = 0.0
    for index, entry in enumerate(period_entries):
        total += entry.quantity_bbl
        if total > cap.cap_bbl:
            return Crossing(100.0, entry.on, total, tuple(period_entries[: index + 1]))
    return None


def monthly_running_totals(period: CapPeriod, period_entries: list[Entry]) -> list[dict[str, Any]]:
    """One row per month of the period: barrels attributed that month and the running total."""
    rows: list[dict[str, Any]] = []
    total, cursor = 0.0, date(period.start.year, period.start.month, 1)
    while cursor <= period.end:
        last = min(month_end(cursor.year, cursor.month), period.end)
        added = sum(e.quantity_bbl for e in period_entries if cursor <= e.on <= last)
        total += added
        rows.append({"month": cursor.strftime("%Y-%m"), "added_bbl": added, "total_bbl": total})
        cursor = next_month(cursor)
    return rows

"""Reporting gaps: a supplier that notified in a cap period and then fell silent.

Each supplier must notify every ``reporting_interval_days`` (30 for refined products, 90 for
crude oil). Within a cap period, a month is *past due* once that many days have passed since it
ended, counted up to the period's *as-of* date: the latest publication date (or, failing one,
the latest period end) of any notification of that cap in the period, i.e. how far the ledger's
knowledge of the period reaches. A gap is a run of at least ``min_gap_months`` past-due months,
after the supplier's first notification in the period, that none of its notifications covers.
A joint total (``cn+ru``) covers both states. A supplier with no notification at all in a
period is not judged there: absence from a partial table is not evidence of silence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from vigil.caps.ledger import CapPeriod, StoredNotification, next_month, share_in
from vigil.caps.notifications import month_end
from vigil.caps.rules import Cap


@dataclass(frozen=True)
class Gap:
    """Consecutive past-due months a supplier did not notify, and its last notification before."""

    cap: str
    supplier: str  # one ISO code
    supplier_name: str
    first_month: date
    last_month: date  # first day of the last missing month
    months: int
    as_of: date
    last_before: StoredNotification


def as_of(period: CapPeriod, notifications: list[StoredNotification]) -> date | None:
    """How far the ledger's knowledge of ``period`` reaches (None: nothing notified in it)."""
    inside = [n for n in notifications if n.cap == period.cap and share_in(n, period) > 0]
    if not inside:
        return None
    latest = max(max(n.published or n.end, n.end) for n in inside)
    return min(latest, period.end + timedelta(days=366))


def _months(period: CapPeriod, until: date, interval_days: int) -> list[date]:
    """First days of the period's months that are past due on ``until``."""
    months, cursor = [], date(period.start.year, period.start.month, 1)
    while cursor <= period.end:
        if month_end(cursor.year, cursor.month) + timedelta(days=interval_days) < until:
            months.append(cursor)
        cursor = next_month(cursor)
    return months


def _covered(month: date, notifications: list[StoredNotification]) -> bool:
    last = month_end(month.year, month.month)
    return any(n.start <= last and month <= n.end for n in notifications)


def supplier_gaps(
    cap: Cap, period: CapPeriod, notifications: list[StoredNotification]
) -> list[Gap]:
    """Every reporting gap of ``period`` (see the module docstring)."""
    until = as_of(period, notifications)
    if until is None:
        return []
    due = _months(period, until, cap.reporting_interval_days)
    inside = [n for n in notifications if n.cap == period.cap and share_in(n, period) > 0]
    names = {code: n.supplier_name for n in inside for code in n.supplier.split("+")}
    gaps = []
    for supplier in sorted(names):
        own = [n for n in inside if supplier in n.supplier.split("+")]
        first = min(n.start for n in own)
        run: list[date] = []
        for month in [*(m for m in due if m >= first), None]:
            if month is not None and not _covered(month, own):
                run.append(month)
                continue
            if len(run) >= cap.min_gap_months:
                before = [n for n in own if n.end < run[0]]
                last = max(before, key=lambda n: (n.end, n.ref))
                gaps.append(Gap(period.cap, supplier, _name(own, supplier, names), run[0],
                                run[-1], len(run), until, last))  # fmt: skip
            run = []
    return gaps


def _name(own: list[StoredNotification], supplier: str, names: dict[str, str]) -> str:
    single = [n.supplier_name for n in own if n.supplier == supplier]
    return single[0] if single else supplier.upper()

"""Findings of the ledger: thresholds reached, caps exceeded, suppliers fallen silent.

``cap_findings(store)`` recomputes them from the stored notifications (pure given the store, so
the same notifications always give the same finding ids); ``check_caps(store)`` also stores them.
Each finding cites the notification rows it rests on as ``Evidence("cap_notification", ref)``
with the file and line.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from vigil.caps.gaps import Gap, supplier_gaps
from vigil.caps.ledger import (
    CapPeriod,
    Crossing,
    StoredNotification,
    crossings,
    entries,
    exceeded,
    load_notifications,
    period_containing,
)
from vigil.caps.rules import cap_rules
from vigil.findings.model import Evidence, Finding, Subject
from vigil.findings.store import save_findings
from vigil.store import Store

DETECTOR = "caps-ledger"
VERSION = "1"


def _utc(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def evidence(n: StoredNotification, share: float = 1.0) -> Evidence:
    """A notification row as evidence, with what a reader needs without a look-up."""
    detail = {
        "file": n.file, "line": n.line, "supplier": n.supplier_name, "period": f"{n.start}..{n.end}",
        "quantity": n.quantity, "unit": n.unit, "quantity_bbl": round(n.quantity_bbl, 2),
        "basis": n.basis, "source": n.source,
    }  # fmt: skip
    if share < 1.0:
        detail["share_in_period"] = round(share, 4)
    return Evidence("cap_notification", n.ref, detail)


def _suppliers(notifications: list[StoredNotification]) -> tuple[Subject, ...]:
    names = sorted({(n.supplier, n.supplier_name) for n in notifications})
    return tuple(Subject("entity", "supplier", name=name) for _, name in names)


def crossing_finding(kind: str, period: CapPeriod, crossing: Crossing) -> Finding:
    """A ``cap_alert`` (threshold reached) or ``cap_exceeded`` finding."""
    cap = cap_rules().caps[period.cap]
    notes = [e.notification for e in crossing.entries]
    converted = sum(e.quantity_bbl for e in crossing.entries if e.notification.converted)
    limit = cap.cap_bbl * crossing.threshold_pct / 100.0
    pct = 100.0 * crossing.total_bbl / cap.cap_bbl
    reasons = [
        f"notified deliveries reach {crossing.total_bbl:,.0f} bbl by {crossing.on},"
        f" {pct:.1f}% of the {cap.cap_bbl:,.0f} bbl cap for {period.label} ({cap.resolution})",
        f"{len(notes)} notification rows counted",
    ]
    confidence = 0.9
    if converted and crossing.total_bbl - converted < limit:
        confidence = 0.7
        reasons.append(f"{converted:,.0f} bbl were converted from tonnes with declared factors"
                       " (approximations); without them the threshold is not reached")  # fmt: skip
    verb = "exceeded" if kind == "cap_exceeded" else f"reached {crossing.threshold_pct:g}% of"
    return Finding(
        kind=kind, start=_utc(period.start), end=_utc(crossing.on), subjects=_suppliers(notes),
        evidence=tuple(evidence(e.notification, e.share) for e in crossing.entries),
        confidence=confidence, reasons=tuple(reasons), detector=DETECTOR, detector_version=VERSION,
        parameters={"cap": period.cap, "period": period.label, "cap_bbl": cap.cap_bbl,
                    "threshold_pct": crossing.threshold_pct},
        measure_id=cap.measure_id,
        summary=f"{period.cap} petroleum notifications {verb} the {period.label} cap",
    )  # fmt: skip


def gap_finding(gap: Gap) -> Finding:
    """A ``reporting_gap`` finding: the supplier and its last notification before the gap."""
    cap = cap_rules().caps[gap.cap]
    first, last = gap.first_month, gap.last_month
    reasons = (
        f"{gap.supplier_name} notified {gap.cap} deliveries until {gap.last_before.end},"
        f" then none for {gap.months} months ({first:%Y-%m}..{last:%Y-%m}) past due by {gap.as_of}",
        f"{cap.resolution}: suppliers notify every {cap.reporting_interval_days} days",
        "a gap means unreported deliveries or no deliveries; it does not show which",
    )
    end = datetime.combine(date(last.year + last.month // 12, last.month % 12 + 1, 1), time(), UTC)
    return Finding(
        kind="reporting_gap", start=_utc(first), end=end,
        subjects=(Subject("entity", "supplier", name=gap.supplier_name),),
        evidence=(evidence(gap.last_before),), confidence=0.6, reasons=reasons,
        detector=DETECTOR, detector_version=VERSION,
        parameters={"cap": gap.cap, "supplier": gap.supplier, "as_of": gap.as_of.isoformat(),
                    "min_gap_months": cap.min_gap_months,
                    "reporting_interval_days": cap.reporting_interval_days},
        measure_id=cap.measure_id,
        summary=f"{gap.supplier_name}: no {gap.cap} notification for {gap.months} months",
    )  # fmt: skip


def cap_periods(notifications: list[StoredNotification]) -> list[CapPeriod]:
    """Every cap period any notification falls in."""
    found = set()
    for n in notifications:
        found.add(period_containing(n.cap, n.start))
        found.add(period_containing(n.cap, n.end))
    return sorted(found, key=lambda p: (p.cap, p.start))


def period_findings(period: CapPeriod, notifications: list[StoredNotification]) -> list[Finding]:
    """The findings of one cap period."""
    rules = cap_rules()
    cap = rules.caps[period.cap]
    counted = entries(period, notifications)
    found = [crossing_finding("cap_alert", period, c)
             for c in crossings(cap, counted, rules.thresholds_pct)]  # fmt: skip
    over = exceeded(cap, counted)
    if over is not None:
        found.append(crossing_finding("cap_exceeded", period, over))
    found.extend(gap_finding(g) for g in supplier_gaps(cap, period, notifications))
    return found


def cap_findings(store: Store) -> list[Finding]:
    """Every finding the stored notifications support."""
    notifications = load_notifications(store)
    return [f for p in cap_periods(notifications) for f in period_findings(p, notifications)]


def check_caps(store: Store) -> dict[str, Any]:
    """Compute and store the ledger's findings; returns counts and the findings."""
    findings = cap_findings(store)
    stored = save_findings(store, findings)
    return {
        "findings": [f.to_dict() for f in findings],
        "added": stored.added,
        "existing": stored.existing,
    }

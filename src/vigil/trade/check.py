"""Mirror-trade checks: partner-reported trade with the DPRK (M49 code 408) in banned goods.

Each stored row whose partner is 408 is looked up in the banned ranges (:mod:`vigil.trade.bans`).
A banned row becomes a ``mirror_trade`` finding under the range's measure, with the row as its
evidence. Petroleum is capped, not banned: a reporter's exports of 2710 (2709) to the DPRK in a
calendar year are summed in tonnes, converted with the *lowest* declared barrels-per-tonne of
the cap's products (so the comparison holds for any product mix), and flagged only by what
exceeds the barrels that reporter notified for that year in the cap ledger.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from vigil.caps.ledger import CapPeriod, entries, load_notifications
from vigil.caps.rules import products
from vigil.findings.model import Evidence, Finding, Subject
from vigil.findings.store import save_findings
from vigil.store import Store
from vigil.trade.bans import Ban, ban_for, dprk_direction

DPRK_CODE = 408
DETECTOR = "mirror-trade"
VERSION = "1"
KG_UNIT = 8  # Comtrade qtyUnitCode 8: weight in kilograms
CAVEAT = ("partner-reported statistics: the DPRK (408) and the Republic of Korea (410) are"
          " known to be confused in mirror data; check the reporter's customs release")  # fmt: skip


@dataclass(frozen=True)
class StoredRow:
    """A stored trade row with the DPRK as partner, as the checks read it."""

    ref: str
    file: str
    line: int
    freq: str
    start: date
    end: date
    reporter_code: int
    reporter_iso: str
    reporter_desc: str
    flow: str
    direction: str
    cmd_code: str
    cmd_desc: str
    qty_unit_code: int | None
    qty: float | None
    net_wgt_kg: float | None
    primary_value_usd: float | None

    @property
    def tonnes(self) -> float | None:
        """Net weight in tonnes (from netWgt, else a quantity in kilograms)."""
        if self.net_wgt_kg is not None:
            return self.net_wgt_kg / 1000.0
        if self.qty_unit_code == KG_UNIT and self.qty is not None:
            return self.qty / 1000.0
        return None


@dataclass
class TradeCheck:
    """The findings of a check and the petroleum comparisons behind them."""

    rows_with_dprk: int
    findings: list[Finding]
    petroleum: list[dict[str, Any]] = field(default_factory=list)
    no_weight: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = asdict(self)
        data["findings"] = [f.to_dict() for f in self.findings]
        return data


def dprk_rows(store: Store) -> list[StoredRow]:
    """Stored rows whose partner is the DPRK."""
    rows = store.conn.execute(
        "SELECT r.ref, f.path, r.line_no, r.freq_code, r.period_start, r.period_end,"
        " r.reporter_code, coalesce(r.reporter_iso, ''), coalesce(r.reporter_desc, ''),"
        " r.flow_code, r.direction, r.cmd_code, coalesce(r.cmd_desc, ''), r.qty_unit_code, r.qty,"
        " r.net_wgt_kg, r.primary_value_usd FROM trade_rows r JOIN trade_files f USING (file_id)"
        " WHERE r.partner_code = ? ORDER BY r.period_start, r.ref",
        [DPRK_CODE],
    ).fetchall()
    return [StoredRow(*row) for row in rows]


def evidence(row: StoredRow) -> Evidence:
    """A trade row as evidence, with the figures a reader needs."""
    return Evidence("trade_row", row.ref, {
        "file": row.file, "line": row.line, "reporter": row.reporter_desc or row.reporter_code,
        "flow": row.flow, "cmdCode": row.cmd_code, "cmdDesc": row.cmd_desc,
        "period": f"{row.start}..{row.end}", "netWgt_kg": row.net_wgt_kg, "qty": row.qty,
        "qtyUnitCode": row.qty_unit_code, "primaryValue_usd": row.primary_value_usd,
    })  # fmt: skip


def _subjects(row: StoredRow) -> tuple[Subject, ...]:
    return (Subject("entity", "reporter", name=row.reporter_desc or str(row.reporter_code)),
            Subject("entity", "partner", name="Democratic People's Republic of Korea"))  # fmt: skip


def _utc(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def ban_finding(row: StoredRow, ban: Ban) -> Finding:
    """A ``mirror_trade`` finding for one row in a banned range."""
    towards = "imported from" if ban.direction == "from_DPRK" else "exported to"
    value = f"US${row.primary_value_usd:,.0f}" if row.primary_value_usd is not None else "no value"
    weight = f"{row.tonnes:,.1f} t" if row.tonnes is not None else "no weight"
    return Finding(
        kind="mirror_trade", start=_utc(row.start), end=_utc(row.end + timedelta(days=1)),
        subjects=_subjects(row), evidence=(evidence(row),), confidence=0.5,
        reasons=(f"{row.reporter_desc or row.reporter_code} reports HS {row.cmd_code} ({ban.label})"
                 f" {towards} the DPRK: {weight}, {value}",
                 f"HS {ban.hs_first}-{ban.hs_last} {ban.direction} is banned ({ban.measure_id})",
                 CAVEAT),
        detector=DETECTOR, detector_version=VERSION,
        parameters={"hs_range": f"{ban.hs_first}-{ban.hs_last}", "direction": ban.direction},
        measure_id=ban.measure_id,
        summary=f"{row.reporter_desc or row.reporter_code}: HS {row.cmd_code} {towards} the DPRK",
    )  # fmt: skip


def notified_bbl(store: Store, cap: str, supplier: str, year: int) -> tuple[float, int]:
    """Barrels ``supplier`` (ISO code) notified under ``cap`` in ``year``, and rows counted.

    A joint total (``cn+ru``) counts in full for each of its states (in the supplier's favour).
    """
    period = CapPeriod(cap, date(year, 1, 1), date(year, 12, 31))
    own = [n for n in load_notifications(store, cap) if supplier in n.supplier.split("+")]
    counted = entries(period, own)
    return sum(e.quantity_bbl for e in counted), len(counted)


def petroleum_findings(store: Store, rows: list[tuple[StoredRow, Ban]], check: TradeCheck) -> None:
    """Compare exports of capped petroleum with notifications, per reporter, cap and year."""
    groups: dict[tuple[str, str, int], list[tuple[StoredRow, Ban]]] = {}
    for row, ban in rows:
        groups.setdefault((row.reporter_iso or str(row.reporter_code), ban.measure_id,
                           row.start.year), []).append((row, ban))  # fmt: skip
    for (reporter, _, year), members in sorted(groups.items()):
        _compare(store, reporter, year, members, check)


def _compare(store: Store, reporter: str, year: int, members: list[tuple[StoredRow, Ban]],
             check: TradeCheck) -> None:  # fmt: skip
    ban = members[0][1]
    cap = next(p.cap for p in products().values() if ban.hs_first.startswith(p.hs[:4]))
    factor = min(p.bbl_per_t for p in products().values() if p.cap == cap)
    weighed = [r for r, _ in members if r.tonnes is not None]
    check.no_weight.extend(r.ref for r, _ in members if r.tonnes is None)
    tonnes = sum(r.tonnes or 0.0 for r in weighed)
    from followthemoney.types import registry  # slow to import; only this comparison needs it

    supplier = registry.country.clean(reporter) or reporter.lower()
    notified, rows_counted = notified_bbl(store, cap, supplier, year)
    excess = tonnes * factor - notified
    comparison = {"reporter": reporter, "year": year, "cap": cap, "mirror_t": tonnes,
                  "bbl_per_t": factor, "mirror_bbl_at_least": tonnes * factor,
                  "notified_bbl": notified, "notification_rows": rows_counted,
                  "excess_bbl": max(0.0, excess)}  # fmt: skip
    check.petroleum.append(comparison)
    if excess <= 0 or not weighed:
        return
    first = weighed[0]
    check.findings.append(Finding(
        kind="mirror_trade", start=_utc(date(year, 1, 1)), end=_utc(date(year + 1, 1, 1)),
        subjects=_subjects(first), evidence=tuple(evidence(r) for r in weighed),
        confidence=0.6 if rows_counted else 0.4,
        reasons=(f"{first.reporter_desc or reporter} reports {tonnes:,.0f} t of HS {ban.hs_first}"
                 f" exported to the DPRK in {year}: at least {tonnes * factor:,.0f} bbl at"
                 f" {factor} bbl/t (the lowest declared factor)",
                 f"it notified {notified:,.0f} bbl for {year} ({rows_counted} ledger rows);"
                 f" {excess:,.0f} bbl beyond", CAVEAT),
        detector=DETECTOR, detector_version=VERSION,
        parameters={"hs": ban.hs_first, "rule": ban.rule, "bbl_per_t": factor, "year": year},
        measure_id=ban.measure_id,
        summary=f"{first.reporter_desc or reporter}: {excess:,.0f} bbl of HS {ban.hs_first}"
                f" beyond notifications in {year}",
    ))  # fmt: skip


def check_trade(store: Store) -> TradeCheck:
    """Every mirror-trade finding the stored rows support (see the module docstring)."""
    rows = dprk_rows(store)
    check = TradeCheck(len(rows), [])
    capped = []
    for row in rows:
        ban = ban_for(row.cmd_code, dprk_direction(row.direction))
        if ban is None:
            continue
        if ban.rule == "beyond_notified":
            capped.append((row, ban))
        else:
            check.findings.append(ban_finding(row, ban))
    petroleum_findings(store, capped, check)
    return check


def check_and_store(store: Store) -> dict[str, Any]:
    """Run :func:`check_trade` and store its findings; returns the check and counts."""
    check = check_trade(store)
    stored = save_findings(store, check.findings)
    return {**check.as_dict(), "added": stored.added, "existing": stored.existing}

"""Read UN Comtrade-format CSV (the API's and bulk files' column names) row by row.

Required columns: ``freqCode``, ``period``, ``reporterCode``, ``flowCode``, ``partnerCode``,
``cmdCode``; used when present: ``reporterISO``, ``reporterDesc``, ``partnerISO``,
``partnerDesc``, ``partner2Code``, ``cmdDesc``, ``customsCode``, ``mosCode``, ``motCode``,
``qtyUnitCode``, ``qty``, ``netWgt`` (kg), ``primaryValue`` (US$). ``period`` is ``YYYY`` for
annual (``A``) and ``YYYYMM`` for monthly (``M``) data. Every other column is kept in ``raw``.

An HS code must be 2 to 6 (or, for national lines, up to 12) digits in an existing chapter
(01-97 except the reserved 77); aggregates such as ``TOTAL`` are refused. A flow must be one of
:data:`FLOWS`. Each row becomes a :class:`TradeRow` or a :class:`TradeRowError` naming the line.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from vigil.caps.notifications import month_end
from vigil.trade.errors import TradeFileError, TradeRowError

REQUIRED: Final = ("freqCode", "period", "reporterCode", "flowCode", "partnerCode", "cmdCode")
# Comtrade flow codes as the reporter sees them (M import, X export, RM re-import, RX re-export,
# FM foreign import, DX domestic export, MIP/XIP/MOP/XOP inward/outward processing).
FLOWS: Final = {
    "M": "import", "RM": "import", "FM": "import", "MIP": "import", "MOP": "import",
    "X": "export", "RX": "export", "DX": "export", "XIP": "export", "XOP": "export",
}  # fmt: skip
KEY_COLUMNS: Final = ("freqCode", "period", "reporterCode", "flowCode", "partnerCode",
                      "partner2Code", "cmdCode", "customsCode", "mosCode", "motCode")  # fmt: skip
_HS = re.compile(r"^\d{2}(\d{2}){0,5}$")


@dataclass(frozen=True)
class TradeRow:
    """One valid Comtrade row."""

    line: int
    key: str
    freq: str
    start: date
    end: date
    reporter_code: int
    reporter_iso: str
    reporter_desc: str
    flow: str
    direction: str
    partner_code: int
    partner_iso: str
    partner_desc: str
    cmd_code: str
    cmd_desc: str
    qty_unit_code: int | None
    qty: float | None
    net_wgt_kg: float | None
    primary_value_usd: float | None
    raw: dict[str, str]


def hs_problem(code: str) -> str | None:
    """Why ``code`` is not an HS code (None if it is one)."""
    if not _HS.match(code):
        return f"unknown HS code {code!r}: not 2-12 digits in pairs"
    chapter = int(code[:2])
    if not 1 <= chapter <= 97 or chapter == 77:
        return f"unknown HS code {code!r}: chapter {code[:2]} does not exist"
    return None


def parse_period(freq: str, text: str) -> tuple[date, date]:
    """``A``/``YYYY`` or ``M``/``YYYYMM`` as (first day, last day)."""
    if freq == "A" and re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1), date(int(text), 12, 31)
    if freq == "M" and re.fullmatch(r"\d{6}", text) and 1 <= int(text[4:]) <= 12:
        year, month = int(text[:4]), int(text[4:])
        return date(year, month, 1), month_end(year, month)
    raise ValueError(f"period {text!r} does not fit frequency {freq!r} (A: YYYY, M: YYYYMM)")


def _number(row: dict[str, str], column: str) -> float | None:
    text = (row.get(column) or "").strip()
    if not text:
        return None
    value = float(text)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{column} must be a number >= 0, not {text!r}")
    return value


def _code(row: dict[str, str], column: str) -> int:
    text = (row.get(column) or "").strip()
    if not text.isdigit():
        raise ValueError(f"{column} must be a numeric code, not {text!r}")
    return int(text)


def parse_row(path: Path, line: int, row: dict[str, str]) -> TradeRow:
    """One row (raises :class:`TradeRowError` naming the line and value)."""
    raw = {k: v for k, v in row.items() if k and v is not None}
    text = {k: (v or "").strip() for k, v in raw.items()}
    try:
        freq, flow, cmd = text["freqCode"], text["flowCode"], text["cmdCode"]
        start, end = parse_period(freq, text["period"])
        if flow not in FLOWS:
            raise ValueError(f"unknown flowCode {flow!r}; known: {', '.join(FLOWS)}")
        if (problem := hs_problem(cmd)) is not None:
            raise ValueError(problem)
        unit = text.get("qtyUnitCode", "")
        trade = TradeRow(
            line, "|".join(text.get(c, "") for c in KEY_COLUMNS), freq, start, end,
            _code(text, "reporterCode"), text.get("reporterISO", ""), text.get("reporterDesc", ""),
            flow, FLOWS[flow], _code(text, "partnerCode"), text.get("partnerISO", ""),
            text.get("partnerDesc", ""), cmd, text.get("cmdDesc", ""),
            int(unit) if unit.lstrip("-").isdigit() else None, _number(text, "qty"),
            _number(text, "netWgt"), _number(text, "primaryValue"), raw,
        )  # fmt: skip
    except ValueError as exc:
        raise TradeRowError(str(path), str(exc), line=line, raw=raw) from exc
    return trade


def read_comtrade(path: Path) -> Iterator[TradeRow | TradeRowError]:
    """Every data row of ``path``: a trade row, or the error that keeps it out."""
    if not path.is_file():
        raise TradeFileError(path, "no such file")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise TradeFileError(path, f"not Comtrade CSV: no column {', '.join(missing)}", line=1)
        reader.fieldnames = header
        for row in reader:
            try:
                yield parse_row(path, reader.line_num, row)
            except TradeRowError as exc:
                yield exc

"""Read a notification table (CSV): one row per supplier, product and period.

Columns (header names, any order; extra columns are ignored):

| column | meaning |
|---|---|
| ``date``, ``month`` or ``period`` | when: ``YYYY-MM-DD`` (its month), ``YYYY-MM``, ``YYYY`` (a calendar year) or ``YYYY-MM..YYYY-MM`` |
| ``supplier`` | the notifying state (``China``, ``Russian Federation``, ``RU``); ``A+B`` for a total the source gives for two states together |
| ``product`` | a product or alias of ``data/products.csv`` (``refined petroleum products``, ``diesel``, ``crude oil``) |
| ``quantity`` | a number ≥ 0 (``1,410`` is read as 1410) |
| ``unit`` | a unit or alias of ``data/units.csv`` (``bbl``, ``t``, ``kg``, ``m3``, ``L``) |
| ``source`` | where the figure was published |
| ``basis`` (optional) | ``reported_month``, ``reported_total`` (a published total over the period) or ``derived_total`` (a published total minus published parts) |
| ``published`` (optional) | ``YYYY-MM-DD``: the date the figure was published (the "as of" of the Committee table) |
| ``note`` (optional) | free text |

Parsing is pure: each row becomes a :class:`Notification` or a :class:`RowError` naming the file,
line and value; the caller keeps the good rows and quarantines the rest.
"""

from __future__ import annotations

import calendar
import csv
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vigil.caps.errors import NotificationFileError, RowError
from vigil.caps.rules import Product, Quantity, convert, products, units

TIME_COLUMNS = ("date", "month", "period")
REQUIRED = ("supplier", "product", "quantity", "unit", "source")
BASES = ("reported_month", "reported_total", "derived_total")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


@dataclass(frozen=True)
class Notification:
    """One valid notification row, with its quantity in barrels and tonnes."""

    line: int
    period_start: date  # first day of the first month
    period_end: date  # last day of the last month
    supplier: str  # ISO codes, e.g. "ru", or "cn+ru" for a joint total
    supplier_name: str
    product: Product
    quantity: float
    unit: str
    converted: Quantity
    basis: str
    published: date | None
    source: str
    note: str
    raw: dict[str, str]

    @property
    def months(self) -> int:
        """How many calendar months the row covers."""
        start, end = self.period_start, self.period_end
        return (end.year - start.year) * 12 + end.month - start.month + 1


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> tuple[date, date]:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM..YYYY-MM`` as (first day, last day)."""
    text = text.strip()
    if ".." in text:
        first, last = (parse_period(part) for part in text.split("..", 1))
        if last[1] < first[0]:
            raise ValueError(f"period {text!r} ends before it starts")
        return first[0], last[1]
    if match := _YEAR.match(text):
        return date(int(match[1]), 1, 1), date(int(match[1]), 12, 31)
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        return date(year, month, 1), month_end(year, month)
    day = date.fromisoformat(text)
    return date(day.year, day.month, 1), month_end(day.year, day.month)


def parse_quantity(text: str) -> float:
    """A non-negative finite number; thousands grouped by commas are accepted."""
    cleaned = text.strip().replace(" ", "")
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    value = float(cleaned)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"quantity must be a finite number >= 0, not {text!r}")
    return value


def parse_supplier(text: str) -> str:
    """ISO codes of the supplier state(s), joined by ``+`` in sorted order."""
    from followthemoney.types import registry  # slow to import; only ingest needs it

    codes = []
    for part in text.split("+"):
        code = registry.country.clean(part.strip())
        if code is None:
            raise ValueError(f"unknown supplier state {part.strip()!r}")
        codes.append(code)
    return "+".join(sorted(set(codes)))


def _field(row: dict[str, str], name: str) -> str:
    return (row.get(name) or "").strip()


def _raw(row: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in row.items() if k and v is not None}


def parse_row(path: Path, line: int, row: dict[str, str]) -> Notification:
    """One row as a notification (raises :class:`RowError` naming the line and value)."""
    when = next((_field(row, c) for c in TIME_COLUMNS if _field(row, c)), "")
    try:
        if not when:
            raise ValueError(f"no date, month or period (one of {', '.join(TIME_COLUMNS)})")
        try:
            start, end = parse_period(when)
        except ValueError as exc:
            raise ValueError(f"bad period {when!r}: {exc}") from exc
        supplier = parse_supplier(_field(row, "supplier"))
        product = products().get(_field(row, "product").lower())
        if product is None:
            raise ValueError(f"unknown product {_field(row, 'product')!r}")
        unit = units().get(_field(row, "unit").lower())
        if unit is None:
            raise ValueError(f"unknown unit {_field(row, 'unit')!r}")
        quantity = parse_quantity(_field(row, "quantity"))
        basis = _field(row, "basis") or ("reported_month" if start.month == end.month
                                         and start.year == end.year else "reported_total")  # fmt: skip
        if basis not in BASES:
            raise ValueError(f"unknown basis {basis!r}; one of {', '.join(BASES)}")
        published = (
            date.fromisoformat(_field(row, "published")) if _field(row, "published") else None
        )
        if not _field(row, "source"):
            raise ValueError("no source given")
    except ValueError as exc:
        raise RowError(str(path), str(exc), line=line, raw=_raw(row)) from exc
    return Notification(
        line, start, end, supplier, _field(row, "supplier"), product, quantity, unit.unit,
        convert(quantity, unit, product), basis, published, _field(row, "source"),
        _field(row, "note"), _raw(row),
    )  # fmt: skip


def read_notifications(path: Path) -> Iterator[Notification | RowError]:
    """Every data row of ``path``: a notification, or the error that keeps it out."""
    if not path.is_file():
        raise NotificationFileError(path, "no such file")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = [c for c in REQUIRED if c not in header]
        if missing or not any(c in header for c in TIME_COLUMNS):
            need = ", ".join(missing) or "one of " + "/".join(TIME_COLUMNS)
            raise NotificationFileError(path, f"not a notification table: no column {need}", line=1)
        reader.fieldnames = header
        for row in reader:
            line = reader.line_num
            try:
                yield parse_row(path, line, row)
            except RowError as exc:
                yield exc

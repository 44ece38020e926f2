"""Dates written as lists write them, turned into followthemoney date prefixes.

Lists give dates as ``10 Dec 1948``, ``Dec 1948``, ``1948``, ``circa 1951``, ``1960 to 1962``,
``01 Jan 1960 to 31 Dec 1962``, ``circa 1960-1962``, ``30 March 2018`` or ISO ``2018-03-30``.
followthemoney stores a date as a prefix of ISO 8601 (``1948``, ``1948-12``, ``1948-12-10``),
so a date is kept exactly as precise as the list gives it: "circa 1951" becomes ``1951`` (the
parser keeps the words as the statement's original value), and a range of whole years becomes
each year of the range (a person born "1960 to 1962" must match a DOB of 1961). A range of
other dates becomes its two ends.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

MONTHS: Final[dict[str, int]] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
MAX_RANGE_YEARS: Final = 20  # a longer range of years is kept as its two ends only

_DAY_MONTH_YEAR: Final = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_MONTH_YEAR: Final = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{4})$")
_YEAR: Final = re.compile(r"^(\d{4})$")
_ISO: Final = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_RANGE: Final = re.compile(r"^(.+?)\s*(?:\bto\b|-|–)\s*(.+)$")
_CIRCA: Final = re.compile(r"^(?:circa|approximately|approx\.|about|ca\.)\s*", re.IGNORECASE)


def _checked(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if day is not None and month is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month is not None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def parse_single_date(text: str) -> str | None:
    """One date (no range) as an ISO prefix, or None when it is not a date."""
    text = text.strip().rstrip(".")
    if m := _ISO.match(text):
        day = int(m.group(3)) if m.group(3) else None
        return _checked(int(m.group(1)), int(m.group(2)), day)
    if m := _DAY_MONTH_YEAR.match(text):
        month = MONTHS.get(m.group(2).lower())
        return None if month is None else _checked(int(m.group(3)), month, int(m.group(1)))
    if m := _MONTH_YEAR.match(text):
        month = MONTHS.get(m.group(1).lower())
        return None if month is None else _checked(int(m.group(2)), month)
    if m := _YEAR.match(text):
        return _checked(int(m.group(1)))
    return None


def _years(first: str, last: str) -> list[str] | None:
    """The years of a range given as whole years (``1960``/``1962`` or 1 Jan..31 Dec)."""
    start = first[:4] if first[4:] in ("", "-01", "-01-01") else None
    end = last[:4] if last[4:] in ("", "-12", "-12-31") else None
    if start is None or end is None or not 0 <= int(end) - int(start) <= MAX_RANGE_YEARS:
        return None
    return [str(year) for year in range(int(start), int(end) + 1)]


def parse_date_text(text: str) -> list[str]:
    """Every date prefix a list's date text stands for; an empty list when it is not a date."""
    text = _CIRCA.sub("", text.strip().rstrip("."))
    single = parse_single_date(text)
    if single is not None:
        return [single]
    m = _RANGE.match(text)
    if m is None or _ISO.match(text):
        return []
    first, last = parse_single_date(m.group(1)), parse_single_date(m.group(2))
    if first is None or last is None:
        return []
    return _years(first, last) or [first, last]

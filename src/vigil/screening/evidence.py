"""Feature functions beyond names: identifiers, birth dates and countries.

Each returns ``(value, detail)``; the algorithm decides how much each value moves the score.
"""

from __future__ import annotations

from collections.abc import Iterable


def identifier_match(query: frozenset[str], result: frozenset[str]) -> tuple[float, str]:
    """1.0 when the two share a normalised identifier (IMO, MMSI, passport...), else 0.0."""
    shared = sorted(query & result)
    if shared:
        return 1.0, f"identifier {shared[0]} on both"
    return 0.0, ""


def _year(value: str) -> int | None:
    head = value[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def birth_date_agreement(query: str | None, result: Iterable[str]) -> tuple[float, str]:
    """+1 same date, +0.5 same year (or one side gives only the year), -1 years apart by more
    than one, 0 when either side has no date. Dates are ISO prefixes (``1944``, ``1944-10-13``).
    """
    dates = list(result)
    if not query or not dates:
        return 0.0, ""
    for date in dates:
        if date == query:
            return 1.0, f"birth date {date} on both"
    query_year = _year(query)
    years = [y for y in (_year(d) for d in dates) if y is not None]
    if query_year is None or not years:
        return 0.0, ""
    for date in dates:
        if _year(date) == query_year and (len(date) == 4 or len(query) == 4):
            return 0.5, f"birth year {query_year} on both"
    closest = min(years, key=lambda y: abs(y - query_year))
    if abs(closest - query_year) <= 1 or closest == query_year:
        return 0.0, f"birth dates close ({query} vs {dates[0]})"
    return -1.0, f"born {query} vs {', '.join(dates)}"


def country_agreement(query: frozenset[str], result: frozenset[str]) -> tuple[float, str]:
    """-1 when both name countries and none is shared, +1 when one is shared, else 0."""
    if not query or not result:
        return 0.0, ""
    if query & result:
        return 1.0, f"country {sorted(query & result)[0]} on both"
    return -1.0, f"country {sorted(query)[0]} vs {sorted(result)[0]}"

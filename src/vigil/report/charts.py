"""Charts as inline SVG: findings over time, cap usage, and a timeline per finding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Final

BAR_COLOUR: Final = "#1f4e79"


def _svg(width: int, height: int, body: str, title: str) -> str:
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
            f"<title>{escape(title)}</title>{body}</svg>")  # fmt: skip


def period_key(moment: datetime, by_day: bool) -> str:
    """``YYYY-MM-DD`` or ``YYYY-MM`` of a UTC time."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d") if by_day else moment.strftime("%Y-%m")


def findings_over_time(starts: Sequence[datetime], width_px: int = 640) -> str:
    """Bars of findings per day (spans under 60 days) or per month."""
    if not starts:
        return _svg(width_px, 40, '<text x="6" y="24">no findings</text>', "Findings over time")
    by_day = max(starts) - min(starts) < timedelta(days=60)
    counts = Counter(period_key(s, by_day) for s in starts)
    keys = sorted(counts)
    height, top, bottom = 180, 16, 36
    peak = max(counts.values())
    bar_w = (width_px - 40) / len(keys)
    parts = []
    for i, key in enumerate(keys):
        h = (height - top - bottom) * counts[key] / peak
        x, y = 30 + i * bar_w, height - bottom - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(1.0, bar_w - 2):.1f}" '
                     f'height="{h:.1f}" fill="{BAR_COLOUR}"><title>{key}: {counts[key]}</title></rect>'
                     f'<text class="count" x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}">{counts[key]}</text>')  # fmt: skip
        if len(keys) <= 16 or i % max(1, len(keys) // 8) == 0:
            parts.append(f'<text class="tick" x="{x + bar_w / 2:.1f}" y="{height - bottom + 14}">'
                         f"{key}</text>")  # fmt: skip
    parts.append(f'<line x1="28" y1="{height - bottom}" x2="{width_px - 8}" y2="{height - bottom}" '
                 'stroke="#444"/>')  # fmt: skip
    return _svg(width_px, height, "".join(parts), "Findings over time")


def cap_usage(used: float, cap: float, label: str, unit: str = "bbl", width_px: int = 640) -> str:
    """A bar of how much of a cap is used (red past 90 %)."""
    share = used / cap if cap > 0 else 0.0
    filled = min(1.0, share) * (width_px - 20)
    colour = "#c0392b" if share >= 0.9 else "#2e86c1"
    body = (f'<rect x="10" y="24" width="{width_px - 20}" height="22" fill="#eee" stroke="#999"/>'
            f'<rect x="10" y="24" width="{filled:.1f}" height="22" fill="{colour}"/>'
            f'<text x="10" y="16">{escape(label)}: {used:,.0f} of {cap:,.0f} {unit} '
            f"({share:.0%})</text>")  # fmt: skip
    return _svg(width_px, 56, body, f"{label} cap usage")


@dataclass(frozen=True)
class Mark:
    """Something to show on a timeline: a time, a label and a row."""

    at: datetime
    label: str
    row: str = "evidence"


def timeline(
    start: datetime, end: datetime, marks: Sequence[Mark] = (),
    spans: Sequence[tuple[str, datetime, datetime]] = (), width_px: int = 640,
) -> str:  # fmt: skip
    """A finding's span, evidence marks and other spans (e.g. tracks) on one time axis."""
    times = [start, end, *(m.at for m in marks), *(t for s in spans for t in s[1:])]
    lo, hi = min(times), max(times)
    pad = max((hi - lo) * 0.05, timedelta(minutes=30))
    lo, hi = lo - pad, hi + pad
    left, row_h = 120, 18

    def x(moment: datetime) -> float:
        return left + (moment - lo) / (hi - lo) * (width_px - left - 10)

    rows = ["finding", *dict.fromkeys(s[0] for s in spans), *dict.fromkeys(m.row for m in marks)]
    y_of = {row: 8 + i * row_h for i, row in enumerate(rows)}
    parts = [
        f'<text class="row" x="4" y="{y + 12}">{escape(r[:18])}</text>' for r, y in y_of.items()
    ]
    parts.append(f'<rect class="span" x="{x(start):.1f}" y="{y_of["finding"] + 3}" '
                 f'width="{max(2.0, x(end) - x(start)):.1f}" height="12"/>')  # fmt: skip
    for label, s, e in spans:
        parts.append(f'<rect class="track-span" x="{x(s):.1f}" y="{y_of[label] + 5}" '
                     f'width="{max(2.0, x(e) - x(s)):.1f}" height="8"><title>{escape(label)}'
                     "</title></rect>")  # fmt: skip
    for mark in marks:
        parts.append(f'<circle class="mark" cx="{x(mark.at):.1f}" cy="{y_of[mark.row] + 9}" r="4">'
                     f"<title>{escape(mark.label)}</title></circle>")  # fmt: skip
    height = 8 + len(rows) * row_h + 22
    fmt = "%Y-%m-%d %H:%M" if hi - lo < timedelta(days=3) else "%Y-%m-%d"
    parts.append(f'<text class="tick" x="{left}" y="{height - 6}" text-anchor="start">'
                 f"{lo.astimezone(UTC).strftime(fmt)} UTC</text>"
                 f'<text class="tick" x="{width_px - 10}" y="{height - 6}" text-anchor="end">'
                 f"{hi.astimezone(UTC).strftime(fmt)} UTC</text>")  # fmt: skip
    return _svg(width_px, height, "".join(parts), "Timeline")

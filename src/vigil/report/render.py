"""Render the report: Jinja2 HTML with inline SVG maps and charts, and optionally a PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from vigil.report.charts import Mark, cap_usage, findings_over_time, timeline
from vigil.report.gather import ReportData, _time, finding_tracks, source_files
from vigil.report.svgmap import Track, draw_map, fit_bbox
from vigil.store import Store

KOREA_BBOX = (117.0, 33.0, 132.0, 43.5)  # the overview frame: Yellow Sea, Korea Bay, East Sea
MAX_EVIDENCE_ROWS = 25  # per finding in the report; the rest: `vigil findings show ID --json`
MAX_TIMELINE_MARKS = 200


def environment() -> jinja2.Environment:
    """The packaged templates, autoescaped."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("vigil.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )


def _mark_time(detail: dict[str, Any]) -> datetime | None:
    for key in ("ts", "time", "at", "start"):
        value = detail.get(key)
        if isinstance(value, str):
            try:
                return _time(value)
            except ValueError:
                return None
    return None


def finding_view(store: Store, finding: dict[str, Any]) -> dict[str, Any]:
    """A finding with its map, timeline and source files, ready for the template."""
    tracks = finding_tracks(store, finding)
    points = [p for t in tracks for p in t.points]
    geometry = finding.get("geometry")
    if geometry:
        coords = geometry["coordinates"]
        points += [tuple(coords)] if geometry["type"] == "Point" else [tuple(c) for c in coords]
    svg_map = None
    if points:
        label = f"{finding['kind']}: {finding['summary']}"
        features = [(geometry, finding["kind"], label)] if geometry else []
        svg_map = draw_map(fit_bbox(points), features, tracks, caption=label)
    evidence = finding["evidence"]
    step = max(1, len(evidence) // MAX_TIMELINE_MARKS)
    marks = [Mark(t, f"{e['kind']} {e['ref']}") for e in evidence[::step]
             if (t := _mark_time(e["detail"])) is not None]  # fmt: skip
    start, end = _time(finding["start"]), _time(finding["end"])
    return {**finding, "map_svg": svg_map, "timeline_svg": timeline(start, end, marks),
            "evidence_shown": evidence[:MAX_EVIDENCE_ROWS],
            "evidence_more": max(0, len(evidence) - MAX_EVIDENCE_ROWS),
            "files": source_files(store, finding), "tracks": [t.label for t in tracks]}  # fmt: skip


def cap_charts(findings: list[dict[str, Any]]) -> list[str]:
    """A usage bar per cap and period named by cap findings, from their evidence."""
    used: dict[tuple[str, str], tuple[float, float]] = {}
    for f in findings:
        params = f["parameters"]
        if "cap_bbl" not in params:
            continue
        total = sum(float(e["detail"].get("quantity_bbl", 0.0)) *
                    float(e["detail"].get("share_in_period", 1.0)) for e in f["evidence"])  # fmt: skip
        key = (str(params.get("cap", f["measure_id"])), str(params.get("period", "")))
        used[key] = (max(total, used.get(key, (0.0, 0.0))[0]), float(params["cap_bbl"]))
    return [
        cap_usage(u, c, f"{cap} {period}".strip()) for (cap, period), (u, c) in sorted(used.items())
    ]


@dataclass(frozen=True)
class ReportFiles:
    """Where the report was written."""

    html: Path
    pdf: Path | None
    findings: int
    pdf_problem: str | None = None  # why no PDF was made in "auto" mode


def render_html(store: Store, data: ReportData, max_per_chapter: int = 50) -> str:
    """The whole report as one self-contained HTML document."""
    chapters = []
    for measure, items in data.chapters():
        detailed = [finding_view(store, f) for f in items[:max_per_chapter]]
        chapters.append({"measure": measure, "detailed": detailed, "rest": items[max_per_chapter:]})
    located = [f for f in data.findings if f.get("geometry")]
    overview = draw_map(KOREA_BBOX, [(f["geometry"], f["kind"], f["summary"]) for f in located],
                        caption="Findings with a location")  # fmt: skip
    annex = []
    for vessel in data.vessels:
        tracks = [vessel.track] if vessel.track and len(vessel.track.points) > 1 else []
        svg = draw_map(fit_bbox(list(tracks[0].points)), (), tracks, 480) if tracks else None
        annex.append({"vessel": vessel, "map_svg": svg})
    return environment().get_template("report.html.j2").render(
        data=data, chapters=chapters, overview_svg=overview, annex=annex,
        time_svg=findings_over_time([_time(f["start"]) for f in data.findings]),
        cap_svgs=cap_charts(data.findings),
        ledger_svgs=ledger_charts(data.ledger),
    )  # fmt: skip


def ledger_charts(ledger: dict[str, Any] | None) -> list[str]:
    """Per cap: the notified total, then notified plus observed under each laden scenario."""
    if ledger is None:
        return []
    svgs = []
    for cap in ledger["caps"]:
        label = f"{cap['cap']} {cap['period']} notified"
        svgs.append(cap_usage(cap["reported_bbl"], cap["cap_bbl"], label))
        for scenario, values in sorted(cap["reported_plus_observed"].items()):
            label = f"{cap['cap']} {cap['period']} notified + observed at {scenario} laden"
            svgs.append(cap_usage(values["total_bbl"], cap["cap_bbl"], label))
    return svgs


__all__ = ["ReportFiles", "Track", "render_html"]

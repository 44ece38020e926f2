"""Designated vessel sightings: any position or static message from a vessel in the register,
matched by IMO, by MMSI, or by name through the screening engine (a renamed vessel; a name match
carries to the other MMSIs that broadcast the same IMO). One
finding per vessel, register entity and UTC day, citing the day's first and last positions, the
static message that gave the identifier, and the register versions read.
"""

from __future__ import annotations

from typing import Any

from vigil.detect.context import Context, position_evidence, utc, vessel
from vigil.detect.engine import sql
from vigil.detect.params import SightingParams, as_dict
from vigil.findings.model import Evidence, Finding, Subject

# Version 2: a match by name is carried to the other MMSIs of the same IMO.
NAME, VERSION = "designated_vessel", "2"

DAYS_SQL = """
SELECT mmsi, CAST(FLOOR(t_s / 86400) AS BIGINT) AS day, MIN(t_s) AS t0, MAX(t_s) AS t1, COUNT(*) AS n
FROM pos WHERE mmsi IN ({mmsis}) GROUP BY mmsi, CAST(FLOOR(t_s / 86400) AS BIGINT)
"""
ENDS_SQL = "SELECT p.mmsi, p.position_id, p.raw_id, p.t_s, p.lat, p.lon FROM pos p JOIN sight_days d ON p.mmsi = d.mmsi AND (p.t_s = d.t0 OR p.t_s = d.t1)"


def _name_matches(ctx: Context, p: SightingParams) -> dict[tuple[int, str], str]:
    from vigil.screening.api import Screener
    from vigil.screening.models import Query

    entities = ctx.register.get("entities", [])
    if not entities:
        return {}
    screener = Screener.from_entities(entities)
    out = {}
    for mmsi, f in sorted(ctx.facts().items()):
        for name in sorted(f.names):
            for result in screener.screen(Query(name, schema="Vessel"), limit=3):
                if result.match and result.score >= p.min_name_score:
                    out[(mmsi, result.entity_id)] = (
                        f"name {name!r} matches {result.caption!r} (score {result.score:.2f})"
                    )
    return out


def links(ctx: Context, p: SightingParams) -> dict[tuple[int, str], str]:
    """(mmsi, register id) -> how the vessel was matched."""
    reg = ctx.register
    out: dict[tuple[int, str], str] = {}
    for mmsi, f in ctx.facts().items():
        for eid in reg.get("by_mmsi", {}).get(mmsi, set()):
            out[(mmsi, eid)] = f"MMSI {mmsi} is listed"
        for imo in f.imos:
            for eid in reg.get("by_imo", {}).get(imo, set()):
                out[(mmsi, eid)] = f"IMO {imo} is listed"
    for key, how in _name_matches(ctx, p).items():
        out.setdefault(key, how)
    return _carry_by_imo(ctx, out)


def _carry_by_imo(ctx: Context, out: dict[tuple[int, str], str]) -> dict[tuple[int, str], str]:
    """A hull matched by name keeps its IMO when it changes MMSI: carry the match to every MMSI
    that broadcast the same IMO (a renamed and reflagged ship listed under its old name)."""
    by_imo: dict[str, set[int]] = {}
    for mmsi, f in ctx.facts().items():
        for imo in f.imos:
            by_imo.setdefault(imo, set()).add(mmsi)
    for (mmsi, eid), how in sorted(out.items()):
        if not how.startswith("name"):
            continue
        for imo in sorted(ctx.facts()[mmsi].imos):
            for other in sorted(by_imo.get(imo, set()) - {mmsi}):
                out.setdefault(
                    (other, eid), f"name match of MMSI {mmsi} carried by their shared IMO {imo}"
                )
    return out


def detect(ctx: Context, p: SightingParams) -> list[Finding]:
    """Daily sightings of designated vessels."""
    matched = links(ctx, p)
    if not matched:
        return []
    mmsis = sorted({m for m, _ in matched})
    ctx.engine.materialize("sight_days", sql(DAYS_SQL, ctx.engine, mmsis=mmsis))
    days = sorted(ctx.engine.query("SELECT mmsi, day, t0, t1, n FROM sight_days"))
    ends: dict[tuple[int, int], tuple[Any, ...]] = {}
    for mmsi, pid, rid, t_s, lat, lon in ctx.engine.query(ENDS_SQL):
        key = (int(mmsi), int(t_s))
        if key not in ends or int(pid) < int(ends[key][0]):
            ends[key] = (int(pid), int(rid), int(t_s), float(lat), float(lon))
    out = []
    for (mmsi, eid), how in sorted(matched.items()):
        for m, _day, t0, t1, n in days:
            if int(m) == mmsi:
                rows = [ends[(mmsi, int(t0))]] + ([ends[(mmsi, int(t1))]] if t1 != t0 else [])
                out.append(_finding(ctx, mmsi, eid, how, rows, int(n), p))
    return out


def _finding(
    ctx: Context,
    mmsi: int,
    eid: str,
    how: str,
    rows: list[tuple[Any, ...]],
    n: int,
    p: SightingParams,
) -> Finding:
    reg = ctx.register
    ev = position_evidence(rows, mmsi)
    ev.append(Evidence("register_entity", eid, {"versions": reg.get("versions", {})}))
    for name, vid in sorted(reg.get("versions", {}).items()):
        ev.append(Evidence("register_version", str(vid), {"list": name}))
    by_name = how.startswith("name")
    return Finding(
        kind="designated_vessel",
        start=utc(rows[0][2]),
        end=utc(rows[-1][2]),
        subjects=(
            vessel(mmsi, facts=ctx.facts().get(mmsi)),
            Subject(kind="vessel", role="designated", entity_id=eid, name=reg["names"].get(eid)),
        ),
        evidence=tuple(ev),
        confidence=0.75 if by_name else 0.95,
        reasons=(how, f"{n} positions that day"),
        detector=NAME,
        detector_version=VERSION,
        parameters=as_dict(p),
        geometry={"type": "Point", "coordinates": [round(rows[0][4], 5), round(rows[0][3], 5)]},
        summary=f"designated vessel {reg['names'].get(eid)} ({eid}) seen as MMSI {mmsi}: {how}",
    )

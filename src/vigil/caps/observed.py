"""Deliveries seen at sea: tankers in ship-to-ship transfers and DPRK port calls, in barrels.

Stored findings of kind ``encounter`` (ship-to-ship transfer) and ``port_call`` are read for a
date range. A port call counts when it lies within ``dprk_port_radius_km`` of a DPRK port and
its vessel is a tanker. An encounter counts when a tanker takes part and a party is DPRK-linked
(flag or register) or the receiving tanker calls at a DPRK port within the same-cargo window.
The receiving tanker is the subject with role ``receiver``, else a DPRK-linked tanker, else the
tanker of smallest known deadweight (a transfer cannot exceed the smaller hold). Events of one
receiving tanker within ``same_cargo_window_days`` are one delivery. Each delivery's volume is
its deadweight × cargo barrels per tonne × each laden-fraction scenario; deliveries whose
tanker's deadweight is unknown are counted but add no volume. Events left out are counted by reason.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib import resources
from typing import Any

from vigil.caps.capacity import (
    CapacityModel,
    VesselFacts,
    ais_identity,
    capacity_model,
    facts_for,
    register_index,
)
from vigil.findings.store import list_findings
from vigil.store import Store

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Event:
    """One counted finding: its kind, time and receiving tanker."""

    finding_id: str
    kind: str
    start: datetime
    receiver: VesselFacts
    dprk_linked: bool


@dataclass
class Delivery:
    """One estimated delivery: a receiving tanker and the findings that show it."""

    vessel: VesselFacts
    start: datetime
    end: datetime
    findings: list[str]
    kinds: list[str]
    capacity_bbl: float | None
    scenarios_bbl: dict[str, float]


@dataclass
class ObservedEstimate:
    """Deliveries observed in a date range, with totals per laden-fraction scenario."""

    start: date
    end: date
    model_version: str
    deliveries: list[Delivery] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    unknown_capacity: int = 0
    totals_bbl: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def scenario_label(fraction: float) -> str:
    """``0.33`` -> ``"33%"``."""
    return f"{round(fraction * 100):d}%"


@cache
def dprk_ports() -> tuple[tuple[str, float, float], ...]:
    """(name, lat, lon) of the DPRK ports of ``vigil.detect``'s ``data/dprk_ports.csv``."""
    text = resources.files("vigil.detect").joinpath("data/dprk_ports.csv").read_text("utf-8")
    return tuple(
        (r["name"], float(r["lat"]), float(r["lon"])) for r in csv.DictReader(text.splitlines())
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def at_dprk_port(finding: dict[str, Any], radius_km: float) -> bool:
    """Whether a finding's position lies within ``radius_km`` of a DPRK port."""
    geometry = finding.get("geometry") or {}
    if geometry.get("type") != "Point":
        return False
    lon, lat = geometry["coordinates"][:2]
    return any(distance_km(lat, lon, plat, plon) <= radius_km for _, plat, plon in dprk_ports())


def _receiver(finding: dict[str, Any], facts: list[tuple[str, VesselFacts]]) -> VesselFacts | None:
    tankers = [(role, f) for role, f in facts if f.tanker]
    if not tankers:
        return None
    for role, f in tankers:
        if role == "receiver":
            return f
    dprk = [f for _, f in tankers if f.dprk]
    if dprk:
        return dprk[0]
    return min((f for _, f in tankers), key=lambda f: (f.dwt_t is None, f.dwt_t or 0.0, f.key))


def _events(
    found: list[dict[str, Any]], facts: dict[tuple[Any, Any], VesselFacts], model: CapacityModel
) -> tuple[list[Event], Counter[str]]:
    events, skipped = [], Counter[str]()
    for finding in found:
        parties = [(s["role"], facts[(s.get("mmsi"), s.get("imo"))])
                   for s in finding["subjects"] if s["kind"] == "vessel"]  # fmt: skip
        receiver = _receiver(finding, parties)
        port = finding["kind"] == "port_call" and at_dprk_port(finding, model.dprk_port_radius_km)
        if receiver is None:
            skipped[f"{finding['kind']}: no tanker among the vessels"] += 1
        elif finding["kind"] == "port_call" and not port:
            skipped["port_call: not at a DPRK port"] += 1
        else:
            start = datetime.fromisoformat(finding["start"].replace("Z", "+00:00"))
            linked = port or any(f.dprk for _, f in parties)
            events.append(Event(finding["id"], finding["kind"], start, receiver, linked))
    return events, skipped


def _deliveries(events: list[Event], model: CapacityModel) -> tuple[list[Delivery], int]:
    window = timedelta(days=model.same_cargo_window_days)
    by_vessel: dict[str, list[Event]] = {}
    for event in sorted(events, key=lambda e: (e.start, e.finding_id)):
        by_vessel.setdefault(event.receiver.key, []).append(event)
    deliveries, unlinked = [], 0
    for group in by_vessel.values():
        runs: list[list[Event]] = []
        for event in group:
            if runs and event.start - runs[-1][-1].start <= window:
                runs[-1].append(event)
            else:
                runs.append([event])
        for run in runs:
            if not any(e.dprk_linked for e in run):
                unlinked += 1
                continue
            deliveries.append(_delivery(run, model))
    return deliveries, unlinked


def _delivery(run: list[Event], model: CapacityModel) -> Delivery:
    vessel = run[0].receiver
    capacity = None if vessel.dwt_t is None else vessel.dwt_t * model.cargo_bbl_per_t
    scenarios = {} if capacity is None else {
        scenario_label(f): capacity * f for f in model.laden_fraction_scenarios
    }  # fmt: skip
    return Delivery(vessel, run[0].start, run[-1].start, [e.finding_id for e in run],
                    [e.kind for e in run], capacity, scenarios)  # fmt: skip


def observed_deliveries(
    store: Store, start: date, end: date, model: CapacityModel | None = None
) -> ObservedEstimate:
    """Estimated deliveries to the DPRK seen between ``start`` and ``end`` (inclusive, UTC)."""
    model = model or capacity_model()
    since = datetime.combine(start, time(), UTC)
    until = datetime.combine(end + timedelta(days=1), time(), UTC)
    found = [f for f in list_findings(store, ["encounter", "port_call"], since, until)
             if since <= datetime.fromisoformat(f["start"].replace("Z", "+00:00")) < until]  # fmt: skip
    keys = {(s.get("mmsi"), s.get("imo"), s.get("name")) for f in found for s in f["subjects"]
            if s["kind"] == "vessel"}  # fmt: skip
    ais = ais_identity(store, (k[0] for k in keys if k[0] is not None))
    register = register_index(store, model) if keys else {}
    facts = {(m, i): facts_for(m, i, n, ais.get(m or -1, {}), register, model) for m, i, n in keys}
    events, skipped = _events(found, facts, model)
    deliveries, unlinked = _deliveries(events, model)
    if unlinked:
        skipped["encounter: no DPRK-flagged or listed party, no DPRK port call after"] = unlinked
    estimate = ObservedEstimate(start, end, model.model_version, deliveries, dict(skipped))
    estimate.unknown_capacity = sum(1 for d in deliveries if d.capacity_bbl is None)
    estimate.totals_bbl = {
        scenario_label(f): sum(d.scenarios_bbl.get(scenario_label(f), 0.0) for d in deliveries)
        for f in model.laden_fraction_scenarios
    }
    return estimate

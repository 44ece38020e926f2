"""Scripted events with their ground truth: STS transfers, loitering, dark periods, spoofing,
identity swaps, shared MMSIs and DPRK port calls.

Each builder adds its vessels to the :class:`Context` and returns truth events whose times come
from the plan. Events whose times depend on reception (identity changes) are completed later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from vigil.ais.simulate import geo, routing
from vigil.ais.simulate.fleet import Identity, make_identity, renamed
from vigil.ais.simulate.motion import MOORED, UNDERWAY, Plan, Point
from vigil.ais.simulate.places import Area, Port, ports
from vigil.ais.simulate.traffic import HOUR_S, Context, Vessel, near, random_point

ROGUE_FLAGS = ("KP", "SL", "TG", "MN", "PA")
DARK_H = (14.0, 20.0)  # intentional dark periods, hours (well over the 12 h gap threshold)


@dataclass
class Truth:
    """One labelled event."""

    kind: str
    vessels: list[Vessel]
    start_s: float
    end_s: float
    point: Point
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Areas:
    """The areas and DPRK ports a scenario's events use."""

    offshore: tuple[Area, ...]
    decoy: tuple[Area, ...]
    dark: tuple[Area, ...]
    dprk_ports: tuple[Port, ...]


def _pick(rng: np.random.Generator, items: tuple[Any, ...]) -> Any:
    return items[int(rng.integers(len(items)))]


def arriving(ctx: Context, origin: Point, dest: Point, speed_kn: float, arrive_s: float) -> Plan:
    """A plan starting at ``ctx.start_s`` that reaches ``dest`` at ``arrive_s`` (moored first, or
    already under way part of the route when the whole route does not fit)."""
    points = routing.route(origin, dest)
    legs = geo.distance_m(*np.array(points[:-1]).T, *np.array(points[1:]).T)
    need_m = float(legs.sum()) - (arrive_s - ctx.start_s) * speed_kn * geo.KNOT_MPS
    if need_m <= 0:
        plan = Plan.at(ctx.start_s, origin)
        plan.stay(-need_m / (speed_kn * geo.KNOT_MPS), MOORED)
        plan.sail(points[1:], speed_kn)
        return plan
    cum = np.concatenate([[0.0], np.cumsum(legs)])
    i = int(np.searchsorted(cum, need_m, side="right") - 1)
    frac = (need_m - cum[i]) / legs[i]
    (la1, lo1), (la2, lo2) = points[i], points[i + 1]
    lat, lon = geo.interpolate(
        np.array([la1]), np.array([lo1]), np.array([la2]), np.array([lo2]), np.array([frac])
    )
    plan = Plan.at(ctx.start_s, (float(lat[0]), float(lon[0])))
    plan.sail(points[i + 1 :], speed_kn)
    return plan


def _rogue(ctx: Context, kind: str) -> Identity:
    return make_identity(ctx.rng, kind, str(ctx.rng.choice(ROGUE_FLAGS)), "A", ctx.used_mmsi)


def _leave(ctx: Context, plan: Plan, speed_kn: float) -> None:
    """Sail to a random background port and berth there until the end."""
    plan.sail_to(_pick(ctx.rng, ports()).berth, speed_kn, avoid_dprk=False)
    plan.until(ctx.end_s, MOORED)


def _window(ctx: Context, before_h: float, after_h: float) -> float:
    return float(ctx.rng.uniform(ctx.start_s + before_h * HOUR_S, ctx.end_s - after_h * HOUR_S))


def sts_transfer(ctx: Context, areas: Areas) -> list[Truth]:
    """Two tankers drift alongside (~120 m) at under 1 kn for 3-9 h; one is often dark before or after."""
    rng = ctx.rng
    spot = random_point(rng, _pick(rng, areas.offshore))
    meet = _window(ctx, 16, 22)
    end = meet + rng.uniform(3, 9) * HOUR_S
    wait_s = rng.uniform(0, 3) * HOUR_S
    drift_kn, drift_deg = rng.uniform(0.2, 0.9), rng.uniform(0, 360)
    truths, tankers = [], []
    for n, wait in enumerate((wait_s, 0.0)):
        start = spot
        if n:
            side = geo.destination(spot[0], spot[1], drift_deg + 90, 120.0)
            start = (float(side[0]), float(side[1]))
        pre = tuple(
            float(v)
            for v in geo.destination(
                start[0], start[1], drift_deg + 180, drift_kn * geo.KNOT_MPS * wait
            )
        )
        speed = rng.uniform(9, 12)
        plan = arriving(ctx, _pick(rng, ports()).berth, (pre[0], pre[1]), speed, meet - wait)
        plan.stay(wait + end - meet, UNDERWAY, drift_kn, drift_deg) if wait else plan.stay(
            end - meet, UNDERWAY, drift_kn, drift_deg
        )
        _leave(ctx, plan, speed)
        tankers.append(ctx.add(_rogue(ctx, "tanker"), "event:sts_transfer", plan))
        if end - meet + wait >= 4 * HOUR_S:
            truths.append(
                Truth(
                    "loitering", [tankers[-1]], meet - wait, end, spot, {"during": "sts_transfer"}
                )
            )
    truths.append(Truth("sts_transfer", tankers, meet, end, spot, {"drift_kn": round(drift_kn, 2)}))
    if rng.uniform() < 0.7:
        dark_s = rng.uniform(*DARK_H) * HOUR_S
        who = tankers[int(rng.integers(2))]
        window = (meet - 0.5 * HOUR_S - dark_s, meet - 0.5 * HOUR_S)
        if window[0] < ctx.start_s + HOUR_S:
            window = (end + 0.5 * HOUR_S, end + 0.5 * HOUR_S + dark_s)
        if window[1] < ctx.end_s - HOUR_S:
            who.dark.append(window)
            truths.append(
                Truth(
                    "ais_gap",
                    [who],
                    *window,
                    spot,
                    {"intentional": True, "related": "sts_transfer"},
                )
            )
    return truths


def loitering(ctx: Context, areas: Areas) -> list[Truth]:
    """A tanker drifting alone offshore at under 1 kn for 5-16 h."""
    rng = ctx.rng
    spot = random_point(rng, _pick(rng, areas.offshore))
    start = _window(ctx, 10, 20)
    end = start + rng.uniform(5, 16) * HOUR_S
    speed = rng.uniform(9, 12)
    plan = arriving(ctx, _pick(rng, ports()).berth, spot, speed, start)
    plan.stay(end - start, UNDERWAY, rng.uniform(0.1, 0.8), rng.uniform(0, 360))
    _leave(ctx, plan, speed)
    vessel = ctx.add(_rogue(ctx, "tanker"), "event:loitering", plan)
    return [Truth("loitering", [vessel], start, end, spot)]


def ais_gap(ctx: Context, areas: Areas) -> list[Truth]:
    """A cargo ship switches AIS off near DPRK waters, visits a DPRK port unseen, and reappears."""
    rng = ctx.rng
    spot = random_point(rng, _pick(rng, areas.dark))
    off = _window(ctx, 8, 30)
    on = off + rng.uniform(*DARK_H) * HOUR_S
    speed = rng.uniform(9, 12)
    plan = arriving(ctx, _pick(rng, ports()).berth, spot, speed, off)
    port = min(areas.dprk_ports, key=lambda p: float(geo.distance_m(*spot, *p.berth)))
    trip = Plan.at(off, spot)
    trip.sail_to(port.berth, speed, avoid_dprk=False)
    back_s = trip.end_s - off
    if 2 * back_s < on - off - HOUR_S:
        plan.sail_to(port.berth, speed, avoid_dprk=False)
        plan.stay(on - off - 2 * back_s, MOORED)
        plan.sail_to(spot, speed, avoid_dprk=False)
    else:
        plan.stay(on - off, UNDERWAY, 0.5, rng.uniform(0, 360))
    _leave(ctx, plan, speed)
    vessel = ctx.add(_rogue(ctx, "cargo"), "event:ais_gap", plan)
    vessel.dark.append((off, on))
    return [Truth("ais_gap", [vessel], off, on, spot, {"intentional": True, "near_dprk": True})]


def spoofing(ctx: Context, areas: Areas) -> list[Truth]:
    """A tanker near DPRK waters broadcasts positions of a decoy voyage far away for 8-20 h."""
    rng = ctx.rng
    spot = random_point(rng, _pick(rng, areas.dark))
    start = _window(ctx, 8, 24)
    end = start + rng.uniform(8, 20) * HOUR_S
    speed = rng.uniform(9, 12)
    plan = arriving(ctx, _pick(rng, ports()).berth, spot, speed, start)
    plan.stay(end - start, UNDERWAY, 0.5, rng.uniform(0, 360))
    _leave(ctx, plan, speed)
    decoy = _pick(rng, areas.decoy)
    fake = Plan.at(start, random_point(rng, decoy))
    while fake.end_s < end:
        fake.sail([random_point(rng, decoy)], speed)
    vessel = ctx.add(_rogue(ctx, "tanker"), "event:spoofing", plan)
    vessel.spoof.append((start, end, fake))
    false_point = (fake.lat[0], fake.lon[0])
    details = {
        "false_lat": round(false_point[0], 5),
        "false_lon": round(false_point[1], 5),
        "offset_km": round(float(geo.distance_m(*spot, *false_point)) / 1000, 1),
    }
    return [Truth("spoofing", [vessel], start, end, spot, details)]


def identity_change(ctx: Context, areas: Areas) -> list[Truth]:
    """A ship under way takes a new name, and half the time a new flag (so a new MMSI)."""
    rng = ctx.rng
    spot = random_point(rng, _pick(rng, areas.offshore))
    when = _window(ctx, 8, 8)
    speed = rng.uniform(9, 12)
    plan = arriving(ctx, _pick(rng, ports()).berth, spot, speed, when)
    _leave(ctx, plan, speed)
    old = _rogue(ctx, "tanker")
    new = renamed(
        rng, old, str(rng.choice(ROGUE_FLAGS)) if rng.uniform() < 0.5 else None, ctx.used_mmsi
    )
    vessel = ctx.add(old, "event:identity_change", plan)
    vessel.broadcast = [(ctx.start_s, old), (when, new)]
    changed = [
        f for f in ("name", "flag", "mmsi", "callsign") if getattr(old, f) != getattr(new, f)
    ]
    details = {
        "changed": changed,
        "old": {f: getattr(old, f) for f in changed},
        "new": {f: getattr(new, f) for f in changed},
    }
    return [Truth("identity_change", [vessel], when, when, spot, details)]


def shared_mmsi(ctx: Context, areas: Areas) -> list[Truth]:
    """A tanker near DPRK waters transmits, for 12-30 h, the identity of a liner sailing elsewhere."""
    rng = ctx.rng
    all_ports = ports()
    a, b = rng.choice(len(all_ports), 2, replace=False)
    victim_plan = Plan.at(ctx.start_s, all_ports[int(a)].berth)
    while victim_plan.end_s < ctx.end_s:
        victim_plan.sail_to(all_ports[int(b)].berth, 14.0)
        victim_plan.stay(6 * HOUR_S, MOORED)
        a, b = b, a
    victim = ctx.add(
        make_identity(rng, "cargo", "PA", "A", ctx.used_mmsi), "event:shared_mmsi", victim_plan
    )
    spot = random_point(rng, _pick(rng, areas.dark))
    start = _window(ctx, 6, 34)
    end = start + rng.uniform(12, 30) * HOUR_S
    plan = arriving(ctx, _pick(rng, ports()).berth, spot, 10.0, start)
    plan.stay(end - start, UNDERWAY, 0.5, rng.uniform(0, 360))
    _leave(ctx, plan, 10.0)
    impostor = ctx.add(_rogue(ctx, "tanker"), "event:shared_mmsi", plan)
    impostor.dark = [(ctx.start_s - 1, start), (end, ctx.end_s + 1)]
    impostor.broadcast = [(ctx.start_s, victim.identity)]
    return [
        Truth("shared_mmsi", [victim, impostor], start, end, spot, {"mmsi": victim.identity.mmsi})
    ]


def port_call(ctx: Context, areas: Areas) -> list[Truth]:
    """A cargo ship berths 6-30 h at a DPRK port; times are completed from its true track."""
    rng = ctx.rng
    port = _pick(rng, areas.dprk_ports)
    arrive = _window(ctx, 10, 40)
    speed = rng.uniform(9, 12)
    plan = arriving(ctx, _pick(rng, ports()).berth, near(rng, port.berth, 300), speed, arrive)
    plan.stay(rng.uniform(6, 30) * HOUR_S, MOORED)
    _leave(ctx, plan, speed)
    vessel = ctx.add(_rogue(ctx, "cargo"), "event:port_call", plan)
    return [Truth("port_call", [vessel], arrive, arrive, port.berth, {"port": port.name})]


BUILDERS = {
    "sts_transfer": sts_transfer,
    "loitering": loitering,
    "ais_gap": ais_gap,
    "spoofing": spoofing,
    "identity_change": identity_change,
    "shared_mmsi": shared_mmsi,
    "port_call": port_call,
}

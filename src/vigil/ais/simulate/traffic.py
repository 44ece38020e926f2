"""Simulated vessels and the ordinary background traffic: liners, ships at anchor, fishing fleets."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from vigil.ais.simulate import geo
from vigil.ais.simulate.fleet import Identity, make_identity
from vigil.ais.simulate.motion import AT_ANCHOR, FISHING, MOORED, Plan, Point
from vigil.ais.simulate.places import Area, Port, ports
from vigil.ais.simulate.routing import leg_at_sea

HOUR_S = 3600.0


@dataclass
class Vessel:
    """One simulated ship: its true identity and plan, and what its transponder does."""

    key: str
    identity: Identity
    role: str
    plan: Plan
    dark: list[tuple[float, float]] = field(default_factory=list)
    spoof: list[tuple[float, float, Plan]] = field(default_factory=list)
    # Broadcast identity from a time on; empty means the true identity throughout.
    broadcast: list[tuple[float, Identity | None]] = field(default_factory=list)


@dataclass
class Context:
    """Shared state of one simulation run."""

    rng: np.random.Generator
    start_s: float
    end_s: float
    used_mmsi: set[int]
    vessels: list[Vessel] = field(default_factory=list)

    def add(self, identity: Identity, role: str, plan: Plan) -> Vessel:
        """Register a new vessel."""
        vessel = Vessel(f"v{len(self.vessels) + 1:05d}", identity, role, plan)
        self.vessels.append(vessel)
        return vessel


def random_point(rng: np.random.Generator, area: Area) -> Point:
    """A uniformly random point of an area's disc."""
    lat, lon = geo.destination(
        area.lat, area.lon, rng.uniform(0, 360), area.radius_km * 1000 * np.sqrt(rng.uniform())
    )
    return float(lat), float(lon)


def near(rng: np.random.Generator, point: Point, radius_m: float) -> Point:
    """A random point at sea within ``radius_m`` of ``point``."""
    for _ in range(50):
        lat, lon = geo.destination(
            point[0], point[1], rng.uniform(0, 360), radius_m * np.sqrt(rng.uniform())
        )
        if leg_at_sea(point, (float(lat), float(lon))):
            return float(lat), float(lon)
    return point


def liner(ctx: Context, kind: str, a: Port, b: Port) -> None:
    """A ferry or container ship shuttling between two ports, berthing at each."""
    rng = ctx.rng
    ident = make_identity(rng, kind, "KR" if a.country == "KR" else "CN", "A", ctx.used_mmsi)
    speed = rng.uniform(16, 21) if kind == "ferry" else rng.uniform(13, 18)
    here, there = (a, b) if rng.uniform() < 0.5 else (b, a)
    plan = Plan.at(ctx.start_s, near(rng, here.berth, 600))
    plan.stay(rng.uniform(0.2, 8) * HOUR_S, MOORED)
    while plan.end_s < ctx.end_s:
        plan.sail_to(near(rng, there.berth, 600), speed)
        plan.stay(rng.uniform(4, 10) * HOUR_S, MOORED)
        here, there = there, here
    ctx.add(ident, f"background:{kind}", plan)


def anchored(ctx: Context, port: Port) -> None:
    """A ship waiting at a port's anchorage for the whole run."""
    rng = ctx.rng
    kind = str(rng.choice(["cargo", "tanker", "container"]))
    ident = make_identity(rng, kind, str(rng.choice(["CN", "KR", "PA"])), "A", ctx.used_mmsi)
    plan = Plan.at(ctx.start_s, near(rng, port.anchorage, 2500))
    plan.until(ctx.end_s, AT_ANCHOR)
    ctx.add(ident, "background:anchored", plan)


def fishing(ctx: Context, area: Area) -> None:
    """A fishing vessel trawling legs of 5-15 km at 3-4.5 kn inside its grounds."""
    rng = ctx.rng
    cls = "B" if rng.uniform() < 0.7 else "A"
    ident = make_identity(rng, "fishing", str(rng.choice(["CN", "KR"])), cls, ctx.used_mmsi)
    plan = Plan.at(ctx.start_s, random_point(rng, area))
    while plan.end_s < ctx.end_s:
        nxt = random_point(rng, area)
        if 5_000 < float(geo.distance_m(*plan.here, *nxt)) < 15_000:
            plan.sail([nxt], rng.uniform(3.0, 4.5), FISHING)
    ctx.add(ident, "background:fishing", plan)


def background(
    ctx: Context, count: int, fishing_areas: tuple[Area, ...], mix: dict[str, float]
) -> None:
    """Add ``count`` background vessels in the proportions of ``mix`` (liner, anchored, fishing)."""
    rng, all_ports = ctx.rng, ports()
    kinds = rng.choice(list(mix), size=count, p=np.array(list(mix.values())) / sum(mix.values()))
    for kind in kinds:
        if kind == "anchored":
            anchored(ctx, all_ports[int(rng.integers(len(all_ports)))])
        elif kind == "fishing" and fishing_areas:
            fishing(ctx, fishing_areas[int(rng.integers(len(fishing_areas)))])
        else:
            a, b = rng.choice(len(all_ports), 2, replace=False)
            liner(
                ctx, str(rng.choice(["ferry", "container"])), all_ports[int(a)], all_ports[int(b)]
            )

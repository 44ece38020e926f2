"""Run a scenario: build vessels and events, sample reports, apply reception, write the outputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from vigil.ais.simulate import events as ev
from vigil.ais.simulate import geo, labels, places, reception, traffic
from vigil.ais.simulate.errors import ScenarioError
from vigil.ais.simulate.fleet import Identity
from vigil.ais.simulate.motion import Samples, sample
from vigil.ais.simulate.scenarios import Scenario, get
from vigil.ais.simulate.writers import Emitted, write_csv, write_nmea, write_truth

GAP_LABEL_S = 12 * 3600.0  # reception gaps this long are labelled too (not intentional)
STATIC_EVERY_S = 360


@dataclass(frozen=True)
class Summary:
    """What a run wrote."""

    scenario: str
    seed: int
    vessels: int
    positions: int
    static_messages: int
    events: dict[str, int]
    out_dir: str


def _areas(sc: Scenario) -> ev.Areas:
    by_name = {a.name: a for a in places.areas()}
    dprk = tuple(p for p in places.dprk_ports() if p.name in sc.dprk_ports)
    return ev.Areas(
        tuple(by_name[n] for n in sc.offshore),
        tuple(by_name[n] for n in sc.decoy),
        tuple(by_name[n] for n in sc.dark),
        dprk,
    )


def _broadcast_idents(
    v: traffic.Vessel, t: NDArray[np.int64]
) -> list[tuple[NDArray[np.bool_], Identity]]:
    if not v.broadcast:
        return [(np.ones(len(t), bool), v.identity)]
    starts = [s for s, _ in v.broadcast] + [np.inf]
    return [
        ((t >= starts[i]) & (t < starts[i + 1]), ident or v.identity)
        for i, (_, ident) in enumerate(v.broadcast)
    ]


def _emit(
    v: traffic.Vessel,
    s: Samples,
    ok: NDArray[np.bool_],
    station: NDArray[np.int64],
    out: Emitted,
    rng: np.random.Generator,
    sc: Scenario,
    start_s: float,
    end_s: float,
) -> None:
    for a, b in v.dark:
        ok &= ~((s.t_s >= a) & (s.t_s < b))
    lat, lon, sog, cog = s.lat.copy(), s.lon.copy(), s.sog_kn.copy(), s.cog_deg.copy()
    for a, b, fake_plan in v.spoof:
        w = (s.t_s >= a) & (s.t_s < b)
        fake = sample(fake_plan, v.identity.transceiver, rng, a, b, sc.gps_noise_m)
        idx = np.clip(np.searchsorted(fake.t_s, s.t_s[w]), 0, len(fake.t_s) - 1)
        lat[w], lon[w], sog[w], cog[w] = (
            fake.lat[idx],
            fake.lon[idx],
            fake.sog_kn[idx],
            fake.cog_deg[idx],
        )
    for where, ident in _broadcast_idents(v, s.t_s):
        keep = ok & where
        out.add(
            v.key,
            ident,
            s.t_s[keep],
            lat[keep],
            lon[keep],
            sog[keep],
            cog[keep],
            s.heading_deg[keep],
            s.status[keep],
            station[keep],
        )


def _complete(truths: list[ev.Truth], true: dict[str, Samples], out: Emitted) -> list[ev.Truth]:
    """Fill in times that depend on the track or on reception; add reception gaps."""
    done = []
    for t in truths:
        if t.kind == "port_call":
            s = true[t.vessels[0].key]
            d = geo.distance_m(s.lat, s.lon, *t.point)
            inside = np.flatnonzero(d <= 3000)
            if not len(inside):
                continue
            after = np.flatnonzero((d > 4000) & (np.arange(len(d)) > inside[0]))
            t.start_s = float(s.t_s[inside[0]])
            t.end_s = float(s.t_s[after[0]]) if len(after) else float(s.t_s[-1])
        if t.kind == "identity_change":
            key, old, new = t.vessels[0].key, t.details["old"], t.details["new"]
            times = out.times_by_identity(key)
            before = [x for ts in times.values() for x in ts if x < t.start_s]
            later = [x for ts in times.values() for x in ts if x >= t.start_s]
            if not before or not later:
                continue
            t.start_s, t.end_s = float(max(before)), float(min(later))
            t.details = {"changed": t.details["changed"], "old": old, "new": new}
        done.append(t)
    return done


def _reception_gaps(vessels: list[traffic.Vessel], out: Emitted) -> list[ev.Truth]:
    found = []
    for v in vessels:
        t = np.sort(
            np.concatenate(
                [ts for ts in out.times_by_identity(v.key).values()] or [np.zeros(0, np.int64)]
            )
        )
        for i in np.flatnonzero(np.diff(t) >= GAP_LABEL_S):
            a, b = float(t[i]), float(t[i + 1])
            if any(da < b and db > a for da, db in v.dark):
                continue
            lat, lon = out.position_at(v.key, a)
            found.append(
                ev.Truth(
                    "ais_gap", [v], a, b, (lat, lon), {"intentional": False, "cause": "reception"}
                )
            )
    return found


def simulate(
    name: str, out_dir: Path, vessels: int | None = None, days: int | None = None, seed: int = 0
) -> Summary:
    """Run scenario ``name`` and write positions.nmea, positions.csv, truth.json and the
    designated vessels (see :mod:`vigil.ais.simulate.labels`) to ``out_dir``."""
    if seed < 0:
        raise ScenarioError(f"--seed must be non-negative, not {seed}")
    sc = get(name).with_options(vessels, days)
    rng = np.random.default_rng(seed)
    start_s = datetime.fromisoformat(sc.start.replace("Z", "+00:00")).timestamp()
    end_s = start_s + sc.days * 86400
    ctx = traffic.Context(rng, start_s, end_s, set())
    areas, truths = _areas(sc), []
    for kind, count in sc.events.items():
        for _ in range(count):
            truths += ev.BUILDERS[kind](ctx, areas)
    traffic.background(
        ctx,
        sc.vessels - len(ctx.vessels),
        tuple(a for a in places.areas() if a.name in sc.fishing),
        sc.mix,
    )
    passes = reception.satellite_passes(rng, start_s, end_s, sc.reception)
    out, true = Emitted(), {}
    for v in ctx.vessels:
        s = sample(v.plan, v.identity.transceiver, rng, start_s, end_s, sc.gps_noise_m)
        ok, station = reception.receive(s, rng, passes, sc.reception)
        true[v.key] = s
        _emit(v, s, ok, station, out, rng, sc, start_s, end_s)
    truths = _complete(truths, true, out) + _reception_gaps(ctx.vessels, out)
    listed = labels.designated(ctx.vessels)
    truths += labels.dprk_waters(ctx.vessels, true, out)
    truths += labels.sightings(ctx.vessels, listed, out)
    out_dir.mkdir(parents=True, exist_ok=True)
    labels.write_register(out_dir / labels.REGISTER_FILE, listed)
    table = out.finish(STATIC_EVERY_S)
    write_nmea(out_dir / "positions.nmea", table)
    write_csv(out_dir / "positions.csv", table)
    counts = write_truth(out_dir / "truth.json", sc, seed, ctx.vessels, truths, start_s, end_s)
    return Summary(
        sc.name, seed, len(ctx.vessels), table.rows, table.static_rows, counts, str(out_dir)
    )

"""Labels for the kinds whose truth follows from the tracks once they are simulated.

- ``dprk_waters``: each stretch of a vessel's true track inside a DPRK-claimed zone (the same
  polygons the detector reads, :func:`vigil.detect.geo.zones`) during which at least one of its
  reports was received: a visit made entirely in the dark is not observable in AIS, so it is not
  labelled (the ais_gap it lies in is).
- ``designated_vessel``: a small register of designated vessels, written as the UN 1718
  Committee's vessel CSV (``designated_vessels.csv``): every DPRK-flagged vessel that takes part
  in an event, listed by name and IMO, and every renamed vessel, listed by its old name only
  (found through name screening). A sighting is labelled for each UTC day with a received
  report from a listed ship (under any identity: renamed, it is still the designated hull) or
  from any ship broadcasting a listed IMO or name.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from vigil.ais.simulate.events import Truth
from vigil.ais.simulate.fleet import Identity
from vigil.ais.simulate.motion import Samples
from vigil.ais.simulate.traffic import Vessel
from vigil.ais.simulate.writers import Emitted
from vigil.detect import geo

REGISTER_FILE = "designated_vessels.csv"
REGISTER_HEADER = (
    "vessel_name", "imo_number", "mmsi", "flag", "call_sign", "vessel_type", "designated_owner",
    "date_of_designation", "other_information",
)  # fmt: skip
DAY_S = 86400


def received_times(out: Emitted, key: str) -> NDArray[np.int64]:
    """Every received report time of a vessel, whatever identity it broadcast."""
    parts = list(out.times_by_identity(key).values())
    return np.sort(np.concatenate(parts)) if parts else np.zeros(0, np.int64)


def _in_zones(s: Samples) -> NDArray[np.bool_]:
    mask = np.zeros(len(s.t_s), dtype=bool)
    for ring in geo.zones().values():
        near = (
            (s.lon >= ring[:, 0].min()) & (s.lon <= ring[:, 0].max())
            & (s.lat >= ring[:, 1].min()) & (s.lat <= ring[:, 1].max())
        )  # fmt: skip
        idx = np.flatnonzero(near & ~mask)
        if len(idx):
            mask[idx] = geo.inside(ring, s.lon[idx], s.lat[idx])
    return mask


def dprk_waters(vessels: list[Vessel], true: Mapping[str, Samples], out: Emitted) -> list[Truth]:
    """One label per observed stretch of a true track inside DPRK waters and identity (MMSI)
    the vessel broadcast during it."""
    found = []
    for v in vessels:
        s = true[v.key]
        inside = _in_zones(s)
        if not inside.any():
            continue
        edges = np.diff(np.concatenate(([0], inside.astype(np.int8), [0])))
        for a, b in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
            t0, t1 = s.t_s[a], s.t_s[b - 1]
            point = (round(float(s.lat[a]), 5), round(float(s.lon[a]), 5))
            for index, times in sorted(out.times_by_identity(v.key).items()):
                n = int(np.count_nonzero((times >= t0) & (times <= t1)))
                if n:
                    seen = replace(v, identity=out.identities[index])
                    found.append(
                        Truth("dprk_waters", [seen], float(t0), float(t1), point, {"received": n})
                    )
    return found


def designated(vessels: list[Vessel]) -> list[tuple[Vessel, dict[str, str]]]:
    """The simulated register: (vessel, CSV row) per designated vessel."""
    rows = []
    for v in vessels:
        ident = v.identity
        if ident.flag == "KP" and v.role.startswith("event:"):
            rows.append((v, _row(ident.name, str(ident.imo), "listed by name and IMO")))
        elif v.role == "event:identity_change":  # renamed (not a ship using another's identity)
            rows.append((v, _row(ident.name, "", "listed under its old name only")))
    return rows


def _row(name: str, imo: str, note: str) -> dict[str, str]:
    row = dict.fromkeys(REGISTER_HEADER, "")
    row.update(vessel_name=name, imo_number=imo, flag="", other_information=f"simulated: {note}")
    return row


def write_register(path: Path, listed: list[tuple[Vessel, dict[str, str]]]) -> None:
    """Write the simulated register as a 1718 Committee vessel CSV."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=REGISTER_HEADER)
        writer.writeheader()
        writer.writerows(row for _, row in listed)


def sightings(
    vessels: list[Vessel], listed: list[tuple[Vessel, dict[str, str]]], out: Emitted
) -> list[Truth]:
    """One label per broadcast identity and UTC day with a received report, for every identity
    of a listed ship (it stays designated when renamed) and every identity any other ship
    broadcasts that matches a listing (its IMO, or the listed name, e.g. a renamed ship taking
    a listed name)."""
    found = []
    own = {v.key: row for v, row in listed}
    for v in vessels:
        for index, times in sorted(out.times_by_identity(v.key).items()):
            ident = out.identities[index]
            rows = [own[v.key]] if v.key in own else [r for _, r in listed if _matches(ident, r)]
            if not rows:
                continue
            seen = replace(v, identity=ident)  # labelled with the MMSI it broadcast
            days = times // DAY_S
            for day in np.unique(days):
                t = np.sort(times[days == day])
                point = out.position_at(v.key, float(t[0]))
                details = {"day": int(day), "listed": rows[0]["vessel_name"]}
                found.append(
                    Truth("designated_vessel", [seen], float(t[0]), float(t[-1]), point, details)
                )
    return found


def _matches(ident: Identity, row: dict[str, str]) -> bool:
    return (bool(row["imo_number"]) and str(ident.imo) == row["imo_number"]) or (
        ident.name == row["vessel_name"]
    )

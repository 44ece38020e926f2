"""A designated vessel for the demo: a ship of the ingested register sailing through Korea Bay.

The simulated scenario's fleet has made-up identities, so without this the demo report would have
no sighting of a designated vessel. The demo picks the first DPRK-regime ``Vessel`` of the
register (by entity id) that has an IMO number, and writes a short AIS track broadcasting its
IMO number, name and (when the list gives one) MMSI, encoded with the simulator's own NMEA
encoders. The main job then raises ``designated_vessel`` findings for it from the register alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

import numpy as np

from vigil.register.identifiers import normalize_imo
from vigil.register.query import iter_entities
from vigil.store import Store

# The route: from Korea Bay (38.35 N, 123.60 E) south to the northern Yellow Sea (37.40 N,
# 123.90 E), open water within range of the Baengnyeong-do station, at 8.5 knots.
ROUTE_LAT_LON: Final = ((38.35, 123.60), (37.40, 123.90))
SPEED_KNOTS: Final = 8.5
DEPART_AFTER_S: Final = 6 * 3600  # after the scenario's start
POSITION_EVERY_S: Final = 30
STATIC_EVERY_S: Final = 360
STATION: Final = "KRBNY001"
NM_M: Final = 1852.0
DEG_LAT_M: Final = 111_320.0
DPRK_MID: Final = 445


@dataclass(frozen=True)
class ListedShip:
    """A vessel of the register, as the demo makes it broadcast."""

    entity_id: str
    name: str
    imo: int
    mmsi: int
    mmsi_listed: bool  # whether the register gives this MMSI (else only the IMO links it)


def pick_listed_ship(store: Store) -> ListedShip | None:
    """The first DPRK-regime vessel (by entity id) with an IMO number; one with an MMSI first."""
    found: list[ListedShip] = []
    for entity in iter_entities(store, dprk_only=True):
        if entity.schema.name != "Vessel":
            continue
        imos = [i for i in (normalize_imo(v) for v in entity.get("imoNumber")) if i]
        if not imos:
            continue
        mmsis = [int(v) for v in entity.get("mmsi") if v.strip().isdigit() and len(v.strip()) == 9]
        imo = int(imos[0])
        mmsi = mmsis[0] if mmsis else DPRK_MID * 1_000_000 + imo % 1_000_000
        found.append(ListedShip(str(entity.id), entity.caption[:20], imo, mmsi, bool(mmsis)))
    found.sort(key=lambda s: (not s.mmsi_listed, s.entity_id))
    return found[0] if found else None


def _track(start_s: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Times (s), latitudes and longitudes along the route, and its course (degrees)."""
    (lat0, lon0), (lat1, lon1) = ROUTE_LAT_LON
    k = np.cos(np.radians((lat0 + lat1) / 2))
    north_m, east_m = (lat1 - lat0) * DEG_LAT_M, (lon1 - lon0) * DEG_LAT_M * k
    duration_s = float(np.hypot(north_m, east_m)) / (SPEED_KNOTS * NM_M / 3600)
    t_s = np.arange(0, duration_s, POSITION_EVERY_S, dtype=np.int64)
    frac = t_s / duration_s
    course_deg = float(np.degrees(np.arctan2(east_m, north_m)) % 360)
    return t_s + start_s, lat0 + frac * (lat1 - lat0), lon0 + frac * (lon1 - lon0), course_deg


def write_listed_ship_nmea(ship: ListedShip, scenario_start: str, path: Path) -> int:
    """Write the ship's AIS (positions and static messages) to ``path``; returns the lines."""
    from vigil.ais.simulate import encode
    from vigil.ais.simulate.fleet import Identity

    start_s = int(datetime.fromisoformat(scenario_start.replace("Z", "+00:00")).timestamp())
    t_s, lat, lon, course_deg = _track(start_s + DEPART_AFTER_S)
    n = len(t_s)
    payload = encode.payloads(
        np.full(n, ship.mmsi, np.uint64), np.zeros(n, np.bool_), np.zeros(n, np.uint64),
        np.full(n, SPEED_KNOTS), lat, lon, np.full(n, course_deg), np.full(n, course_deg), t_s,
    )  # fmt: skip
    station = np.tile(np.frombuffer(STATION.encode("ascii"), np.uint8), (n, 1))
    block = encode.lines(t_s, station, payload)
    width = encode.LINE_WIDTH
    timed = [
        (int(t), block[i * width : (i + 1) * width].decode("ascii")) for i, t in enumerate(t_s)
    ]
    ident = Identity(ship.mmsi, ship.imo, ship.name, "HMXX", "KP", "cargo", "A", 110, 17, 6.5,
                     "NAMPO")  # fmt: skip
    for k, t in enumerate(range(int(t_s[0]), int(t_s[-1]) + 1, STATIC_EVERY_S)):
        timed.append((t, encode.static_lines(ident, t, STATION, k % 10)))
    timed.sort(key=lambda item: item[0])  # a static message goes before the position of its second
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(line for _, line in timed)
    path.write_text(text, encoding="ascii")
    return text.count("\n")

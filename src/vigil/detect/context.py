"""What every detector gets: the engine with ``pos`` loaded, helpers shared by detectors, and
the register and identity facts used to raise priority. Also how evidence is fetched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from vigil.detect import shore
from vigil.detect.engine import Engine, sql
from vigil.findings.model import Evidence, Subject
from vigil.register.identifiers import parse_mmsi


@dataclass
class VesselFacts:
    """What the AIS identity history and the register say about one MMSI."""

    ship_types: set[int] = field(default_factory=set)
    imos: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    register_ids: set[str] = field(default_factory=set)
    register_flags: set[str] = field(default_factory=set)

    def tanker(self) -> bool:
        return any(80 <= t <= 89 for t in self.ship_types)


@dataclass
class Context:
    """A detection run's engine and shared facts (filled lazily)."""

    engine: Engine
    register: dict[str, Any] = field(default_factory=dict)  # see designated.load_register
    _facts: dict[int, VesselFacts] | None = None
    _tables: set[str] = field(default_factory=set)

    def facts(self) -> dict[int, VesselFacts]:
        """Per-MMSI identity facts (ship type, IMO, names) and register links."""
        if self._facts is None:
            facts: dict[int, VesselFacts] = defaultdict(VesselFacts)
            rows = self.engine.query(
                "SELECT mmsi, field, value FROM ident WHERE field IN ('ship_type', 'imo', 'name')"
            )
            for mmsi, name, value in rows:
                f = facts[int(mmsi)]
                if name == "ship_type" and str(value).isdigit():
                    f.ship_types.add(int(value))
                elif name == "imo":
                    f.imos.add(str(value))
                elif name == "name":
                    f.names.add(str(value))
            for mmsi, f in facts.items():
                ids = self.register.get("by_mmsi", {}).get(mmsi, set()).copy()
                for imo in f.imos:
                    ids |= self.register.get("by_imo", {}).get(imo, set())
                f.register_ids = ids
                f.register_flags = {
                    self.register["flags"][i] for i in ids if self.register["flags"].get(i)
                }
            self._facts = dict(facts)
        return self._facts

    def lagged(self) -> str:
        """Materialize ``pos_lag`` once: each position with its distance from shore (``km``) and
        its vessel's previous report (``prev_*``). One sort of the positions serves gaps,
        spoofing, loitering and the dark periods of encounters."""
        if "pos_lag" not in self._tables:
            shore_table = self.shore_cells("pos")
            text = LAG_SQL.replace("{shore_join}", cell_join("p.lat", "p.lon", shore_table))
            self.engine.materialize("pos_lag", text, reuse=True)
            self._tables.add("pos_lag")
        return "pos_lag"

    def shore_cells(self, table: str) -> str:
        """Put ``shore_<table>`` (r, c, km) for the distinct cells of ``table`` (lat, lon)."""
        name = f"shore_{table}"
        if name in self._tables:
            return name
        rows = self.engine.query(
            sql(CELLS_SQL, self.engine, cell=shore.CELL_DEG).replace("TBL", table)
        )
        if rows:
            arr = np.asarray(rows, dtype=np.int64)
            km = shore.distance_km(arr[:, 0], arr[:, 1])
            data = [
                (int(r), int(c), int(k))
                for (r, c), k in zip(arr.tolist(), km.tolist(), strict=True)
            ]
        else:
            data = []
        self.engine.put(name, [("r", "BIGINT"), ("c", "BIGINT"), ("km", "INTEGER")], data)
        self._tables.add(name)
        return name

    def evidence(
        self, episodes: Sequence[tuple[int, int, int, int]]
    ) -> dict[int, list[tuple[Any, ...]]]:
        """Positions of each episode (id, mmsi, start_s, end_s), ordered by time and id, as rows
        (position_id, raw_id, t_s, lat, lon)."""
        return {ep: track.rows() for ep, track in self.tracks(episodes).items()}

    def tracks(self, episodes: Sequence[tuple[int, int, int, int]]) -> dict[int, Track]:
        """Positions of each episode (id, mmsi, start_s, end_s) as columns, ordered by time and
        id. Fetched as Arrow: a loitering day holds thousands of rows, and a Python tuple per
        row costs more than the query."""
        self.engine.put(
            "episodes",
            [("ep", "BIGINT"), ("mmsi", "BIGINT"), ("t0", "BIGINT"), ("t1", "BIGINT")],
            episodes,
        )
        table = self.engine.columns(EVIDENCE_SQL)
        cols = {name: table.column(name).to_numpy() for name in table.column_names}
        eps = cols["ep"]
        bounds = np.flatnonzero(np.diff(eps)) + 1
        starts = np.concatenate(([0], bounds)) if len(eps) else np.array([], dtype=np.int64)
        ends = np.concatenate((bounds, [len(eps)])) if len(eps) else starts
        return {
            int(eps[a]): Track(*(cols[c][a:b] for c in Track.COLUMNS))
            for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
        }


@dataclass(frozen=True)
class Track:
    """One episode's positions as parallel arrays (numpy), ordered by time then position id."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("position_id", "raw_id", "t_s", "lat", "lon")
    position_id: NDArray[np.int64]
    raw_id: NDArray[np.int64]
    t_s: NDArray[np.int64]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.t_s)

    def rows(self) -> list[tuple[Any, ...]]:
        """(position_id, raw_id, t_s, lat, lon) tuples of plain Python values."""
        lists = [getattr(self, c).tolist() for c in self.COLUMNS]
        return list(zip(*lists, strict=True))


LAG_SQL = """
SELECT p.mmsi, p.position_id, p.raw_id, p.t_s, p.lat, p.lon, p.sog_knots, s.km,
       LAG(p.sog_knots) OVER w AS prev_sog, LAG(p.position_id) OVER w AS prev_id,
       LAG(p.raw_id) OVER w AS prev_raw, LAG(p.t_s) OVER w AS prev_t, LAG(p.lat) OVER w AS prev_lat,
       LAG(p.lon) OVER w AS prev_lon, LAG(s.km) OVER w AS prev_km
FROM pos p {shore_join} WINDOW w AS (PARTITION BY p.mmsi ORDER BY p.t_s, p.position_id)
"""
CELLS_SQL = (
    "SELECT DISTINCT CAST(FLOOR((90.0 - lat) / {cell}) AS BIGINT) AS r,"
    " CAST(FLOOR((lon + 180.0) / {cell}) AS BIGINT) AS c FROM TBL"
)
EVIDENCE_SQL = (
    "SELECT e.ep, p.position_id, p.raw_id, p.t_s, p.lat, p.lon FROM episodes e"
    " JOIN pos p ON p.mmsi = e.mmsi AND p.t_s BETWEEN e.t0 AND e.t1"
    " ORDER BY e.ep, p.t_s, p.position_id"
)


def cell_join(lat: str, lon: str, shore_table: str) -> str:
    """SQL joining ``shore_table`` s to rows by the grid cell of ``lat``/``lon`` expressions."""
    cell = shore.CELL_DEG
    return (
        f"LEFT JOIN {shore_table} s ON s.r = CAST(FLOOR((90.0 - {lat}) / {cell}) AS BIGINT)"
        f" AND s.c = CAST(FLOOR(({lon} + 180.0) / {cell}) AS BIGINT)"
    )


def utc(t_s: float) -> datetime:
    """An epoch second as an aware UTC datetime."""
    return datetime.fromtimestamp(int(t_s), tz=UTC)


def vessel(mmsi: int, role: str = "subject", facts: VesselFacts | None = None) -> Subject:
    """A vessel subject, with its IMO and name when the identity history gives exactly one."""
    imo = next(iter(facts.imos)) if facts and len(facts.imos) == 1 else None
    name = next(iter(facts.names)) if facts and len(facts.names) == 1 else None
    return Subject(kind="vessel", role=role, mmsi=int(mmsi), imo=imo, name=name)


def position_evidence(rows: Sequence[tuple[Any, ...]], mmsi: int) -> list[Evidence]:
    """``ais_position`` and ``ais_raw`` evidence for rows (position_id, raw_id, t_s, lat, lon)."""
    out: list[Evidence] = []
    last = len(rows) - 1
    for i, (pid, rid, t_s, lat, lon) in enumerate(rows):
        detail: dict[str, Any] = {"mmsi": mmsi}
        if i in (0, last):  # the ends carry a readable summary; the rest are references
            detail.update(t=utc(t_s).isoformat(), lat=round(lat, 5), lon=round(lon, 5))
        out.append(Evidence("ais_position", str(pid), detail))
        out.append(Evidence("ais_raw", str(rid)))
    return out


def track_evidence(track: Track | None, mmsi: int) -> list[Evidence]:
    """Evidence for a run of one vessel's positions: the first and last as ``ais_position``
    items, and every row's position and raw ids listed in one ``ais_positions`` item (a
    loitering day holds thousands; one object each would dominate)."""
    if track is None or not len(track):
        return []
    rows = track.rows() if len(track) <= 2 else [_row(track, 0), _row(track, -1)]
    ends = position_evidence(rows, mmsi)
    first, last = utc(rows[0][2]).isoformat(), utc(rows[-1][2]).isoformat()
    bulk = Evidence(
        "ais_positions",
        f"{mmsi}:{first}/{last}:{len(track)}",
        {
            "mmsi": mmsi,
            "position_ids": track.position_id.tolist(),
            "raw_ids": track.raw_id.tolist(),
        },
    )
    return [*ends, bulk]


def _row(track: Track, i: int) -> tuple[Any, ...]:
    return tuple(getattr(track, c)[i].item() for c in Track.COLUMNS)


def dprk_flagged(mmsi: int, facts: VesselFacts | None) -> bool:
    """MID 445 (DPRK) or a register flag of KP."""
    return parse_mmsi(mmsi).country == "KP" or bool(
        facts and "kp" in {f.lower() for f in facts.register_flags}
    )


def line(points: Sequence[tuple[float, float]]) -> dict[str, Any]:
    """GeoJSON for (lat, lon) points: a Point for one, else a LineString (rounded to 1e-5)."""
    coords = [[round(lon, 5), round(lat, 5)] for lat, lon in points]
    if len(coords) == 1:
        return {"type": "Point", "coordinates": coords[0]}
    return {"type": "LineString", "coordinates": coords}

"""Collect emitted reports and write them: NMEA with tag blocks, MarineCadastre-like CSV, truth."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from numpy.typing import NDArray

from vigil.ais.simulate import encode
from vigil.ais.simulate.fleet import Identity
from vigil.ais.simulate.reception import station_codes

CHUNK_ROWS = 500_000
CSV_COLUMNS = (
    "MMSI",
    "BaseDateTime",
    "LAT",
    "LON",
    "SOG",
    "COG",
    "Heading",
    "VesselName",
    "IMO",
    "CallSign",
    "VesselType",
    "Status",
    "Length",
    "Width",
    "Draft",
    "Cargo",
    "TransceiverClass",
)


@dataclass
class Table:
    """All emitted reports in time order (arrays of equal length) and their identities."""

    t_s: NDArray[np.int64]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    sog: NDArray[np.float64]
    cog: NDArray[np.float64]
    heading: NDArray[np.float64]
    status: NDArray[np.int64]
    ident: NDArray[np.int64]
    station: NDArray[np.int64]
    static: NDArray[np.bool_]
    identities: list[Identity]

    @property
    def rows(self) -> int:
        """Number of position reports."""
        return len(self.t_s)

    @property
    def static_rows(self) -> int:
        """Number of static reports sent alongside positions."""
        return int(self.static.sum())


class Emitted:
    """Accumulates received reports per vessel and identity."""

    def __init__(self) -> None:
        self.identities: list[Identity] = []
        self._index: dict[Identity, int] = {}
        self.parts: list[tuple[str, int, list[NDArray[Any]]]] = []

    def add(self, key: str, ident: Identity, *arrays: NDArray[Any]) -> None:
        """Add a vessel's reports broadcast under one identity."""
        if ident not in self._index:
            self._index[ident] = len(self.identities)
            self.identities.append(ident)
        self.parts.append((key, self._index[ident], list(arrays)))

    def times_by_identity(self, key: str) -> dict[int, NDArray[np.int64]]:
        """A vessel's report times for each identity it used."""
        return {i: a[0] for k, i, a in self.parts if k == key and len(a[0])}

    def position_at(self, key: str, t_s: float) -> tuple[float, float]:
        """A vessel's broadcast position at report time ``t_s``."""
        for k, _, a in self.parts:
            hit = np.flatnonzero(a[0] == t_s) if k == key else np.zeros(0, np.intp)
            if len(hit):
                return round(float(a[1][hit[0]]), 5), round(float(a[2][hit[0]]), 5)
        return 0.0, 0.0

    def finish(self, static_every_s: int) -> Table:
        """Concatenate, sort by time, and mark the reports followed by a static message."""
        cols = [np.concatenate([p[2][c] for p in self.parts]) for c in range(8)]
        ident = np.concatenate([np.full(len(p[2][0]), p[1]) for p in self.parts]).astype(np.int64)
        group = np.concatenate([np.full(len(p[2][0]), n) for n, p in enumerate(self.parts)])
        bucket = cols[0] // static_every_s
        first = np.ones(len(bucket), bool)
        first[1:] = (bucket[1:] != bucket[:-1]) | (group[1:] != group[:-1])
        order = np.argsort(cols[0], kind="stable")
        c = [x[order] for x in cols]
        return Table(
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            c[5],
            c[6],
            ident[order],
            c[7],
            first[order],
            self.identities,
        )


def write_nmea(path: Path, tab: Table) -> None:
    """Write tagged !AIVDM lines in time order; static messages follow their position report."""
    codes = station_codes()
    code_bytes = np.frombuffer("".join(codes).encode("ascii"), dtype=np.uint8).reshape(
        len(codes), 8
    )
    mmsi = np.array([i.mmsi for i in tab.identities], dtype=np.uint64)
    class_b = np.array([i.transceiver == "B" for i in tab.identities])
    seq = 0
    with path.open("wb", buffering=1 << 22) as handle:
        for lo in range(0, tab.rows, CHUNK_ROWS):
            sl = slice(lo, min(lo + CHUNK_ROWS, tab.rows))
            ident = tab.ident[sl]
            pay = encode.payloads(
                mmsi[ident],
                class_b[ident],
                tab.status[sl].astype(np.uint64),
                tab.sog[sl],
                tab.lat[sl],
                tab.lon[sl],
                tab.cog[sl],
                tab.heading[sl],
                tab.t_s[sl],
            )
            blob = encode.lines(tab.t_s[sl], code_bytes[tab.station[sl]], pay)
            done = 0
            for j in np.flatnonzero(tab.static[sl]):
                handle.write(blob[done * encode.LINE_WIDTH : (j + 1) * encode.LINE_WIDTH])
                done = int(j) + 1
                row = lo + j
                handle.write(
                    encode.static_lines(
                        tab.identities[tab.ident[row]],
                        int(tab.t_s[row]),
                        codes[tab.station[row]],
                        seq,
                    ).encode("ascii")
                )
                seq = int(seq + 1) % 10
            handle.write(blob[done * encode.LINE_WIDTH :])


def write_csv(path: Path, tab: Table) -> None:
    """Write MarineCadastre-like CSV rows (one per position report)."""
    ids = tab.identities

    def col(f: Any) -> NDArray[Any]:
        return np.array([f(i) for i in ids])[tab.ident]

    ts = pa.array(tab.t_s, type=pa.timestamp("s", tz="UTC"))
    table = pa.table(
        {
            "MMSI": col(lambda i: i.mmsi),
            "BaseDateTime": pc.strftime(ts, format="%Y-%m-%dT%H:%M:%S"),
            "LAT": np.round(tab.lat, 5),
            "LON": np.round(tab.lon, 5),
            "SOG": np.round(tab.sog, 1),
            "COG": np.round(tab.cog, 1),
            "Heading": np.round(tab.heading).astype(np.int64) % 360,
            "VesselName": col(lambda i: i.name),
            "IMO": col(lambda i: f"IMO{i.imo}" if i.imo else ""),
            "CallSign": col(lambda i: i.callsign),
            "VesselType": col(lambda i: i.ship_type),
            "Status": tab.status,
            "Length": col(lambda i: i.length_m),
            "Width": col(lambda i: i.width_m),
            "Draft": col(lambda i: i.draught_m),
            "Cargo": col(lambda i: i.ship_type),
            "TransceiverClass": col(lambda i: i.transceiver),
        }
    )
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="none"))


def _iso(t_s: float) -> str:
    return datetime.fromtimestamp(t_s, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_truth(
    path: Path,
    sc: Any,
    seed: int,
    vessels: list[Any],
    truths: list[Any],
    start_s: float,
    end_s: float,
) -> dict[str, int]:
    """Write truth.json; return the event count per kind."""
    truths = sorted(truths, key=lambda t: (t.start_s, t.kind))
    events = [
        {
            "id": f"e{n + 1:04d}",
            "kind": t.kind,
            "vessels": [v.key for v in t.vessels],
            "mmsi": sorted({v.identity.mmsi for v in t.vessels}),
            "start": _iso(t.start_s),
            "end": _iso(t.end_s),
            "location": {"lat": round(t.point[0], 5), "lon": round(t.point[1], 5)},
            "details": t.details,
        }
        for n, t in enumerate(truths)
    ]
    counts: dict[str, int] = {}
    for e in events:
        counts[str(e["kind"])] = counts.get(str(e["kind"]), 0) + 1
    doc = {
        "scenario": sc.name,
        "seed": seed,
        "start": _iso(start_s),
        "end": _iso(end_s),
        "parameters": {
            "vessels": sc.vessels,
            "days": sc.days,
            "events": sc.events,
            "reception": asdict(sc.reception),
            "gps_noise_m": sc.gps_noise_m,
        },
        "vessels": [
            {
                "id": v.key,
                "role": v.role,
                "mmsi": v.identity.mmsi,
                "imo": v.identity.imo,
                "name": v.identity.name,
                "flag": v.identity.flag,
                "type": v.identity.vessel_type,
                "class": v.identity.transceiver,
                "identities": [asdict(i) for _, i in v.broadcast if i is not None],
            }
            for v in vessels
        ],
        "events": events,
        "counts": counts,
    }
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    return counts

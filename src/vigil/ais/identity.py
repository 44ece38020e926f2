"""Identity history from static and voyage data (types 5, 19 and 24 parts A and B).

Each message yields observations (mmsi, field, value); the store keeps one row per distinct
value with its first-seen and last-seen UTC times, the raw line that first showed it and the
number of observations. "Not available" values (IMO 0, empty text, zero dimensions, ETA
month 0) are not observations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import duckdb
import pyarrow as pa

IDENTITY_FIELDS: Final = (
    "imo",
    "call_sign",
    "name",
    "ship_type",
    "dimensions",
    "draught",
    "destination",
    "eta",
)
# mmsi, field, value, first and last time (µs UTC), raw id of the first, number of messages:
# one message (first = last, n = 1) or several messages of the same content folded together
Observation = tuple[int, str, str, int, int, int, int]
Aggregate = list[int]  # first_us, last_us, first_raw_id, observations


def _text(value: Any) -> str | None:
    text = str(value or "").replace("@", " ").strip()
    return " ".join(text.split()) or None


def dimensions(bow_m: int, stern_m: int, port_m: int, starboard_m: int) -> str | None:
    """Length and beam in metres from the antenna offsets, e.g. ``L180 B30`` (as CSV gives)."""
    if not (bow_m + stern_m) or not (port_m + starboard_m):
        return None
    return f"L{bow_m + stern_m} B{port_m + starboard_m}"


def _eta(f: dict[str, Any]) -> str | None:
    month, day, hour, minute = (int(f.get(k) or 0) for k in ("month", "day", "hour", "minute"))
    if not month or not day:
        return None
    return f"{month:02d}-{day:02d} {hour:02d}:{minute:02d}"


def identity_values(fields: dict[str, Any]) -> dict[str, str | None]:
    """The identity fields a decoded type 5, 19 or 24 message states (pyais field names)."""
    msg_type = int(fields["msg_type"])
    dims = dimensions(
        *(int(fields.get(k) or 0) for k in ("to_bow", "to_stern", "to_port", "to_starboard"))
    )
    ship_type = int(fields.get("ship_type") or 0)
    out: dict[str, str | None] = {}
    if msg_type == 24 and int(fields.get("partno", 0)) == 0:
        return {"name": _text(fields.get("shipname"))}
    out["ship_type"] = str(ship_type) if ship_type else None
    out["dimensions"] = dims
    if msg_type in (5, 24):
        out["call_sign"] = _text(fields.get("callsign"))
    if msg_type in (5, 19):
        out["name"] = _text(fields.get("shipname"))
    if msg_type == 5:
        imo = int(fields.get("imo") or 0)
        draught_m = float(fields.get("draught") or 0.0)
        out["imo"] = str(imo) if imo else None
        out["draught"] = f"{draught_m:.1f}" if draught_m else None
        out["destination"] = _text(fields.get("destination"))
        out["eta"] = _eta(fields)
    return out


def observations(
    mmsi: int, fields: dict[str, Any], ts_us: int, raw_id: int, last_us: int = -1, n: int = 1
) -> list[Observation]:
    """The observations of one message, or of ``n`` messages of identical content sent from
    ``ts_us`` (the first, line ``raw_id``) to ``last_us``."""
    last = ts_us if last_us < 0 else last_us
    return [(mmsi, k, v, ts_us, last, raw_id, n) for k, v in identity_values(fields).items() if v]


class IdentityAccumulator:
    """Aggregates observations in memory (bounded by distinct values) before one upsert."""

    def __init__(self) -> None:
        self.values: dict[tuple[int, str, str], Aggregate] = {}

    def add(self, obs: Iterable[Observation]) -> None:
        """Fold observations in."""
        for mmsi, name, value, first_us, last_us, raw_id, n in obs:
            agg = self.values.get((mmsi, name, value))
            if agg is None:
                self.values[(mmsi, name, value)] = [first_us, last_us, raw_id, n]
                continue
            if first_us < agg[0]:
                agg[0], agg[2] = first_us, raw_id
            agg[1] = max(agg[1], last_us)
            agg[3] += n

    def write(self, conn: duckdb.DuckDBPyConnection) -> int:
        """Upsert the aggregates into ``ais_identity``; returns the number of values."""
        if not self.values:
            return 0
        keys, aggs = list(self.values), list(self.values.values())
        names = ("mmsi", "field", "value", "first_us", "last_us", "raw_id", "n")
        columns = [list(c) for c in zip(*keys, strict=True)]
        columns += [list(c) for c in zip(*aggs, strict=True)]
        conn.register("ais_identity_batch", pa.table(dict(zip(names, columns, strict=True))))
        try:
            upsert_identity(conn, "ais_identity_batch")
        finally:
            conn.unregister("ais_identity_batch")
        return len(keys)


def upsert_identity(conn: duckdb.DuckDBPyConnection, batch: str) -> None:
    """Merge a relation (mmsi, field, value, first_us, last_us, raw_id, n) into the history."""
    conn.execute(
        f"""
        INSERT INTO ais_identity
        SELECT mmsi, field, value, make_timestamp(first_us), make_timestamp(last_us), raw_id, n
        FROM {batch}
        ON CONFLICT (mmsi, field, value) DO UPDATE SET
            first_raw_id = CASE WHEN excluded.first_seen < ais_identity.first_seen
                THEN excluded.first_raw_id ELSE ais_identity.first_raw_id END,
            first_seen = least(ais_identity.first_seen, excluded.first_seen),
            last_seen = greatest(ais_identity.last_seen, excluded.last_seen),
            observations = ais_identity.observations + excluded.observations
        """
    )

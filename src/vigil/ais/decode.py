"""Decode complete messages: the bulk path for common position reports, pyais for the rest.

The result is columnar: message type and MMSI for every message (type -1: undecodable), the
position columns for position reports, and pyais' dicts for static and voyage messages.
Position values are normalised for storage: "not available" speed, course and heading become
NaN / -1 (NULL in the store); the latitude and longitude are left for the validator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from vigil.ais import bulk, bulk_static
from vigil.ais.frames import Frame, binary_parts

POSITION_TYPES: Final = frozenset({1, 2, 3, 18, 19, 27})
STATIC_TYPES: Final = frozenset({5, 19, 24})
# Raw "not available" values after pyais' scaling, by message type: (speed, course, heading).
NOT_AVAILABLE: Final = {27: (63.0, 511.0, -1)}
DEFAULT_NOT_AVAILABLE: Final = (102.3, 360.0, 511)
# The bulk fields the ingest stores (decoding only these halves the bulk decoder's work).
BULK_FIELDS: Final = frozenset(
    {"msg_type", "mmsi", "status", "lat", "lon", "speed", "course", "heading"}
)


@dataclass
class Decoded:
    """Decoded messages of one batch, aligned with its message :class:`Frame`."""

    msg_type: np.ndarray
    mmsi: np.ndarray
    error: dict[int, str] = field(default_factory=dict)
    pos_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    lat: np.ndarray = field(default_factory=lambda: np.zeros(0))
    lon: np.ndarray = field(default_factory=lambda: np.zeros(0))
    sog_knots: np.ndarray = field(default_factory=lambda: np.zeros(0))
    cog_deg: np.ndarray = field(default_factory=lambda: np.zeros(0))
    heading_deg: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    nav_status: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    statics: dict[int, dict[str, Any]] = field(default_factory=dict)


def decode_with_pyais(sentences: tuple[bytes, ...]) -> dict[str, Any]:
    """The reference decode of one message (its sentences without wrappers)."""
    import pyais  # here: importing pyais costs 0.4 s, and the bulk path rarely needs it

    return dict(pyais.decode(*sentences).asdict())


def eligible_rows(msgs: Frame) -> tuple[np.ndarray, np.ndarray]:
    """Rows the bulk path takes, and each one's payload characters as an (n, 28) matrix."""
    offsets, data = binary_parts(msgs.payload)
    starts, lengths = offsets[:-1], offsets[1:] - offsets[:-1]
    first = data[np.where(lengths > 0, starts, 0)] if len(data) else np.zeros(len(starts), np.uint8)
    fill_zero = np.asarray(
        pc.fill_null(pc.equal(msgs.fill, pa.scalar(b"0", pa.binary())), False).to_numpy(
            zero_copy_only=False
        ),
        dtype=bool,
    )
    ok = (lengths == bulk.PAYLOAD_CHARS) & fill_zero & np.isin(first, list(bulk.BULK_TYPE_CHARS))
    rows = np.flatnonzero(ok)
    chars = data[starts[rows, None] + np.arange(bulk.PAYLOAD_CHARS)[None, :]]
    return rows, chars


def decode_messages(msgs: Frame) -> Decoded:
    """Decode every message of ``msgs``."""
    n = len(msgs)
    fast, chars = eligible_rows(msgs)
    is_fast = np.zeros(n, dtype=bool)
    is_fast[fast] = True
    out = Decoded(msg_type=np.full(n, -1, dtype=np.int64), mmsi=np.zeros(n, dtype=np.int64))
    slow = _bulk_statics(msgs, np.flatnonzero(~is_fast), out)
    rows: list[tuple[int, float, float, float, float, int, int]] = []
    sentences = msgs.sentence.take(pa.array(slow, pa.int64())).to_pylist()
    for i, joined in zip(slow.tolist(), sentences, strict=True):
        try:
            fields = decode_with_pyais(tuple(joined.split(b"\n")))
        except Exception as exc:  # pyais raises many exception types on bad payloads
            out.error[i] = f"{type(exc).__name__}: {exc}"[:200]
            continue
        msg_type = int(fields["msg_type"])
        out.msg_type[i], out.mmsi[i] = msg_type, int(fields["mmsi"])
        if msg_type in POSITION_TYPES:
            if fields.get("lat") is None or fields.get("lon") is None:
                out.error[i] = "position report without a position (payload too short)"
                out.msg_type[i] = -1
                continue
            rows.append(_position_row(i, fields))
        if msg_type in STATIC_TYPES:
            out.statics[i] = fields
    _fill_positions(out, fast, chars, rows)
    return out


def _bulk_statics(msgs: Frame, rows: np.ndarray, out: Decoded) -> np.ndarray:
    """Decode the static messages of ``rows`` that have a bulk shape; returns the rest."""
    offsets, data = binary_parts(msgs.payload)
    starts, lengths = offsets[:-1][rows], (offsets[1:] - offsets[:-1])[rows]
    if not len(data):
        return rows
    first = data[np.where(lengths > 0, starts, 0)]
    shapes = bulk_static.shape_of(first, lengths, msgs.fill.take(pa.array(rows)).to_pylist())
    done = np.zeros(len(rows), dtype=bool)
    for msg_type, (_, width, _) in bulk_static.SHAPES.items():
        picked = np.flatnonzero(shapes == msg_type)
        if not len(picked):
            continue
        chars = data[starts[picked, None] + np.arange(width)[None, :]]
        decoded, taken = bulk_static.decode_statics(chars, msg_type)
        for i, fields in zip(rows[picked[taken]].tolist(), decoded, strict=True):
            out.msg_type[i], out.mmsi[i] = fields["msg_type"], fields["mmsi"]
            out.statics[i] = fields
        done[picked[taken]] = True
    return rows[~done]


def _number(value: Any, missing: float) -> float:
    return missing if value is None else float(value)


def _position_row(i: int, f: dict[str, Any]) -> tuple[int, float, float, float, float, int, int]:
    return (
        i,
        float(f["lat"]),
        float(f["lon"]),
        _number(f.get("speed"), np.nan),
        _number(f.get("course"), np.nan),
        int(_number(f.get("heading"), -1)),
        int(_number(f.get("status"), -1)),
    )


def _fill_positions(
    out: Decoded,
    fast: np.ndarray,
    chars: np.ndarray,
    rows: list[tuple[int, float, float, float, float, int, int]],
) -> None:
    if len(fast):
        cols, valid = bulk.decode_matrix(chars, BULK_FIELDS)
        for i in fast[~valid]:
            out.error[int(i)] = "payload has characters outside the 6-bit alphabet"
        fast, cols = fast[valid], {k: v[valid] for k, v in cols.items()}
        out.msg_type[fast], out.mmsi[fast] = cols["msg_type"], cols["mmsi"]
        status = np.where(cols["msg_type"] == 18, -1, cols.get("status", -1))
        parts = [fast, cols["lat"], cols["lon"], cols["speed"], cols["course"]]
        parts += [cols["heading"], status]
    else:
        parts = [np.zeros(0, dtype=np.int64), *(np.zeros(0) for _ in range(4))]
        parts += [np.zeros(0, dtype=np.int64)] * 2
    slow = np.array(rows, dtype=object).reshape(len(rows), 7).T if rows else None
    dtypes = (np.int64, float, float, float, float, np.int64, np.int64)
    merged = [
        np.concatenate([p, slow[k].astype(dt)]) if slow is not None else p
        for k, (p, dt) in enumerate(zip(parts, dtypes, strict=True))
    ]
    out.pos_index, out.lat, out.lon, sog, cog, heading, out.nav_status = merged
    na_speed, na_course, na_heading = _not_available(out.msg_type[out.pos_index])
    out.sog_knots = np.where(sog == na_speed, np.nan, sog)
    out.cog_deg = np.where(cog == na_course, np.nan, cog)
    out.heading_deg = np.where(heading == na_heading, -1, heading)


def _not_available(msg_types: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    speed = np.full(len(msg_types), DEFAULT_NOT_AVAILABLE[0])
    course = np.full(len(msg_types), DEFAULT_NOT_AVAILABLE[1])
    heading = np.full(len(msg_types), DEFAULT_NOT_AVAILABLE[2], dtype=np.int64)
    for msg_type, (na_s, na_c, na_h) in NOT_AVAILABLE.items():
        mask = msg_types == msg_type
        speed[mask], course[mask], heading[mask] = na_s, na_c, na_h
    return speed, course, heading

"""Vectorised decoder for static and voyage data: type 5 and type 24 parts A and B.

Layouts are data (name, first bit, width in bits, converter), transcribed from
https://gpsd.gitlab.io/gpsd/AIVDM.html and checked field by field against pyais 3.3.1 by
``tests/ais/test_bulk_equals_pyais.py``. Text fields are 6-bit characters, trailing ``@``
and surrounding whitespace removed, as pyais does. Only the exact standard shapes take this
path: type 5 of 71 characters with 2 fill bits (424 bits), type 24 of 28 characters without
fill bits (168 bits), part A, or part B of a vessel that is not an auxiliary craft; every
other static message, and any payload with a character outside the 6-bit alphabet, goes to
pyais.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from vigil.ais.bulk import Field, bits, sixbit

TEXT_CHARS: Final = np.frombuffer(
    bytes(v + 64 if v < 32 else v for v in range(64)), dtype=np.uint8
)  # 6-bit value -> ASCII, as pyais decodes text
AUXILIARY_MMSI: Final = (980_000_000, 989_999_999)  # 98MIDxxxx: part B carries no dimensions

STATIC_VOYAGE: Final[tuple[Field, ...]] = (
    ("msg_type", 0, 6, "uint"),
    ("repeat", 6, 2, "uint"),
    ("mmsi", 8, 30, "uint"),
    ("ais_version", 38, 2, "uint"),
    ("imo", 40, 30, "uint"),
    ("callsign", 70, 42, "text"),
    ("shipname", 112, 120, "text"),
    ("ship_type", 232, 8, "uint"),
    ("to_bow", 240, 9, "uint"),
    ("to_stern", 249, 9, "uint"),
    ("to_port", 258, 6, "uint"),
    ("to_starboard", 264, 6, "uint"),
    ("epfd", 270, 4, "uint"),
    ("month", 274, 4, "uint"),
    ("day", 278, 5, "uint"),
    ("hour", 283, 5, "uint"),
    ("minute", 288, 6, "uint"),
    ("draught", 294, 8, "tenth"),
    ("destination", 302, 120, "text"),
    ("dte", 422, 1, "bool"),
)
STATIC_24_A: Final[tuple[Field, ...]] = (
    ("msg_type", 0, 6, "uint"),
    ("repeat", 6, 2, "uint"),
    ("mmsi", 8, 30, "uint"),
    ("partno", 38, 2, "uint"),
    ("shipname", 40, 120, "text"),
)
STATIC_24_B: Final[tuple[Field, ...]] = (
    ("msg_type", 0, 6, "uint"),
    ("repeat", 6, 2, "uint"),
    ("mmsi", 8, 30, "uint"),
    ("partno", 38, 2, "uint"),
    ("ship_type", 40, 8, "uint"),
    ("vendorid", 48, 18, "text"),
    ("model", 66, 4, "uint"),
    ("serial", 70, 20, "uint"),
    ("callsign", 90, 42, "text"),
    ("to_bow", 132, 9, "uint"),
    ("to_stern", 141, 9, "uint"),
    ("to_port", 150, 6, "uint"),
    ("to_starboard", 156, 6, "uint"),
)
# (first payload character, characters, fill bits) of the shapes this path takes
SHAPES: Final = {5: (ord("5"), 71, b"2"), 24: (ord("H"), 28, b"0")}


def shape_of(first_char: np.ndarray, length: np.ndarray, fill: list[bytes | None]) -> np.ndarray:
    """The message type (5 or 24) of rows with a bulk static shape, else 0."""
    out = np.zeros(len(length), dtype=np.int64)
    fill_array = np.array([f or b"" for f in fill], dtype="S1")
    for msg_type, (char, chars, fill_bits) in SHAPES.items():
        out[(first_char == char) & (length == chars) & (fill_array == fill_bits)] = msg_type
    return out


def _text(values: np.ndarray, start: int, width: int) -> list[str]:
    codes = np.stack([bits(values, start + 6 * k, 6, False) for k in range(width // 6)], axis=1)
    rows = TEXT_CHARS[codes].tobytes()
    step = width // 6
    return [
        rows[k * step : (k + 1) * step].decode("ascii").rstrip("@").strip()
        for k in range(len(values))
    ]


def _column(values: np.ndarray, start: int, width: int, converter: str) -> list[Any]:
    if converter == "text":
        return _text(values, start, width)
    raw = bits(values, start, width, False)
    if converter == "tenth":
        raw = raw / 10.0
    elif converter == "bool":
        raw = raw.astype(bool)
    return list(raw.tolist())


def decode_layout(values: np.ndarray, layout: tuple[Field, ...]) -> list[dict[str, Any]]:
    """Every field of ``layout`` for each row of 6-bit ``values``, as pyais' dicts."""
    columns = {name: _column(values, start, w, conv) for name, start, w, conv in layout}
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def decode_statics(chars_u8: np.ndarray, msg_type: int) -> tuple[list[dict[str, Any]], np.ndarray]:
    """Decode payloads of one shape (an (n, chars) uint8 matrix) of type 5 or 24.

    Returns the decoded rows and a mask of the rows decoded (False: leave it to pyais, for a
    character outside the 6-bit alphabet, a part number other than 0 and 1, or part B of an
    auxiliary craft).
    """
    values, valid = sixbit(chars_u8)
    if msg_type == 5:
        return decode_layout(values[valid], STATIC_VOYAGE), valid
    partno = bits(values, 38, 2, False)
    mmsi = bits(values, 8, 30, False)
    auxiliary = (mmsi >= AUXILIARY_MMSI[0]) & (mmsi <= AUXILIARY_MMSI[1])
    part_a = valid & (partno == 0)
    part_b = valid & (partno == 1) & ~auxiliary
    rows: list[dict[str, Any]] = [{} for _ in range(len(chars_u8))]
    for mask, layout in ((part_a, STATIC_24_A), (part_b, STATIC_24_B)):
        for k, row in zip(np.flatnonzero(mask), decode_layout(values[mask], layout), strict=True):
            rows[k] = row
    taken = part_a | part_b
    return [rows[k] for k in np.flatnonzero(taken)], taken

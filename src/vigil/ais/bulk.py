"""Vectorised decoder for the common position reports (types 1, 2, 3 and 18).

The message layouts are data: one row per field (name, first bit, width in bits, converter),
transcribed from https://gpsd.gitlab.io/gpsd/AIVDM.html and checked field by field against
pyais 3.3.1 (the reference decoder) by ``tests/ais/test_bulk_equals_pyais.py``. Converters
reproduce pyais' arithmetic exactly (e.g. latitude ``((10 * v + 3) // 6) / 1e6``).
Spare bits are skipped. Messages of other types, other lengths or with fill bits go to pyais.
"""

from __future__ import annotations

from typing import Final

import numpy as np

PAYLOAD_CHARS: Final = 28  # 168 bits, the length of types 1, 2, 3 and 18
BULK_TYPE_CHARS: Final = frozenset(b"123B")  # first payload char of types 1, 2, 3 and 18
TURN_SCALE: Final = 4.733

Field = tuple[str, int, int, str]  # name, first bit, width in bits, converter

POSITION_CLASS_A: Final[tuple[Field, ...]] = (
    ("msg_type", 0, 6, "uint"),
    ("repeat", 6, 2, "uint"),
    ("mmsi", 8, 30, "uint"),
    ("status", 38, 4, "uint"),
    ("turn", 42, 8, "turn"),
    ("speed", 50, 10, "tenth"),
    ("accuracy", 60, 1, "bool"),
    ("lon", 61, 28, "latlon"),
    ("lat", 89, 27, "latlon"),
    ("course", 116, 12, "tenth"),
    ("heading", 128, 9, "uint"),
    ("second", 137, 6, "uint"),
    ("maneuver", 143, 2, "uint"),
    ("raim", 148, 1, "bool"),
    ("radio", 149, 19, "uint"),
)

POSITION_CLASS_B: Final[tuple[Field, ...]] = (
    ("msg_type", 0, 6, "uint"),
    ("repeat", 6, 2, "uint"),
    ("mmsi", 8, 30, "uint"),
    ("reserved_1", 38, 8, "uint"),
    ("speed", 46, 10, "tenth"),
    ("accuracy", 56, 1, "bool"),
    ("lon", 57, 28, "latlon"),
    ("lat", 85, 27, "latlon"),
    ("course", 112, 12, "tenth"),
    ("heading", 124, 9, "uint"),
    ("second", 133, 6, "uint"),
    ("reserved_2", 139, 2, "uint"),
    ("cs", 141, 1, "bool"),
    ("display", 142, 1, "bool"),
    ("dsc", 143, 1, "bool"),
    ("band", 144, 1, "bool"),
    ("msg22", 145, 1, "bool"),
    ("assigned", 146, 1, "bool"),
    ("raim", 147, 1, "bool"),
    ("radio", 148, 20, "uint"),
)

LAYOUTS: Final[dict[int, tuple[Field, ...]]] = {
    1: POSITION_CLASS_A,
    2: POSITION_CLASS_A,
    3: POSITION_CLASS_A,
    18: POSITION_CLASS_B,
}
SIGNED: Final = frozenset({"turn", "latlon"})


def sixbit(chars_u8: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The 6-bit values of payload characters, shape (n, 28), and a per-row validity mask."""
    chars = chars_u8.astype(np.int16)
    valid = (((chars >= 48) & (chars <= 87)) | ((chars >= 96) & (chars <= 119))).all(axis=1)
    values = chars - 48
    values = np.where(values > 40, values - 8, values)
    return values.astype(np.uint64), np.asarray(valid, dtype=bool)


def bits(values: np.ndarray, start: int, width: int, signed: bool) -> np.ndarray:
    """Bits ``start .. start+width`` of every row of 6-bit ``values`` as int64."""
    first, last = start // 6, (start + width - 1) // 6
    acc = np.zeros(values.shape[0], dtype=np.uint64)
    for k in range(first, last + 1):
        acc = (acc << np.uint64(6)) | values[:, k]
    acc >>= np.uint64(6 * (last + 1) - (start + width))
    out = (acc & np.uint64((1 << width) - 1)).astype(np.int64)
    if signed:
        out = np.where(out >= 1 << (width - 1), out - (1 << width), out)
    return out


def convert(raw: np.ndarray, converter: str) -> np.ndarray:
    """Apply a pyais-identical converter to raw integers."""
    if converter == "uint":
        return raw
    if converter == "bool":
        return raw.astype(bool)
    if converter == "tenth":
        return raw / 10.0
    if converter == "latlon":
        return ((10 * raw + 3) // 6) / 1e6
    if converter == "turn":
        magnitude = np.round((raw / TURN_SCALE) ** 2)
        turn = np.copysign(magnitude, raw.astype(np.float64))
        special = np.abs(raw) >= 127
        return np.where(raw == 0, 0.0, np.where(special, raw.astype(np.float64), turn))
    raise ValueError(f"unknown converter {converter!r}")


def eligible(payload: bytes, fill: bytes) -> bool:
    """Whether a payload can take the bulk path (else pyais decodes it)."""
    return len(payload) == PAYLOAD_CHARS and payload[0] in BULK_TYPE_CHARS and fill == b"0"


def decode_layout(
    values: np.ndarray, layout: tuple[Field, ...], wanted: frozenset[str] | None = None
) -> dict[str, np.ndarray]:
    """Decode the fields of ``layout`` (all, or those named in ``wanted``) from 6-bit values."""
    return {
        name: convert(bits(values, start, width, converter in SIGNED), converter)
        for name, start, width, converter in layout
        if wanted is None or name in wanted
    }


def payload_matrix(payloads: list[bytes]) -> np.ndarray:
    """28-character payloads as an (n, 28) uint8 matrix."""
    chars = np.array(payloads, dtype=f"S{PAYLOAD_CHARS}").view(np.uint8)
    return chars.reshape(len(payloads), PAYLOAD_CHARS)


def decode_positions(payloads: list[bytes]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Decode a list of 28-char type 1/2/3/18 payloads (see :func:`decode_matrix`)."""
    return decode_matrix(payload_matrix(payloads))


def decode_matrix(
    chars_u8: np.ndarray, wanted: frozenset[str] | None = None
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Decode 28-char type 1/2/3/18 payloads at once, given as an (n, 28) uint8 matrix.

    Returns columns with the union of both layouts' fields (type-specific ones are zero where
    they do not apply; only those named in ``wanted`` when given: the ingest needs a third of
    them) and the validity mask (False: a character outside the 6-bit alphabet).
    """
    values, valid = sixbit(chars_u8)
    msg_type = bits(values, 0, 6, signed=False)
    columns: dict[str, np.ndarray] = {}
    for layout, mask in (
        (POSITION_CLASS_A, msg_type != 18),
        (POSITION_CLASS_B, msg_type == 18),
    ):
        if not mask.any():
            continue
        for name, column in decode_layout(values[mask], layout, wanted).items():
            if name not in columns:
                columns[name] = np.zeros(len(chars_u8), dtype=column.dtype)
            columns[name][mask] = column
    return columns, valid


def message_fields(columns: dict[str, np.ndarray], row: int) -> dict[str, object]:
    """One decoded message as a dict of pyais' field names (for tests and inspection)."""
    msg_type = int(columns["msg_type"][row])
    return {name: columns[name][row].item() for name, *_ in LAYOUTS[msg_type]}

"""Columns of sentences or messages as Arrow arrays, so the hot path never loops in Python.

Speed dictates this shape: a chunk of ~100k lines moves through checksum, assembly, decoding
and storage as whole columns; only the rare lines (fragments, odd shapes, undecodable) are
turned into Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

BINARY_COLUMNS: Final = ("raw", "sentence", "count", "index", "seq", "channel", "payload", "fill")


@dataclass
class Frame:
    """Parallel columns: one row per sentence (or per message, after assembly).

    A multi-sentence message has its raw lines and its sentences joined by ``\\n``.
    """

    line_no: np.ndarray  # int64, the (first) line of the row
    raw: pa.Array  # binary
    sentence: pa.Array  # binary, ``!AIVDM,...*hh`` without wrappers
    count: pa.Array  # binary, fragment count
    index: pa.Array  # binary, fragment number
    seq: pa.Array  # binary, sequential message id
    channel: pa.Array  # binary
    payload: pa.Array  # binary, armoured 6-bit payload
    fill: pa.Array  # binary, fill bits digit
    time_s: np.ndarray  # float64 unix seconds UTC; NaN: the line has no receive time
    source: pa.Array  # string or null
    group: pa.Array  # binary or null, NMEA 4.10 tag-block group id

    def __len__(self) -> int:
        return len(self.line_no)

    def take(self, rows: np.ndarray) -> Frame:
        """The frame restricted to ``rows`` (in that order)."""
        index = pa.array(rows, pa.int64())
        values: dict[str, Any] = {}
        for item in fields(self):
            column = getattr(self, item.name)
            values[item.name] = (
                column[rows] if isinstance(column, np.ndarray) else column.take(index)
            )
        return Frame(**values)

    @classmethod
    def concat(cls, frames: list[Frame]) -> Frame:
        """Rows of every frame, in order."""
        values: dict[str, Any] = {}
        for item in fields(cls):
            columns = [getattr(f, item.name) for f in frames]
            if isinstance(columns[0], np.ndarray):
                values[item.name] = np.concatenate(columns)
            else:
                values[item.name] = pa.concat_arrays([c.cast(columns[0].type) for c in columns])
        return cls(**values)

    @classmethod
    def from_lists(cls, columns: dict[str, list[Any]]) -> Frame:
        """A frame from Python lists keyed by column name."""
        return cls(
            line_no=np.array(columns["line_no"], dtype=np.int64),
            time_s=np.array(columns["time_s"], dtype=np.float64),
            source=pa.array(columns["source"], pa.string()),
            group=pa.array(columns["group"], pa.binary()),
            **{name: pa.array(columns[name], pa.binary()) for name in BINARY_COLUMNS},
        )

    @classmethod
    def empty(cls) -> Frame:
        """A frame without rows."""
        names = ("line_no", "time_s", "source", "group", *BINARY_COLUMNS)
        return cls.from_lists({name: [] for name in names})


def binary_parts(array: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The (offsets, data) of a binary array as numpy views (offsets are absolute)."""
    array = array.cast(pa.binary())
    buffers = array.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int32)[
        array.offset : array.offset + len(array) + 1
    ]
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8)
        if buffers[2] is not None
        else np.zeros(0, np.uint8)
    )
    return offsets.astype(np.int64), data


_HEX = np.full(256, -1, dtype=np.int16)
for _i, _c in enumerate(b"0123456789ABCDEF"):
    _HEX[_c] = _i
for _i, _c in enumerate(b"abcdef"):
    _HEX[_c] = 10 + _i


def xor_checks(array: pa.Array, skip_head: int) -> np.ndarray:
    """NMEA checksums of ``<head>body*hh`` values: True where XOR(body) equals ``hh``."""
    if len(array) == 0:
        return np.zeros(0, dtype=bool)
    offsets, data = binary_parts(array)
    starts, ends = offsets[:-1] + skip_head, offsets[1:] - 3
    valid = (ends >= starts) & (offsets[1:] - offsets[:-1] >= 3 + skip_head)
    cumulative = np.bitwise_xor.accumulate(np.concatenate([np.zeros(1, np.uint8), data]))
    starts, ends = np.where(valid, starts, 0), np.where(valid, ends, 0)
    computed = cumulative[ends] ^ cumulative[starts]
    high = _HEX[data[np.where(valid, ends + 1, 0)]] if len(data) else np.zeros(0, np.int16)
    low = _HEX[data[np.where(valid, ends + 2, 0)]] if len(data) else np.zeros(0, np.int16)
    star = data[np.where(valid, ends, 0)] == ord("*") if len(data) else np.zeros(0, bool)
    stated = np.where((high < 0) | (low < 0), -1, high * 16 + low)
    return np.asarray(valid & star & (computed.astype(np.int16) == stated), dtype=bool)


def as_text(array: pa.Array) -> pa.Array:
    """Binary as UTF-8 text; undecodable bytes become ``\\xNN`` escapes."""
    try:
        return pc.cast(array, pa.string())
    except pa.ArrowInvalid:
        values = array.to_pylist()
        return pa.array(
            [None if v is None else v.decode("utf-8", "backslashreplace") for v in values],
            pa.string(),
        )

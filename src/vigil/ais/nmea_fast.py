"""The vectorised path of line splitting: one RE2 pass (pyarrow) over a whole chunk.

It takes the common shapes, a bare sentence optionally behind a tag block and/or a unix-time
prefix, and leaves every other line (USCG trailers, Gatehouse, comments, garbage, bad tag
blocks) to :class:`vigil.ais.nmea.LineSplitter`, which sets reasons. Both paths give the same
columns; the tests check they agree line by line.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from vigil.ais.frames import Frame, xor_checks
from vigil.ais.nmea import MILLISECOND_EPOCH_THRESHOLD

# Few capture groups keep RE2 fast: the outer split, then a capture-free validity check.
OUTER: Final = (
    r"^(?P<prefix>(?:\\(?P<tag>[\x20-\x29\x2b-\x5b\x5d-\x7e]*\*[0-9A-Fa-f]{2})\\)?"
    r"(?:(?P<unix>[0-9]{9,10}(?:\.[0-9]+)?)[ ;,\t]+)?)(?P<sentence>![^\r\n]*)"
)
SENTENCE: Final = (
    r"^![A-Z]{2}VD[MO],[0-9],[0-9],[0-9]?,[^,]*,[0-9:;<=>?@A-W`a-w]*,[0-5]\*[0-9A-Fa-f]{2}$"
)
TAG_KEYS: Final = (b"c:", b"s:", b"g:")


def tag_fields(tags: pa.Array) -> dict[bytes, pa.Array]:
    """Values of the ``c:``, ``s:`` and ``g:`` fields of tag blocks ``k:v,k:v*hh`` (null: none)."""
    parts = pc.split_pattern(pc.binary_slice(tags, 0, -3), b",")
    flat = pc.list_flatten(parts)
    parents = np.asarray(pc.list_parent_indices(parts).to_numpy(zero_copy_only=False))
    keys = pc.binary_slice(flat, 0, 2)
    out: dict[bytes, pa.Array] = {}
    for key in TAG_KEYS:
        mask = np.asarray(
            pc.equal(keys, pa.scalar(key, pa.binary())).to_numpy(zero_copy_only=False), dtype=bool
        )
        rows = parents[mask]
        where = np.full(len(tags), -1, dtype=np.int64)
        where[rows[::-1]] = np.arange(len(rows))[::-1]  # the first occurrence wins
        values = pc.binary_slice(flat.filter(pa.array(mask)), 2, 1 << 30)
        out[key] = values.take(pa.array(where, mask=where < 0))
    return out


def _seconds(values: pa.Array) -> np.ndarray:
    """Numbers as float seconds (NaN where absent or unreadable)."""
    as_text = pc.cast(values, pa.string())
    numbers = pc.cast(
        pc.if_else(pc.match_substring_regex(as_text, r"^[0-9]+(\.[0-9]+)?$"), as_text, None),
        pa.float64(),
    )
    out = np.asarray(numbers.to_numpy(zero_copy_only=False), dtype=np.float64)
    return np.where(out > MILLISECOND_EPOCH_THRESHOLD, out / 1000.0, out)


def _mask(values: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)


def fast_split(lines: list[bytes], first_line_no: int) -> tuple[Frame, list[int]]:
    """Sentences of the lines the regexes take, and the indices of the lines they leave."""
    raw = pa.array(lines, pa.binary())
    outer = pc.extract_regex(raw, OUTER)
    take = _mask(pc.match_substring_regex(outer.field("sentence"), SENTENCE))
    tags = outer.field("tag")
    has_tag = take & _mask(pc.greater(pc.binary_length(tags), 0))  # unmatched group: b""
    if has_tag.any():
        take[has_tag] = xor_checks(tags.filter(pa.array(has_tag)), skip_head=0)
    kept = np.flatnonzero(take)
    frame = _columns(outer.take(pa.array(kept)))
    frame.line_no = kept + first_line_no
    return frame, np.flatnonzero(~take).tolist()


def _columns(outer: pa.StructArray) -> Frame:
    sentence = outer.field("sentence")
    parts = pc.split_pattern(sentence, b",")
    fields = tag_fields(outer.field("tag"))
    time_s = _seconds(fields[b"c:"])
    time_s = np.where(np.isnan(time_s), _seconds(outer.field("unix")), time_s)
    source = pc.cast(fields[b"s:"], pa.string())
    group = pc.struct_field(pc.extract_regex(fields[b"g:"], r"(?:^|-)(?P<id>[^-]*)$"), [0])
    return Frame(
        line_no=np.zeros(len(sentence), dtype=np.int64),
        raw=pc.binary_join_element_wise(outer.field("prefix"), sentence, b""),
        sentence=sentence,
        count=pc.list_element(parts, 1),
        index=pc.list_element(parts, 2),
        seq=pc.list_element(parts, 3),
        channel=pc.list_element(parts, 4),
        payload=pc.list_element(parts, 5),
        fill=pc.binary_slice(pc.list_element(parts, 6), 0, 1),
        time_s=time_s,
        source=pc.if_else(pc.equal(source, ""), pa.scalar(None, pa.string()), source),
        group=pc.if_else(pc.equal(group, b""), pa.scalar(None, pa.binary()), group),
    )

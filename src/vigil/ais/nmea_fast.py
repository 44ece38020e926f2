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

from vigil.ais.nmea import MILLISECOND_EPOCH_THRESHOLD, SentenceColumns, xor_matches

# Few capture groups keep RE2 fast: the outer split, then a capture-free validity check.
OUTER: Final = (
    r"^(?:\\(?P<tag>[\x20-\x29\x2b-\x5b\x5d-\x7e]*)\*(?P<tagcs>[0-9A-Fa-f]{2})\\)?"
    r"(?:(?P<unix>[0-9]{9,10}(?:\.[0-9]+)?)[ ;,\t]+)?(?P<sentence>![^\r\n]*)"
)
SENTENCE: Final = (
    r"^![A-Z]{2}VD[MO],[0-9],[0-9],[0-9]?,[^,]*,[0-9:;<=>?@A-W`a-w]*,[0-5]\*[0-9A-Fa-f]{2}$"
)
TAG_FIELD: Final = r"(?:^|,){key}:(?P<v>[^,]*)(?:,|$)"


def _tag_field(tags: pa.Array, key: str) -> pa.Array:
    return pc.struct_field(pc.extract_regex(tags, TAG_FIELD.format(key=key)), [0])


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


def fast_split(lines: list[bytes], first_line_no: int) -> tuple[SentenceColumns, list[int]]:
    """Sentences of the lines the regexes take, and the indices of the lines they leave."""
    raw = pa.array(lines, pa.binary())
    outer = pc.extract_regex(raw, OUTER)
    take = _mask(pc.match_substring_regex(outer.field("sentence"), SENTENCE))
    has_tag = take & _mask(pc.is_valid(outer.field("tagcs")))
    rows = np.flatnonzero(has_tag)
    if len(rows):
        bodies = pc.take(outer.field("tag"), pa.array(rows)).to_pylist()
        stated = pc.take(outer.field("tagcs"), pa.array(rows)).to_pylist()
        take[rows] = xor_matches(bodies, stated)
    kept = np.flatnonzero(take)
    out = _columns(pc.take(outer, pa.array(kept)), pc.take(raw, pa.array(kept)))
    out.line_no = (kept + first_line_no).tolist()
    return out, np.flatnonzero(~take).tolist()


def _columns(outer: pa.StructArray, raw: pa.Array) -> SentenceColumns:
    out = SentenceColumns()
    sentence = outer.field("sentence")
    out.raw = _rstrip(raw)
    out.sentence = sentence.to_pylist()
    parts = pc.split_pattern(sentence, b",")
    for k, name in enumerate(("count", "index", "seq", "channel", "payload"), start=1):
        setattr(out, name, pc.list_element(parts, k).to_pylist())
    out.fill = pc.binary_slice(pc.list_element(parts, 6), 0, 1).to_pylist()
    tags = outer.field("tag")
    time_s = _seconds(_tag_field(tags, "c"))
    unix = _seconds(outer.field("unix"))
    out.time_s = np.where(np.isnan(time_s), unix, time_s).tolist()
    source = pc.cast(_tag_field(tags, "s"), pa.string())
    out.source = pc.if_else(pc.equal(source, ""), None, source).to_pylist()
    group = pc.struct_field(pc.extract_regex(_tag_field(tags, "g"), r"(?:^|-)(?P<id>[^-]*)$"), [0])
    out.group = pc.if_else(pc.equal(group, b""), None, group).to_pylist()
    return out


def _rstrip(raw: pa.Array) -> list[bytes]:
    stripped = pc.struct_field(pc.extract_regex(raw, r"^(?P<line>[^\r\n]*)"), [0])
    return list(stripped.to_pylist())

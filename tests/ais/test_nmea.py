"""Line shapes: wrappers, receive times and sources; the vectorised and line-by-line paths agree."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from tests.ais.conftest import NMEA_CAPTURES
from vigil.ais.frames import Frame
from vigil.ais.nmea import LineSplitter, gatehouse_time, nmea_checksum

BARE = "!AIVDM,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*23"


def tag(body: str) -> str:
    """An NMEA 4.10 tag block with its checksum."""
    return f"\\{body}*{nmea_checksum(body.encode()):02X}\\"


@pytest.mark.parametrize(
    ("lines", "time_s", "source"),
    [
        ([BARE], math.nan, None),
        ([tag("s:rORBCOMM008,c:1418169601") + BARE], 1418169601.0, "rORBCOMM008"),
        ([tag("c:1418169601000,s:x") + BARE], 1418169601.0, "x"),
        (["1418169601.25 " + BARE], 1418169601.25, None),
        (["1418169601;" + BARE], 1418169601.0, None),
        ([BARE + ",b003669794,1272412827"], 1272412827.0, "b003669794"),
        (["$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17", BARE], 1210291200.01, None),
        ([BARE + "  \r"], math.nan, None),
    ],
)
def test_line_shapes(lines: list[str], time_s: float, source: str | None) -> None:
    parsed = LineSplitter().split([line.encode() for line in lines], 1)
    frame = parsed.sentences
    assert len(frame) == 1 and not parsed.quarantined.reason
    assert frame.sentence.to_pylist() == [BARE.encode()]
    got = float(frame.time_s[0])
    assert (math.isnan(got) and math.isnan(time_s)) or got == pytest.approx(time_s)
    assert frame.source.to_pylist() == [source]


def test_gatehouse_time_applies_to_the_next_sentence_only() -> None:
    lines = [b"$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17", BARE.encode(), BARE.encode()]
    frame = LineSplitter().split(lines, 1).sentences
    assert frame.time_s[0] == pytest.approx(gatehouse_time(lines[0]) or 0)
    assert math.isnan(frame.time_s[1])


def columns(frame: Frame) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for name, column in vars(frame).items():
        values = column.tolist() if isinstance(column, np.ndarray) else column.to_pylist()
        out[name] = ["nan" if isinstance(v, float) and math.isnan(v) else v for v in values]
    return out


@pytest.mark.parametrize("path", NMEA_CAPTURES, ids=lambda p: p.name)
def test_vectorised_and_line_by_line_paths_agree(path: Path) -> None:
    lines = [line.replace(b"$PGHP", b"$XGHP") for line in path.read_bytes().splitlines()]
    fast = LineSplitter().split(lines, 1)
    slow = LineSplitter().split_slow(lines, range(1, len(lines) + 1))
    assert columns(fast.sentences) == columns(slow.sentences)
    assert sorted(fast.quarantined.line_no) == sorted(slow.quarantined.line_no)

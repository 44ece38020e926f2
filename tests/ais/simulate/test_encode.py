"""The bulk encoder's lines decode with pyais to the same values."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from pyais import decode
from pyais.stream import IterMessages

from vigil.ais.simulate import encode
from vigil.ais.simulate.fleet import Identity, imo_check_digit

report = st.tuples(
    st.integers(100_000_000, 999_999_999),
    st.booleans(),
    st.integers(0, 15),
    st.floats(0, 102.2),
    st.floats(-90, 90),
    st.floats(-180, 180),
    st.floats(0, 359.9),
    st.floats(0, 359),
    st.integers(1_000_000_000, 2_000_000_000),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(report, min_size=1, max_size=20))
def test_positions_roundtrip_through_pyais(
    rows: list[tuple[int, bool, int, float, float, float, float, float, int]],
) -> None:
    cols = list(zip(*rows, strict=True))
    mmsi, class_b, status = (
        np.array(cols[0], np.uint64),
        np.array(cols[1]),
        np.array(cols[2], np.uint64),
    )
    sog, lat, lon, cog, hdg = (np.array(c, float) for c in cols[3:8])
    t = np.array(cols[8], np.int64)
    pay = encode.payloads(mmsi, class_b, status, sog, lat, lon, cog, hdg, t)
    station = np.frombuffer(b"CNDLN001" * len(rows), np.uint8).reshape(len(rows), 8)
    text = encode.lines(t, station, pay).decode()
    for line, row in zip(text.splitlines(), rows, strict=True):
        msg = decode(line.split("\\")[-1]).asdict()
        assert msg["msg_type"] == (18 if row[1] else 1)
        assert msg["mmsi"] == row[0]
        assert abs(msg["lat"] - row[4]) <= 1 / 600_000 and abs(msg["lon"] - row[5]) <= 1 / 600_000
        assert msg["speed"] == round(min(round(row[3] * 10), 1022) / 10, 1)
        assert msg["second"] == row[8] % 60
        if not row[1]:
            assert msg["status"] == row[2]


def test_static_lines_decode_with_tag_blocks() -> None:
    ident = Identity(445123456, 9123459, "CHON MA", "K12345", "KP", "tanker", "A", 110, 18, 6.5, "")
    lines = encode.static_lines(ident, 1_700_000_000, "SATAIS01", 4).splitlines()
    assert len(lines) == 2
    (msg,) = list(IterMessages([ln.encode() for ln in lines]))
    msg.tag_block.init()
    assert msg.tag_block.receiver_timestamp == "1700000000"
    data = msg.decode().asdict()
    assert (data["mmsi"], data["imo"], data["shipname"], data["callsign"]) == (
        445123456,
        9123459,
        "CHON MA",
        "K12345",
    )


def test_imo_check_digit_known_number() -> None:
    # IMO 9074729 is the worked example of the IMO numbering scheme.
    assert imo_check_digit(907472) == 9

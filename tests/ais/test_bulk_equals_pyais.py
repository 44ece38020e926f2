"""The bulk decoder and the whole decode path give pyais' fields and values, message by message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyais
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ais.conftest import NMEA_CAPTURES, sentences
from vigil.ais import bulk, bulk_static
from vigil.ais.assemble import Assembler
from vigil.ais.decode import POSITION_TYPES, STATIC_TYPES, decode_messages
from vigil.ais.frames import Frame, xor_checks
from vigil.ais.nmea import LineSplitter, Quarantined


@dataclass
class Messages:
    """The messages of a capture: the ingest's frame and its columns as Python lists."""

    frame: Frame
    payload: list[bytes]
    fill: list[bytes]
    sentences: list[tuple[bytes, ...]]
    raw: list[bytes]

    def __len__(self) -> int:
        return len(self.payload)


def messages_of(path: Path) -> Messages:
    """Every complete message of a capture, as the ingest assembles it."""
    parsed = LineSplitter().split(path.read_bytes().splitlines(), 1)
    ok = xor_checks(parsed.sentences.sentence, skip_head=1)
    frame = Assembler().assemble(parsed.sentences, ok, Quarantined())
    return Messages(
        frame,
        frame.payload.to_pylist(),
        frame.fill.to_pylist(),
        [tuple(s.split(b"\n")) for s in frame.sentence.to_pylist()],
        frame.raw.to_pylist(),
    )


def reference(sentence_parts: tuple[bytes, ...]) -> dict[str, Any] | None:
    try:
        return {
            k: v
            for k, v in pyais.decode(*sentence_parts).asdict().items()
            if not k.startswith("spare")
        }
    except Exception:  # pyais raises several types for undecodable input
        return None


@pytest.mark.parametrize("path", NMEA_CAPTURES, ids=lambda p: p.name)
def test_bulk_path_equals_pyais_on_every_shared_message(path: Path) -> None:
    msgs = messages_of(path)
    rows = [i for i in range(len(msgs)) if bulk.eligible(msgs.payload[i], msgs.fill[i])]
    if not rows:
        pytest.skip("no type 1/2/3/18 message in this capture")
    columns, valid = bulk.decode_positions([msgs.payload[i] for i in rows])
    for k, i in enumerate(rows):
        expected = reference(msgs.sentences[i])
        assert expected is not None and valid[k]
        assert bulk.message_fields(columns, k) == expected, msgs.raw[i]


@pytest.mark.parametrize("path", NMEA_CAPTURES, ids=lambda p: p.name)
def test_decoded_columns_equal_pyais_for_every_message(path: Path) -> None:
    msgs = messages_of(path)
    decoded = decode_messages(msgs.frame)
    positions = {int(i): k for k, i in enumerate(decoded.pos_index)}
    for i in range(len(msgs)):
        expected = reference(msgs.sentences[i])
        if expected is None:
            assert decoded.msg_type[i] == -1 and i in decoded.error
            continue
        if expected["msg_type"] in POSITION_TYPES and expected.get("lat") is None:
            assert i in decoded.error  # a position report too short to hold a position
            continue
        assert (decoded.msg_type[i], decoded.mmsi[i]) == (expected["msg_type"], expected["mmsi"])
        if expected["msg_type"] in POSITION_TYPES:
            k = positions[i]
            assert (decoded.lat[k], decoded.lon[k]) == (expected["lat"], expected["lon"])
            speed = expected["speed"]
            assert np.isnan(decoded.sog_knots[k]) or decoded.sog_knots[k] == speed
        if expected["msg_type"] in STATIC_TYPES:
            fields = decoded.statics[i]
            assert {k: v for k, v in fields.items() if not k.startswith("spare")} == expected


def test_shared_captures_have_statics_decoded_by_the_bulk_path() -> None:
    msgs = [messages_of(path) for path in NMEA_CAPTURES]
    bulk_shaped = sum(
        bool(
            bulk_static.shape_of(
                np.array([p[0] if p else 0 for p in m.payload]),
                np.array([len(p) for p in m.payload]),
                m.fill,
            )
            .astype(bool)
            .sum()
        )
        for m in msgs
    )
    assert bulk_shaped > 0


def test_every_shared_capture_has_messages_decoded_by_the_bulk_path() -> None:
    total = sum(
        sum(bulk.eligible(m.payload[i], m.fill[i]) for i in range(len(m)))
        for m in map(messages_of, NMEA_CAPTURES)
    )
    assert total > 800


position_fields = st.fixed_dictionaries(
    {
        "msg_type": st.sampled_from([1, 2, 3, 18]),
        "repeat": st.integers(0, 3),
        "mmsi": st.integers(0, 2**30 - 1),
        "status": st.integers(0, 15),
        "turn": st.integers(-127, 127).map(float),
        "speed": st.integers(0, 1023).map(lambda v: v / 10),
        "accuracy": st.booleans(),
        "lon": st.integers(-108_000_000, 108_600_000).map(lambda v: v / 600_000),
        "lat": st.integers(-54_000_000, 54_600_000).map(lambda v: v / 600_000),
        "course": st.integers(0, 3600).map(lambda v: v / 10),
        "heading": st.integers(0, 511),
        "second": st.integers(0, 63),
        "raim": st.booleans(),
        "radio": st.integers(0, 2**19 - 1),
    }
)


@settings(max_examples=150, deadline=None)
@given(position_fields)
def test_bulk_equals_pyais_on_encoded_positions(fields: dict[str, Any]) -> None:
    sentence = sentences(**fields)[0].encode()
    expected = reference((sentence,))
    payload = sentence.split(b",")[5]
    columns, valid = bulk.decode_positions([payload])
    assert valid[0] and expected is not None
    assert bulk.message_fields(columns, 0) == expected


text = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -", max_size=20)
static_fields = st.one_of(
    st.fixed_dictionaries(
        {
            "msg_type": st.just(5),
            "repeat": st.integers(0, 3),
            "mmsi": st.integers(0, 2**30 - 1),
            "ais_version": st.integers(0, 3),
            "imo": st.integers(0, 2**30 - 1),
            "callsign": text.map(lambda t: t[:7]),
            "shipname": text,
            "ship_type": st.integers(0, 99),
            "to_bow": st.integers(0, 511),
            "to_stern": st.integers(0, 511),
            "to_port": st.integers(0, 63),
            "to_starboard": st.integers(0, 63),
            "epfd": st.integers(0, 8),
            "month": st.integers(0, 12),
            "day": st.integers(0, 31),
            "hour": st.integers(0, 24),
            "minute": st.integers(0, 60),
            "draught": st.integers(0, 255).map(lambda v: v / 10),
            "destination": text,
            "dte": st.booleans(),
        }
    ),
    st.fixed_dictionaries(
        {"msg_type": st.just(24), "mmsi": st.integers(0, 2**30 - 1), "partno": st.just(0)}
        | {"shipname": text}
    ),
    st.fixed_dictionaries(
        {"msg_type": st.just(24), "mmsi": st.integers(0, 2**30 - 1), "partno": st.just(1)}
        | {"ship_type": st.integers(0, 99), "callsign": text.map(lambda t: t[:7])}
        | {"vendorid": text.map(lambda t: t[:3]), "model": st.integers(0, 15)}
        | {"serial": st.integers(0, 2**20 - 1), "to_bow": st.integers(0, 511)}
        | {"to_stern": st.integers(0, 511), "to_port": st.integers(0, 63)}
        | {"to_starboard": st.integers(0, 63)}
    ),
)


@settings(max_examples=150, deadline=None)
@given(static_fields)
def test_bulk_statics_equal_pyais_on_encoded_messages(fields: dict[str, Any]) -> None:
    parts = tuple(s.encode() for s in sentences(**fields))
    expected = reference(parts)
    payload = b"".join(p.split(b",")[5] for p in parts)
    fill = parts[-1].split(b",")[6][:1]
    msg_type = int(
        bulk_static.shape_of(np.array([payload[0]]), np.array([len(payload)]), [fill])[0]
    )
    assert expected is not None and msg_type == fields["msg_type"]
    chars = np.frombuffer(payload, dtype=np.uint8).reshape(1, len(payload))
    decoded, taken = bulk_static.decode_statics(chars, msg_type)
    auxiliary = 980_000_000 <= fields["mmsi"] <= 989_999_999 and fields.get("partno") == 1
    assert taken.tolist() == [not auxiliary]
    assert decoded == ([] if auxiliary else [expected])

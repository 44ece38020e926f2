"""Identity history from types 5, 19 and 24: each value with first and last seen."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from tests.ais.conftest import T0_S, sentences, tagged, write_lines
from vigil.ais.citation import cite
from vigil.ais.identity import identity_values
from vigil.ais.ingest import ingest_file
from vigil.ais.validate import Limits
from vigil.store import Store

DAY_S = 86_400


def static_lines(time_s: float, **fields: Any) -> list[str]:
    base = {
        "msg_type": 5,
        "mmsi": 445123000,
        "imo": 9000001,
        "callsign": "HMAB",
        "shipname": "CHON MA SAN",
    }
    return [tagged(s, time_s) for s in sentences(**{**base, **fields})]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"msg_type": 5, "mmsi": 1, "imo": 9000001, "callsign": "HMAB@@", "shipname": "A  B@@",
             "ship_type": 80, "to_bow": 100, "to_stern": 20, "to_port": 10, "to_starboard": 8,
             "draught": 7.5, "destination": "NAMPO@@", "month": 3, "day": 9, "hour": 6, "minute": 5},
            {"imo": "9000001", "call_sign": "HMAB", "name": "A B", "ship_type": "80",
             "dimensions": "L120 B18", "draught": "7.5", "destination": "NAMPO", "eta": "03-09 06:05"},
        ),
        ({"msg_type": 24, "mmsi": 1, "partno": 0, "shipname": "YU JONG"}, {"name": "YU JONG"}),
        (
            {"msg_type": 24, "mmsi": 1, "partno": 1, "ship_type": 30, "callsign": "P5XY"},
            {"ship_type": "30", "call_sign": "P5XY", "dimensions": None},
        ),
        ({"msg_type": 19, "mmsi": 1, "shipname": "", "ship_type": 0}, {"name": None, "ship_type": None, "dimensions": None}),
    ],
)  # fmt: skip
def test_identity_values(fields: dict[str, Any], expected: dict[str, str | None]) -> None:
    assert identity_values(fields) == expected


def test_history_first_and_last_seen(store: Store, limits: Limits, tmp_path: Path) -> None:
    lines = static_lines(T0_S) + static_lines(T0_S + DAY_S, shipname="KORYO")
    lines += static_lines(T0_S + 2 * DAY_S)
    ingest_file(store, write_lines(tmp_path / "a.nmea", lines), limits)
    ingest_file(store, write_lines(tmp_path / "b.nmea", static_lines(T0_S - DAY_S)), limits)
    rows = store.conn.execute(
        "SELECT value, epoch(first_seen), epoch(last_seen), observations FROM ais_identity"
        " WHERE field = 'name' ORDER BY first_seen"
    ).fetchall()
    assert rows == [
        ("CHON MA SAN", T0_S - DAY_S, T0_S + 2 * DAY_S, 3),
        ("KORYO", T0_S + DAY_S, T0_S + DAY_S, 1),
    ]
    first_raw = store.conn.execute(
        "SELECT first_raw_id FROM ais_identity WHERE field = 'name' AND value = 'CHON MA SAN'"
    ).fetchone()
    assert first_raw is not None
    cited = cite(store, int(first_raw[0]))
    assert (cited.path, cited.line_no) == (str(tmp_path / "b.nmea"), 1)
    assert cited.text == static_lines(T0_S - DAY_S)[0] and not cited.copied


@pytest.mark.parametrize("seed", range(4))
def test_repeated_static_messages_fold_like_one_by_one(
    store: Store, limits: Limits, tmp_path: Path, seed: int
) -> None:
    """Static messages repeating word for word are folded per content; the history equals
    folding each message in turn (first = earliest, the earlier line on a tie; counts add)."""
    rng = random.Random(seed)
    lines, messages = [], []
    for _ in range(60):
        mmsi = rng.choice([445123000, 445123001])
        fields: dict[str, Any] = {"mmsi": mmsi, "msg_type": 5, "imo": 9000001,
                                  "shipname": rng.choice(["CHON MA SAN", "KORYO"]),
                                  "callsign": rng.choice(["HMAB", "HMAC"])}  # fmt: skip
        if rng.random() < 0.3:  # class B part A
            fields = {"mmsi": mmsi, "msg_type": 24, "partno": 0, "shipname": fields["shipname"]}
        time_s = T0_S + rng.choice([0, 60, 120, 600])  # equal times on purpose
        messages.append((len(lines) + 1, time_s, fields))
        lines += [tagged(s, time_s) for s in sentences(**fields)]
    summary = ingest_file(store, write_lines(tmp_path / "s.nmea", lines), limits)
    expected: dict[tuple[int, str, str], list[int]] = {}
    for line_no, time_s, fields in messages:  # the reference: one message at a time
        for field, value in identity_values(fields).items():
            if not value:
                continue
            agg = expected.setdefault((fields["mmsi"], field, value), [time_s, time_s, line_no, 0])
            if time_s < agg[0]:
                agg[0], agg[2] = time_s, line_no
            agg[1], agg[3] = max(agg[1], time_s), agg[3] + 1
    rows = store.conn.execute(
        "SELECT mmsi, field, value, epoch(first_seen), epoch(last_seen), first_raw_id,"
        " observations FROM ais_identity"
    ).fetchall()
    got = {(m, f, v): [a, b, r - (summary.file_id << 32), n] for m, f, v, a, b, r, n in rows}
    assert got == expected

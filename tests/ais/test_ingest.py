"""NMEA ingest: dispositions, quarantine reasons, idempotence, atomicity, compression, bad input."""

from __future__ import annotations

import gzip
from pathlib import Path

import duckdb
import pytest
import zstandard

from tests.ais.conftest import (
    NMEA_CAPTURES,
    SHARED_AIS,
    T0_S,
    position,
    sentences,
    tagged,
    write_lines,
)
from vigil.ais import storage
from vigil.ais.errors import AisInputError
from vigil.ais.ingest import ingest_file, ingest_paths
from vigil.ais.nmea import nmea_checksum
from vigil.ais.pipeline import Batch
from vigil.ais.validate import Limits
from vigil.store import Store


def nmea(body: str) -> str:
    """A sentence with its checksum."""
    return f"!{body}*{nmea_checksum(body.encode()):02X}"


TABLES = ("ais_files", "ais_positions", "ais_raw", "ais_quarantine", "ais_identity")


def counts(store: Store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


@pytest.mark.parametrize("path", NMEA_CAPTURES, ids=lambda p: p.name)
def test_every_line_has_one_disposition(store: Store, limits: Limits, path: Path) -> None:
    summary = ingest_file(store, path, Limits(now_s=limits.now_s, assume_time_s=T0_S))
    assert summary.lines_read == len(path.read_bytes().splitlines())
    assert sum(summary.counts.values()) == summary.lines_read
    stored = counts(store)
    assert stored["ais_positions"] == summary.positions
    assert stored["ais_quarantine"] == sum(summary.quarantined.values())


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (position(412000001, 38.0, 124.0, T0_S)[:-1] + "0", "bad_checksum"),
        (position(412000001, 91.0, 181.0, T0_S), "position_not_available"),
        (position(41200001, 38.0, 124.0, T0_S), "bad_mmsi"),
        (position(412000001, 38.0, 124.0, 600_000_000), "time_before_1990"),
        (position(412000001, 38.0, 124.0, 4_000_000_000), "time_in_future"),
        (tagged(sentences(msg_type=1, mmsi=412000001, lat=1, lon=1)[0], None), "no_timestamp"),
        (tagged("!AIVDM,1,1,,A,,0*26", T0_S), "undecodable"),
        (tagged(nmea("AIVDM,2,2,7,A,0000,2"), T0_S), "orphan_fragment"),
        (tagged(nmea("AIVDM,2,3,7,A,0000,2"), T0_S), "bad_fragment"),
        ("$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D", "not_ais"),
        ("\\s:x,c:1*00\\!AIVDM,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*23", "bad_tag_block"),
        ("!AIVDM,1,1,,A,13HOI:0P0000VOHLC", "truncated"),
        ("\x00\xff\xfegarbage\x01", "not_ais"),
    ],
)
def test_quarantine_reasons(
    store: Store, limits: Limits, tmp_path: Path, line: str, reason: str
) -> None:
    path = tmp_path / "one.nmea"
    path.write_bytes(line.encode("latin-1") + b"\n")
    summary = ingest_file(store, path, limits)
    assert summary.quarantined == {reason: 1}
    row = store.conn.execute("SELECT reason, line_no, raw FROM ais_quarantine").fetchone()
    assert row is not None and row[0] == reason and row[1] == 1 and row[2]


def test_valid_position_is_stored_with_its_raw_line(
    store: Store, limits: Limits, tmp_path: Path
) -> None:
    line = position(412000001, 38.5, 124.25, T0_S, speed=12.3, course=90.0, heading=88)
    path = write_lines(tmp_path / "a.nmea", [line])
    summary = ingest_file(store, path, limits, keep_raw=True)
    row = store.conn.execute(
        "SELECT p.mmsi, p.lat, p.lon, p.sog_knots, p.cog_deg, p.heading_deg, epoch(p.ts), p.day,"
        " p.source, r.raw FROM ais_positions p JOIN ais_raw r USING (raw_id)"
    ).fetchone()
    assert summary.positions == 1
    assert row is not None and row[:7] == (412000001, 38.5, 124.25, 12.3, 90.0, 88, T0_S)
    assert str(row[7]) == "2024-01-01" and row[8] == "rTEST" and row[9] == line


def test_multi_sentence_messages_interleaved_across_channels(
    store: Store, limits: Limits, tmp_path: Path
) -> None:
    static = {"msg_type": 5, "imo": 9123456, "callsign": "HPAB", "shipname": "CHON MA SAN"}
    first = encode_two(dict(static, mmsi=412000001), "1", "A")
    second = encode_two(dict(static, mmsi=412000002, shipname="YU JONG 2"), "1", "B")
    lines = [first[0], second[0], position(412000003, 1, 1, T0_S), second[1], first[1]]
    summary = ingest_file(
        store, write_lines(tmp_path / "m.nmea", lines), Limits(limits.now_s, T0_S)
    )
    assert summary.counts == {"static": 2, "fragment": 2, "position": 1}
    names = store.conn.execute(
        "SELECT value FROM ais_identity WHERE field = 'name' ORDER BY 1"
    ).fetchall()
    assert names == [("CHON MA SAN",), ("YU JONG 2",)]


def encode_two(fields: dict[str, object], seq: str, channel: str) -> list[str]:
    from pyais.encode import encode_dict

    return list(encode_dict(fields, radio_channel=channel, talker_id="AI", seq_id=int(seq)))


def test_reingest_adds_nothing(store: Store, limits: Limits) -> None:
    first = ingest_paths(store, [SHARED_AIS], Limits(limits.now_s, T0_S))
    before = counts(store)
    again = ingest_paths(store, [SHARED_AIS], Limits(limits.now_s, T0_S))
    assert all(s.skipped for s in again) and not any(s.skipped for s in first)
    assert counts(store) == before


def test_failed_ingest_leaves_the_store_untouched(
    store: Store, limits: Limits, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = counts(store)

    def fail(*args: object) -> None:
        raise RuntimeError("killed before commit")

    monkeypatch.setattr(storage, "record_file", fail)
    with pytest.raises(RuntimeError):
        ingest_file(store, NMEA_CAPTURES[0], limits)
    assert counts(store) == before


@pytest.mark.parametrize("compress", [gzip.compress, zstandard.ZstdCompressor().compress])
def test_compressed_files(store: Store, limits: Limits, tmp_path: Path, compress: object) -> None:
    raw = "\n".join(position(412000001, 38.0, 124.0 + k / 100, T0_S + k) for k in range(5)).encode()
    path = tmp_path / "c.nmea.z"
    path.write_bytes(compress(raw))  # type: ignore[operator]
    assert ingest_file(store, path, limits).positions == 5


def test_truncated_gzip_is_an_error_and_stores_nothing(
    store: Store, limits: Limits, tmp_path: Path
) -> None:
    raw = "\n".join(position(412000001, 38.0, 124.0, T0_S + k) for k in range(2000)).encode()
    path = tmp_path / "t.nmea.gz"
    path.write_bytes(gzip.compress(raw)[:5000])
    before = counts(store)
    with pytest.raises(AisInputError, match=r"t\.nmea\.gz:\d+"):
        ingest_file(store, path, limits)
    assert counts(store) == before


def test_binary_garbage_is_quarantined(store: Store, limits: Limits, tmp_path: Path) -> None:
    path = tmp_path / "garbage.bin"
    path.write_bytes(bytes(range(256)) * 64)
    summary = ingest_file(store, path, limits)
    assert summary.positions == 0 and sum(summary.counts.values()) == summary.lines_read


@pytest.mark.parametrize("fail_at", [1, 2])
def test_failed_append_in_the_writer_thread_rolls_back_the_file(
    store: Store, limits: Limits, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    before = counts(store)
    calls: list[int] = []
    real = storage.write_batch

    def flaky(conn: duckdb.DuckDBPyConnection, batch: Batch) -> None:
        calls.append(1)
        if len(calls) == fail_at:
            raise RuntimeError("disk full")
        real(conn, batch)

    monkeypatch.setattr(storage, "write_batch", flaky)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_file(store, NMEA_CAPTURES[0], limits)
    assert len(calls) == fail_at  # nothing is appended after a failed append
    assert counts(store) == before

"""CSV and Parquet ingest through DuckDB: presets, mappings, quarantine, bad files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.ais.conftest import MARINECADASTRE
from vigil.ais.errors import AisInputError
from vigil.ais.ingest import ingest_file
from vigil.ais.validate import Limits
from vigil.store import Store


def test_marinecadastre_sample(store: Store, limits: Limits) -> None:
    summary = ingest_file(store, MARINECADASTRE, limits)
    assert summary.format == "marinecadastre"
    assert summary.lines_read == 1000 and sum(summary.counts.values()) == 1000
    row = store.conn.execute(
        "SELECT mmsi, lat, lon, sog_knots, cog_deg, heading_deg, ts::VARCHAR FROM ais_positions"
        " WHERE line_no = 2"
    ).fetchone()
    assert row == (367752440, 43.07917, -70.75733, 0.0, None, 95, "2023-01-11 00:00:00")
    imo = store.conn.execute(
        "SELECT value FROM ais_identity WHERE mmsi = 636021061 AND field = 'imo'"
    ).fetchone()
    assert imo == ("9307839",)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("412000001,2024-01-01T00:00:00,38.5,124.5,10.0", None),
        ("41200001,2024-01-01T00:00:00,38.5,124.5,10.0", "bad_mmsi"),
        ("412000001,not a time,38.5,124.5,10.0", "bad_value"),
        ("412000001,2024-01-01T00:00:00,north,124.5,10.0", "bad_value"),
        ("412000001,2024-01-01T00:00:00,38.5,124.5,fast", "bad_value"),
        ("412000001,2024-01-01T00:00:00,91,181,10.0", "position_not_available"),
        ("412000001,2024-01-01T00:00:00,95.0,124.5,10.0", "impossible_position"),
        ("412000001,1980-01-01T00:00:00,38.5,124.5,10.0", "time_before_1990"),
        ("412000001,2100-01-01T00:00:00,38.5,124.5,10.0", "time_in_future"),
        ("412000001,2024-01-01T00:00:00", "bad_value"),
        ("412000001,1704067200,38.5,124.5,10.0", None),
        ("412000001,2024-01-01T09:00:00+09:00,38.5,124.5,10.0", None),
        ("412000001,2024-01-01T00:00:00,38.5,124.5,10.0,extra,fields", None),
        ('412000001,2024-01-01T00:00:00,"38.5,124.5,10.0', "bad_value"),
    ],
)
def test_generic_csv_rows(
    store: Store, limits: Limits, tmp_path: Path, row: str, reason: str | None
) -> None:
    path = tmp_path / "generic.csv"
    path.write_text(f"mmsi,timestamp,latitude,longitude,speed\n{row}\n")
    summary = ingest_file(store, path, limits)
    assert summary.quarantined == ({} if reason is None else {reason: 1})
    assert summary.positions == (1 if reason is None else 0)


def test_column_mapping(store: Store, limits: Limits, tmp_path: Path) -> None:
    path = tmp_path / "mapped.csv"
    path.write_text("id,when,y,x\n412000001,2024-01-01 00:00:00,38.5,124.5\n")
    mapping = {"mmsi": "id", "ts": "when", "lat": "y", "lon": "x"}
    assert ingest_file(store, path, limits, "csv", mapping).positions == 1


def test_missing_columns_is_a_clear_error(store: Store, limits: Limits, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("mmsi,when\n412000001,2024\n")
    with pytest.raises(AisInputError, match=r"missing required columns for \['ts', 'lat', 'lon'\]"):
        ingest_file(store, path, limits)
    assert store.conn.execute("SELECT count(*) FROM ais_files").fetchone() == (0,)


def test_parquet_and_gzip_csv(store: Store, limits: Limits, tmp_path: Path) -> None:
    conn = duckdb.connect()
    source = f"read_csv('{MARINECADASTRE}')"
    conn.execute(f"COPY (SELECT * FROM {source} LIMIT 10) TO '{tmp_path / 'a.parquet'}'")
    conn.execute(f"COPY (SELECT * FROM {source} LIMIT 20) TO '{tmp_path / 'b.csv.gz'}'")
    assert ingest_file(store, tmp_path / "a.parquet", limits, mapping=None).positions == 10
    assert ingest_file(store, tmp_path / "b.csv.gz", limits).positions == 20


def test_time_offsets_are_converted_to_utc(store: Store, limits: Limits, tmp_path: Path) -> None:
    path = tmp_path / "tz.csv"
    path.write_text("mmsi,timestamp,lat,lon\n412000001,2024-01-01T09:00:00+09:00,38.5,124.5\n")
    ingest_file(store, path, limits)
    assert store.conn.execute("SELECT ts::VARCHAR FROM ais_positions").fetchone() == (
        "2024-01-01 00:00:00",
    )


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        (b"412000002,2024-01-01T00:00:00,\xff\xfe,124.5", "malformed_row"),  # DuckDB rejects it
        (b'412000002,2024-01-01T00:00:00,"38.5,124.5', "bad_value"),
        (b"412000002,2024-01-01T00:00:00,north,124.5", "bad_value"),
    ],
)
def test_line_numbers_follow_the_file(
    store: Store, limits: Limits, tmp_path: Path, bad_row: bytes, reason: str
) -> None:
    good = b"412000001,2024-01-01T00:00:00,38.5,124.5"
    path = tmp_path / "lines.csv"
    path.write_bytes(b"\n".join([b"mmsi,timestamp,lat,lon", good, bad_row, good, good, b""]))
    summary = ingest_file(store, path, limits)
    assert summary.quarantined == {reason: 1}
    lines = store.conn.execute("SELECT line_no FROM ais_positions ORDER BY line_no").fetchall()
    assert lines == [(2,), (4,), (5,)]
    assert store.conn.execute("SELECT line_no FROM ais_quarantine").fetchall() == [(3,)]


@pytest.mark.parametrize(("keep_raw", "raw_rows"), [(False, 0), (True, 1)])
def test_raw_rows_are_referenced_or_copied(
    store: Store, limits: Limits, tmp_path: Path, keep_raw: bool, raw_rows: int
) -> None:
    path = tmp_path / "raw.csv"
    path.write_text("mmsi,timestamp,lat,lon\n412000001,2024-01-01T00:00:00,38.5,124.5\n")
    assert ingest_file(store, path, limits, keep_raw=keep_raw).positions == 1
    rows = store.conn.execute("SELECT line_no, raw FROM ais_raw").fetchall()
    assert rows == [(2, "412000001,2024-01-01T00:00:00,38.5,124.5")][:raw_rows]


def test_identity_first_line_on_a_time_tie(store: Store, limits: Limits, tmp_path: Path) -> None:
    """Rows stating a value at the same earliest time: the lower line is the first sighting."""
    rows = ["mmsi,ts,lat,lon,name,ship_type"]  # two ship types: two tuples stating the name
    rows += [f"445123000,2024-01-01T00:0{m}:00,39.0,125.0,CHON MA SAN,{t}"
             for m, t in ((5, 70), (0, 80), (0, 70), (0, 80), (0, 70), (9, 80))]  # fmt: skip
    path = tmp_path / "tie.csv"
    path.write_text("\n".join(rows) + "\n")
    summary = ingest_file(store, path, limits)
    first = store.conn.execute(
        "SELECT first_raw_id - (CAST(? AS BIGINT) << 32) FROM ais_identity WHERE field = 'name'",
        [summary.file_id],
    ).fetchone()
    assert first == (3,)  # lines 3 to 6 share the earliest time; line 3 comes first

"""The CSV fast path gives exactly what the DuckDB path gives, and falls back when it must.

Every test ingests the same file twice, into two fresh stores: once as ``ingest_file`` does
(fast path first), once with the fast path switched off (the DuckDB path, the reference),
and compares every stored row. Small chunks make the fast path cut files into many pieces.
"""

from __future__ import annotations

import gzip
import logging
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ais.conftest import MARINECADASTRE, SHARED_AIS
from vigil.ais import ingest, tabular_fast, tabular_read
from vigil.ais.ingest import IngestSummary, ingest_file
from vigil.ais.storage import ais_migrations
from vigil.ais.validate import Limits
from vigil.settings import Settings
from vigil.store import Store

LIMITS = Limits(now_s=time.time())
UNFIT = "CSV fast path unfit"
SNAPSHOT = {
    "positions": "SELECT * FROM ais_positions ORDER BY line_no",
    "quarantine": "SELECT * FROM ais_quarantine ORDER BY line_no",
    "identity": "SELECT * FROM ais_identity ORDER BY ALL",
    "raw": "SELECT * FROM ais_raw ORDER BY line_no",
    "files": "SELECT file_id, format, lines_read, positions, quarantined FROM ais_files",
}
GENERIC = "mmsi,timestamp,lat,lon,speed,course,heading,status,name,imo,callsign,ship_type"
GOOD = "412000001,2024-01-01T00:00:00,38.5,124.5,10.0,90.0,91.0,0.0,KUM SAN,IMO9000001,HM01,70"
QUOTED_NEWLINE = GOOD.replace("KUM SAN", '"KUM\nSAN"')
QUOTED_COMMA = GOOD.replace("KUM SAN", '"KUM, SAN"')


def _store(home: Path) -> Store:
    return Store.open(Settings(home=home), migrations=ais_migrations())


def snapshot(store: Store) -> dict[str, list[tuple[str, ...]]]:
    """Every stored AIS row as text (so NaN equals NaN)."""
    return {
        name: [tuple(map(repr, row)) for row in store.conn.execute(sql).fetchall()]
        for name, sql in SNAPSHOT.items()
    }


def both_paths(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, path: Path, **kw: Any
) -> tuple[bool, list[Any]]:
    """(whether the fast path kept the file, [summary, snapshot] of each path)."""
    results: list[Any] = []
    with tempfile.TemporaryDirectory() as tmp:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="vigil.ais.ingest"), _store(Path(tmp)) as s:
            results.append(_result(ingest_file(s, path, LIMITS, **kw), s))
        fast = UNFIT not in caplog.text
    with tempfile.TemporaryDirectory() as tmp, monkeypatch.context() as patch:
        patch.setattr(ingest, "fast_eligible", lambda kind, keep_raw: False)
        with _store(Path(tmp)) as s:
            results.append(_result(ingest_file(s, path, LIMITS, **kw), s))
    return fast, results


def _result(summary: IngestSummary, store: Store) -> list[Any]:
    data = summary.as_dict()
    data.pop("seconds")
    return [data, snapshot(store)]


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Chunks of a few hundred bytes: many chunks, so line numbers cross chunk ends, and
    identity groups merged and suspect rows checked every few chunks."""
    monkeypatch.setattr(tabular_read, "CHUNK_BYTES", 300)
    monkeypatch.setattr(tabular_fast, "MERGE_ROWS", 20)
    monkeypatch.setattr(tabular_fast, "SUSPECT_ROWS", 3)
    yield


REAL_CSV = sorted(SHARED_AIS.rglob("*.csv"))


@pytest.mark.parametrize("sample", REAL_CSV, ids=lambda p: p.name)
@pytest.mark.parametrize("chunk_bytes", [1000, 1 << 20])
def test_real_samples_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    sample: Path,
    chunk_bytes: int,
) -> None:
    monkeypatch.setattr(tabular_read, "CHUNK_BYTES", chunk_bytes)
    fast, (first, reference) = both_paths(monkeypatch, caplog, sample)
    assert fast
    assert first == reference
    assert first[0]["positions"] > 0.9 * first[0]["lines_read"] and first[1]["identity"]


@pytest.mark.parametrize("codec", ["gzip", "zstd"])
def test_compressed_sample_is_the_same(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path, codec: str
) -> None:
    monkeypatch.setattr(tabular_read, "CHUNK_BYTES", 4096)
    data = MARINECADASTRE.read_bytes()
    packed = gzip.compress(data) if codec == "gzip" else zstandard.compress(data)
    path = tmp_path / f"sample.csv.{codec}"
    path.write_bytes(packed)
    fast, (first, reference) = both_paths(monkeypatch, caplog, path)
    assert fast and first == reference


NUMBERS = ["38.5", "-90.0", "+38.5", ".5", " 38.5", " ", "nan", "inf", "1e400", "91", "95", "", "x"]
VALUES = {
    "mmsi": ["412000001", "412000002", "41200001", "412000001.5", "412000002.5", "0x18A0B1C0",
             " 412000003", "", "1e9", "999999999.4"],
    "ts": ["2024-01-01T00:00:00", "2024-01-01 00:00:05", "2024-01-01T00:00:00Z",
           "2024-01-01T09:00:00+09:00", "1704067200", "2024-01-01T24:00:00",
           "0000-01-01T00:00:00", "1980-01-01T00:00:00", "2100-01-01T00:00:00", "", "soon"],
    "lat": NUMBERS,
    "lon": [*NUMBERS, "181", "-180.5"],
    "speed": ["10.0", "102.3", "", "fast", "nan"],
    "course": ["360.0", "359.9", "", "-1"],
    "heading": ["511", "359.5", "2.5", "-0.5", "40000", "-32768.4", ""],
    "status": ["0.0", "127.5", "200", "-128.4", "", "8"],
    "name": ["KUM SAN", "  KUM   SAN ", "", "X"],
    "imo": ["IMO0009000001", "9000001", "0", "", "none"],
    "callsign": ["HM01", " HM01 ", ""],
    "ship_type": ["70", "70.0", "abc", "0", ""],
}  # fmt: skip
ROW = st.tuples(*(st.sampled_from(v) for v in VALUES.values())).map(",".join)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, min_size=1, max_size=40))
def test_dirty_values_are_the_same(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, rows: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dirty.csv"
        path.write_text("\n".join([GENERIC, *rows]) + "\n")
        fast, (first, reference) = both_paths(monkeypatch, caplog, path)
    assert fast and first == reference


@pytest.mark.parametrize(
    ("header", "rows", "kw"),
    [
        (
            "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,SOG,Name,Width,Length,Draught",
            ["01/01/2024 00:00:00,Class A,412000001,38.5,124.5,3.0,KUM SAN,30,208,8.0",
             "31/12/2023 23:59:59,Class A,412000001,38.5,124.5,3.0,KUM SAN,30,208,8.04",
             "2024-01-01 00:00:00,Class A,412000002,38.5,124.5,,,0,0,"],
            {"fmt": "dma"},
        ),
        (
            "id,when,y,x,vessel",
            ["412000001,2024-01-01 00:00:00,38.5,124.5,A", "412000002,2024-01-01,1,2,B"],
            {"fmt": "csv", "mapping": {"mmsi": "id", "ts": "when", "lat": "y", "lon": "x",
                                       "name": "vessel"}},
        ),
        (GENERIC, [], {}),
        (",".join(f'"{n}"' for n in GENERIC.split(",")), [GOOD, GOOD], {}),  # as DuckDB writes
        (GENERIC, [GOOD, GOOD, GOOD.replace("KUM SAN", "KUM SAN 2")], {}),
    ],
)  # fmt: skip
def test_presets_and_mappings_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    header: str,
    rows: list[str],
    kw: dict[str, Any],
) -> None:
    path = tmp_path / "input.csv"
    path.write_text("\n".join([header, *rows]) + "\n")
    fast, (first, reference) = both_paths(monkeypatch, caplog, path, **kw)
    assert fast and first == reference


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("quoted_newline", f"{GENERIC}\n{GOOD}\n{QUOTED_NEWLINE}\n{GOOD}\n".encode()),
        ("quoted_field", f"{GENERIC}\n{QUOTED_COMMA}\n".encode()),
        ("too_many_fields", f"{GENERIC}\n{GOOD}\n{GOOD},extra\n{GOOD}\n".encode()),
        ("too_few_fields", f"{GENERIC}\n{GOOD}\n412000001,2024-01-01T00:00:00\n{GOOD}\n".encode()),
        ("blank_line", f"{GENERIC}\n{GOOD}\n\n{GOOD}\n".encode()),
        ("not_utf8", f"{GENERIC}\n{GOOD}\n".encode() + b"412000002,2024-01-01T00:00:00,\xff,1\n"),
        ("semicolons", f"{GENERIC}\n{GOOD}\n".replace(",", ";").encode()),
        ("carriage_return", f"{GENERIC}\n{GOOD}\r{GOOD}\n".encode()),
        ("empty", b""),
        ("quoted_header_comma", f'"mmsi,x",{GENERIC}\n1,{GOOD}\n'.encode()),
    ],
)  # fmt: skip
def test_fallback_gives_the_duckdb_result(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    name: str,
    body: bytes,
) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_bytes(body)
    try:
        fast, (first, reference) = both_paths(monkeypatch, caplog, path)
    except Exception as exc:  # the DuckDB path's own error, e.g. for an empty file
        assert UNFIT in caplog.text, exc
        return
    assert not fast
    assert first == reference


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("crlf", f"{GENERIC}\r\n{GOOD}\r\n{GOOD}\r\n".encode()),
        ("no_final_newline", f"{GENERIC}\n{GOOD}\n{GOOD}".encode()),
        ("utf8_bom", "\ufeff".encode() + f"{GENERIC}\n{GOOD}\n".encode()),
        ("spaces_in_values", f"{GENERIC}\n{GOOD.replace(',', ' , ')}\n".encode()),
        ("utf8_names", f"{GENERIC}\n{GOOD.replace('KUM SAN', 'KÜM SAN 号')}\n".encode()),
    ],
)
def test_line_ends_and_encodings_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    name: str,
    body: bytes,
) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_bytes(body)
    _, (first, reference) = both_paths(monkeypatch, caplog, path)
    assert first == reference


def test_keep_raw_takes_the_duckdb_path(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _, (first, reference) = both_paths(monkeypatch, caplog, MARINECADASTRE, keep_raw=True)
    assert first == reference and len(first[1]["raw"]) == first[0]["positions"]


def test_a_failed_write_rolls_everything_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[int] = []
    write = tabular_fast.write_batch

    def fail_second(conn: Any, batch: Any) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        write(conn, batch)

    monkeypatch.setattr(tabular_fast, "write_batch", fail_second)
    with _store(tmp_path) as store:
        with pytest.raises(OSError, match="disk full"):
            ingest_file(store, MARINECADASTRE, LIMITS)
        for table in ("ais_files", "ais_positions", "ais_quarantine", "ais_identity"):
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        monkeypatch.undo()
        assert ingest_file(store, MARINECADASTRE, LIMITS).positions > 900
        again = ingest_file(store, MARINECADASTRE, LIMITS)
        assert again.skipped and store.conn.execute(
            "SELECT count(*) FROM ais_files"
        ).fetchone() == (1,)

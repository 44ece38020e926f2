"""Kept rows cite their file and line; ``keep_raw`` copies the text; citations resolve."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.ais.conftest import T0_S, position, sentences, tagged, write_lines
from vigil.ais.citation import CitationError, cite, split_raw_id
from vigil.ais.ingest import ingest_file
from vigil.ais.query import stats
from vigil.ais.validate import Limits
from vigil.store import Store

STATIC = {"msg_type": 5, "mmsi": 445123000, "shipname": "CHON MA SAN", "imo": 8660313}


def lines() -> list[str]:
    two = [tagged(s, T0_S + 5) for s in sentences(**STATIC)]  # a two-sentence static message
    return [
        position(445123000, 39.0, 125.0, T0_S),
        "# a comment",
        *two,
        position(445123000, 39.1, 125.1, T0_S + 60),
        position(445123000, 95.0, 125.1, T0_S + 90),  # quarantined: latitude over 90
    ]


@pytest.mark.parametrize("keep_raw", [False, True])
def test_rows_cite_their_lines(
    store: Store, limits: Limits, tmp_path: Path, keep_raw: bool
) -> None:
    path = write_lines(tmp_path / "a.nmea", lines())
    summary = ingest_file(store, path, limits, keep_raw=keep_raw)
    copied = store.conn.execute("SELECT count(*) FROM ais_raw").fetchone()
    assert copied == ((3,) if keep_raw else (0,))  # two positions and one static message
    numbers = [r[0] for r in store.conn.execute("SELECT raw_id FROM ais_positions").fetchall()]
    numbers += [
        r[0]
        for r in store.conn.execute("SELECT DISTINCT first_raw_id FROM ais_identity").fetchall()
    ]
    written = path.read_text().splitlines()
    for raw_id in numbers:
        cited = cite(store, raw_id)
        assert split_raw_id(raw_id) == (summary.file_id, cited.line_no)
        assert cited.copied == keep_raw
        assert cited.text.startswith(written[cited.line_no - 1])  # a copy holds both sentences
    assert sorted(cite(store, n).line_no for n in numbers) == [1, 3, 5]
    assert stats(store)["messages_kept"] == 3


def test_citation_checks_the_file(store: Store, limits: Limits, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "a.nmea", lines())
    summary = ingest_file(store, path, limits)
    first = (summary.file_id << 32) | 1
    assert cite(store, first).text == lines()[0]
    with pytest.raises(CitationError, match="no line 99"):
        cite(store, (summary.file_id << 32) | 99)
    with pytest.raises(CitationError, match="no ingested file"):
        cite(store, (summary.file_id + 1) << 32 | 1)
    path.write_text("changed\n")
    with pytest.raises(CitationError, match="changed since it was ingested"):
        cite(store, first)
    path.unlink()
    with pytest.raises(CitationError, match="no longer there"):
        cite(store, first)


def test_citation_reads_compressed_files(store: Store, limits: Limits, tmp_path: Path) -> None:
    path = tmp_path / "a.nmea.gz"
    path.write_bytes(gzip.compress(("\n".join(lines()) + "\n").encode()))
    summary = ingest_file(store, path, limits)
    assert cite(store, (summary.file_id << 32) | 6).text == lines()[5]

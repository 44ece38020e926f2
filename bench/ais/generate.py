"""Generate large AIS inputs for the benchmark from the real shared captures.

NMEA: real messages are decoded with pyais, given new MMSIs, re-encoded with pyais'
``encode_dict`` and written with NMEA 4.10 tag blocks (``c:`` receive time, ``s:`` source),
one message every ``STEP_S`` seconds. CSV: the real MarineCadastre rows, replicated with new
MMSIs and times by DuckDB.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, Final

import duckdb
import pyais
from pyais.encode import encode_dict

from vigil.ais.nmea import nmea_checksum

SHARED_AIS: Final = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ais"
START_S: Final = 1_704_067_200  # 2024-01-01 00:00:00 UTC
STEP_S: Final = 0.05
DISTINCT_MESSAGES: Final = 4_000


def templates() -> list[dict[str, Any]]:
    """Decoded real position and static messages (types 1, 2, 3, 5, 18, 24)."""
    out: list[dict[str, Any]] = []
    for line in (SHARED_AIS / "pyais" / "nmea_data_sample.txt").read_bytes().splitlines():
        try:
            msg = pyais.decode(line.strip()).asdict()
        except Exception:  # the capture holds undecodable lines on purpose
            continue
        if msg["msg_type"] in (1, 2, 3, 5, 18, 24) and msg.get("lat", 0) != 91:
            out.append(msg)
    return out


def distinct_sentences(count: int) -> list[list[str]]:
    """``count`` messages re-encoded with MMSIs 412000000 + k (each a list of sentences)."""
    base = templates()
    out: list[list[str]] = []
    for k, msg in zip(range(count), itertools.cycle(base), strict=False):
        changed = {key: v for key, v in msg.items() if not key.startswith("spare")}
        changed["mmsi"] = 412_000_000 + k % 997
        out.append(encode_dict(changed, radio_channel="A", talker_id="AI"))
    return out


def write_nmea(path: Path, lines: int) -> int:
    """Write about ``lines`` tag-blocked sentences to ``path``; returns the number written."""
    messages = distinct_sentences(DISTINCT_MESSAGES)
    written = 0
    with path.open("w", encoding="ascii") as out:
        for n, sentences in enumerate(itertools.cycle(messages)):
            if written >= lines:
                break
            tag = f"s:bench{n % 7},c:{START_S + int(n * STEP_S)}"
            for sentence in sentences:
                out.write(f"\\{tag}*{nmea_checksum(tag.encode()):02X}\\{sentence}\n")
                written += 1
    return written


def write_csv(path: Path, rows: int) -> int:
    """Write ``rows`` MarineCadastre-schema rows to ``path`` by replicating the real sample."""
    sample = str(SHARED_AIS / "marinecadastre_2023-01-11_1000rows.csv")
    copies = -(-rows // 1000)
    duckdb.connect().execute(
        f"""
        COPY (
            SELECT MMSI + k % 10 AS MMSI,
                   strftime(BaseDateTime::TIMESTAMP + to_seconds(k * 60), '%Y-%m-%dT%H:%M:%S')
                       AS BaseDateTime,
                   * EXCLUDE (MMSI, BaseDateTime)
            FROM read_csv('{sample}', all_varchar = false), range({copies}) AS r(k)
            LIMIT {rows}
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    )
    return rows

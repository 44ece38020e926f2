"""AIS test helpers: the real captures in ../shared/data/ais and a builder of NMEA lines."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyais.encode import encode_dict

from vigil.ais.nmea import nmea_checksum
from vigil.ais.storage import ais_migrations
from vigil.ais.validate import Limits
from vigil.settings import Settings
from vigil.store import Store

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
SHARED_AIS = SHARED_DATA / "ais"
NMEA_CAPTURES = sorted(p for p in SHARED_AIS.rglob("*") if p.is_file() and p.suffix != ".csv")
MARINECADASTRE = SHARED_AIS / "marinecadastre_2023-01-11_1000rows.csv"
T0_S = 1_704_067_200  # 2024-01-01T00:00:00Z


def sentences(**fields: Any) -> list[str]:
    """A message (pyais field names) encoded as NMEA sentences by pyais."""
    return list(encode_dict(fields, radio_channel="A", talker_id="AI"))


def tagged(sentence: str, time_s: float | None, source: str = "rTEST") -> str:
    """``sentence`` behind an NMEA 4.10 tag block with a receive time and a source."""
    tag = f"s:{source}" + ("" if time_s is None else f",c:{int(time_s)}")
    return f"\\{tag}*{nmea_checksum(tag.encode()):02X}\\{sentence}"


def position(mmsi: int, lat: float, lon: float, time_s: float, **extra: Any) -> str:
    """One tag-blocked type 1 position report line."""
    fields = {"msg_type": 1, "mmsi": mmsi, "lat": lat, "lon": lon, "speed": 10.0, **extra}
    return tagged(sentences(**fields)[0], time_s)


@pytest.fixture
def limits() -> Limits:
    """Validation limits with the real clock."""
    return Limits(now_s=time.time())


def write_lines(path: Path, lines: list[str]) -> Path:
    """Write lines to ``path`` and return it."""
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """A store with the AIS schema only (0200-0299), so other domains' migrations don't matter."""
    with Store.open(settings, migrations=ais_migrations()) as opened:
        yield opened

"""Time the register ingest of the whole UN XML (and the OFAC SDN file), cold and warm.

Run: ``.venv/bin/python -m bench.register``. Side by side in the same run:
- the floor: lxml alone parsing the same XML (no mapping, no store);
- Vigil in-process (warm: libraries loaded), parse + map to followthemoney + store, best of 3;
- Vigil cold: ``vigil register ingest`` as a fresh process on an empty store, end to end
  (interpreter start, imports, rigour's country index, parse, store).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from bench._report import write_section
from vigil.register.ingest import ingest, parse_list
from vigil.store import Store

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "sanctions"
UN_XML = DATA / "un_consolidated_2026-02-27.xml"
OFAC = DATA / "ofac_sdn_2024-05-03.csv"
REPEAT = 3


def best_of(fn: object, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def cold_cli(path: Path) -> float:
    times = []
    for _ in range(REPEAT):
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "VIGIL_HOME": home, "VIGIL_PROGRESS": "never"}
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "vigil.cli", "register", "ingest", str(path)],
                check=True, env=env, capture_output=True,
            )  # fmt: skip
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm(path: Path) -> tuple[float, float]:
    parse_list(path)  # load libraries and rigour's indexes once
    parse_s = best_of(lambda: parse_list(path))

    def full() -> None:
        ingest(Store.memory(), path)

    return parse_s, best_of(full)


def main() -> None:
    lxml_s = best_of(lambda: etree.parse(str(UN_XML), etree.XMLParser(resolve_entities=False)))
    un_parse_s, un_ingest_s = warm(UN_XML)
    un_cold_s = cold_cli(UN_XML)
    ofac_parse_s, ofac_ingest_s = warm(OFAC)
    ofac_cold_s = cold_cli(OFAC)
    rows = [
        ("UN XML, lxml parse only (floor)", lxml_s, "1.0"),
        ("UN XML, Vigil parse + map (warm)", un_parse_s, f"{un_parse_s / lxml_s:.1f}"),
        ("UN XML, Vigil ingest incl. store (warm)", un_ingest_s, f"{un_ingest_s / lxml_s:.1f}"),
        ("UN XML, `vigil register ingest` cold process", un_cold_s, f"{un_cold_s / lxml_s:.1f}"),
        ("OFAC SDN 2024, Vigil parse + map (warm)", ofac_parse_s, ""),
        ("OFAC SDN 2024, Vigil ingest incl. store (warm)", ofac_ingest_s, ""),
        ("OFAC SDN 2024, `vigil register ingest` cold process", ofac_cold_s, ""),
    ]
    table = "| what | seconds | × lxml floor |\n|---|---:|---:|\n" + "\n".join(
        f"| {name} | {secs:.2f} | {ratio} |" for name, secs, ratio in rows
    )
    body = (
        f"UN consolidated list (1,003 records, {UN_XML.stat().st_size / 1e6:.1f} MB) and OFAC SDN "
        f"2024 (14,966 rows). Warm = best of {REPEAT} in one process with libraries loaded; cold = "
        f"median of {REPEAT} fresh `vigil` processes on an empty store (includes ~1.5 s of imports "
        "and rigour building its country-name index on first use).\n\n"
        f"Target (issue 2): whole UN XML ingest well under 5 s.\n\n{table}"
    )
    write_section("register", body, "python -m bench.register")
    print(body)


if __name__ == "__main__":
    main()

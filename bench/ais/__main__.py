"""AIS ingest benchmark, every target side by side in one run: ``python -m bench.ais``.

1. NMEA: a plain pyais decode loop vs Vigil's ingest (decode, validate and store in an
   on-disk store) over the same tag-blocked file, best of ``REPEATS`` runs each.
2. CSV: MarineCadastre-schema rows ingested through DuckDB, rows per second.
3. Memory: peak RSS of an ingest in a fresh process, at two file sizes (flat = streamed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

import pyais

from bench._report import write_section
from bench.ais.generate import write_csv, write_nmea
from vigil.ais.ingest import ingest_file
from vigil.ais.storage import ais_migrations
from vigil.ais.validate import Limits
from vigil.settings import Settings
from vigil.store import Store

NMEA_LINES: Final = 400_000
CSV_ROWS: Final = 1_000_000
MEMORY_SIZES: Final = (100_000, 800_000)  # NMEA lines, for peak memory
CSV_MEMORY_SIZES: Final = (200_000, 1_600_000)  # CSV rows, for peak memory
MEMORY_LIMIT: Final = "128MB"  # VIGIL_MEMORY_LIMIT for the memory runs (DuckDB spills beyond)
REPEATS: Final = 2
COMMAND: Final = ".venv/bin/python -m bench.ais"


def pyais_loop(path: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of ``for line in file: pyais.decode(line)``, messages decoded."""
    decoded = 0
    started, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as lines:
        for line in lines:
            try:
                pyais.decode(line)
                decoded += 1
            except Exception:  # count only what pyais decodes
                continue
    return time.perf_counter() - started, time.process_time() - cpu, decoded


def vigil_ingest(path: Path, home: Path, keep_raw: bool = False) -> tuple[float, float, int]:
    """Wall and CPU seconds (all threads) to ingest ``path`` into a fresh on-disk store."""
    started, cpu = time.perf_counter(), time.process_time()
    with Store.open(Settings(home=home), migrations=ais_migrations()) as store:
        summary = ingest_file(store, path, Limits(now_s=time.time()), keep_raw=keep_raw)
    return time.perf_counter() - started, time.process_time() - cpu, summary.positions


PEAK_CODE: Final = """
import sys, time
from pathlib import Path
from vigil.ais.ingest import ingest_file
from vigil.ais.storage import ais_migrations
from vigil.ais.validate import Limits
from vigil.settings import Settings
from vigil.store import Store
settings = Settings(home=Path(sys.argv[2]), memory_limit=sys.argv[3])
with Store.open(settings, migrations=ais_migrations()) as store:
    ingest_file(store, Path(sys.argv[1]), Limits(now_s=time.time()))
status = Path("/proc/self/status").read_text()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
"""


def peak_rss_mb(path: Path, home: Path) -> float:
    """Peak resident memory (MB, ``VmHWM``) of a fresh process ingesting ``path``."""
    out = subprocess.run(
        [sys.executable, "-c", PEAK_CODE, str(path), str(home), MEMORY_LIMIT],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1]) / 1024.0


def main() -> None:
    """Run every measurement and write bench/README.md's ais section."""
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        nmea = tmp / "bench.nmea"
        lines = write_nmea(nmea, NMEA_LINES)
        runs_pyais, runs_vigil = [], []
        for k in range(REPEATS):
            runs_pyais.append(pyais_loop(nmea))
            runs_vigil.append(vigil_ingest(nmea, tmp / f"store-nmea-{k}"))
        (t_pyais, cpu_pyais, n_pyais), (t_vigil, cpu_vigil, n_vigil) = (
            min(runs_pyais),
            min(runs_vigil),
        )
        csv = tmp / "bench.csv"
        write_csv(csv, CSV_ROWS)
        t_csv, cpu_csv, n_csv = vigil_ingest(csv, tmp / "store-csv")
        t_csv_copy, _, _ = vigil_ingest(csv, tmp / "store-csv-copy", keep_raw=True)
        memory = []
        for size in MEMORY_SIZES:
            path = tmp / f"mem-{size}.nmea"
            write_nmea(path, size)
            memory.append(
                ("NMEA", size, path.stat().st_size / 1e6, peak_rss_mb(path, tmp / f"m{size}"))
            )
        for size in CSV_MEMORY_SIZES:
            path = tmp / f"mem-{size}.csv"
            write_csv(path, size)
            memory.append(
                ("CSV", size, path.stat().st_size / 1e6, peak_rss_mb(path, tmp / f"c{size}"))
            )
    figures = {
        "nmea_lines": lines,
        "pyais_lines_per_s": lines / t_pyais,
        "vigil_lines_per_s": lines / t_vigil,
        "ratio": t_pyais / t_vigil,
        "cpu_ratio": cpu_pyais / cpu_vigil,
        "csv_cpu_s": cpu_csv,
        "load_average_start": load_start,
        "load_average": os.getloadavg()[0],
        "pyais_decoded": n_pyais,
        "vigil_positions": n_vigil,
        "csv_rows": n_csv,
        "csv_rows_per_s": n_csv / t_csv,
        "csv_cpu_rows_per_s": n_csv / cpu_csv,
        "csv_copy_rows_per_s": n_csv / t_csv_copy,
        "memory": memory,
    }
    print(json.dumps(figures, indent=2))
    write_section("ais", report(figures), COMMAND)


def report(f: dict[str, Any]) -> str:
    """The Markdown section."""
    memory = f["memory"]
    assert isinstance(memory, list)
    mem_rows = "\n".join(
        f"| {kind} ingest, {size:,} lines ({mb:.0f} MB file) | peak RSS {rss:.0f} MB |"
        for kind, size, mb, rss in memory
    )
    ratio = float(f["ratio"])
    cpu_ratio = float(f["cpu_ratio"])
    csv_rate = float(f["csv_rows_per_s"])
    copy_rate = float(f["csv_copy_rows_per_s"])
    cpu_rate = float(f["csv_cpu_rows_per_s"])
    return f"""
Same file (tag-blocked NMEA from re-encoded real messages, {f["nmea_lines"]:,} lines), best of
{REPEATS} runs each, on a shared 2-core machine (1-minute load average {float(f["load_average_start"]):.1f} at
the start, {float(f["load_average"]):.1f} at the end; other sessions were running, so wall-clock figures
are pessimistic).

| measure | figure | target |
| --- | --- | --- |
| pyais 3.3.1 `decode` loop | {f["pyais_lines_per_s"]:,.0f} lines/s ({f["pyais_decoded"]:,} decoded) | reference |
| Vigil NMEA ingest (decode + validate + store on disk) | {f["vigil_lines_per_s"]:,.0f} lines/s ({f["vigil_positions"]:,} positions) | |
| ratio Vigil / pyais, wall clock | **{ratio:.2f}×** | ≥ 3× {"met" if ratio >= 3 else "NOT met"} |
| ratio Vigil / pyais, CPU seconds (Vigil's counted over all threads) | {cpu_ratio:.2f}× | |
| Vigil CSV ingest (MarineCadastre schema, {f["csv_rows"]:,} rows; kept rows cited by file + line) | **{csv_rate:,.0f} rows/s** | ≥ 1M rows/s {"met" if csv_rate >= 1e6 else "NOT met"} |
| same, per CPU second (all threads) | {cpu_rate:,.0f} rows/CPU-s | |
| same, `keep_raw=True` (every row's text copied into `ais_raw`) | {copy_rate:,.0f} rows/s | |

Memory (input streamed in 4 MB chunks; a fresh process per size, `VIGIL_MEMORY_LIMIT={MEMORY_LIMIT}`
so DuckDB spills the uncommitted file to disk instead of caching it in RAM):

| run | memory |
| --- | --- |
{mem_rows}
"""


if __name__ == "__main__":
    main()

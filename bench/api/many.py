"""The API over many findings: paging, filters and GeoJSON layers stay fast (in process)."""

from __future__ import annotations

import random
import statistics
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

from vigil.api.app import create_app
from vigil.findings.model import Evidence, Finding, Subject
from vigil.findings.store import _row  # the store's own row layout, bulk-loaded below
from vigil.run.config import ApiConfig, VigilConfig
from vigil.settings import Settings
from vigil.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

KINDS = ("encounter", "loitering", "ais_gap", "spoofing", "port_call", "dprk_waters")
T0 = datetime(2024, 1, 1, tzinfo=UTC)


def synthetic(n: int, seed: int = 0) -> list[Finding]:
    """``n`` findings spread over a year and the seas around Korea (synthetic, for load only)."""
    rng = random.Random(seed)
    found = []
    for i in range(n):
        start = T0 + timedelta(minutes=rng.randrange(525_600))
        mmsi = 412_000_000 + rng.randrange(5000)
        found.append(Finding(
            kind=rng.choice(KINDS), start=start, end=start + timedelta(hours=rng.randrange(1, 12)),
            subjects=(Subject("vessel", mmsi=mmsi),), evidence=(Evidence("ais_position", str(i)),),
            confidence=0.5, reasons=("synthetic",), detector="bench", detector_version="1",
            parameters={}, geometry={"type": "Point", "coordinates": [
                round(rng.uniform(118, 131), 4), round(rng.uniform(33, 42), 4)]},
            summary=f"synthetic finding {i}",
        ))  # fmt: skip
    return found


def bulk_store(store: Store, findings: list[Finding]) -> None:
    """Insert through Arrow: ``save_findings`` uses executemany, far too slow for 100k rows."""
    import pyarrow as pa

    now = datetime.now(UTC)
    names = ["finding_id", "kind", "measure_id", "resolution_paragraph", "start_ts", "end_ts",
             "min_lon", "min_lat", "max_lon", "max_lat", "confidence", "detector",
             "detector_version", "summary", "body", "first_stored_at"]  # fmt: skip
    rows = [_row(f, now) for f in findings]
    table = pa.table({name: [r[i] for r in rows] for i, name in enumerate(names)})
    subjects = pa.table({
        "finding_id": [f.id for f in findings], "kind": ["vessel"] * len(findings),
        "role": ["subject"] * len(findings), "mmsi": [f.subjects[0].mmsi for f in findings],
    })  # fmt: skip
    with store.transaction() as conn:
        conn.register("bulk_findings", table)
        conn.register("bulk_subjects", subjects)
        conn.execute("INSERT INTO findings SELECT * FROM bulk_findings")
        conn.execute("INSERT INTO finding_subjects (finding_id, kind, role, mmsi)"
                     " SELECT * FROM bulk_subjects")  # fmt: skip


def run(n: int, home: Path) -> str:
    """Markdown: time to answer typical UI requests over ``n`` stored findings."""
    settings = Settings(home=home, progress="never")
    store = Store.open(settings)
    t = time.perf_counter()
    bulk_store(store, synthetic(n))
    store_s = time.perf_counter() - t
    config = VigilConfig(api=ApiConfig(rate_per_second=1e6, rate_burst=1_000_000))
    client = TestClient(create_app(settings, config, store))
    requests = {
        "/findings?limit=50 (first page)": "/findings?limit=50",
        "/findings?limit=50&offset=50000": "/findings?limit=50&offset=50000",
        "/findings?kind=encounter&status=unreviewed&limit=50": "/findings?kind=encounter&status=unreviewed&limit=50",
        "/findings/geojson, Korea Bay bbox, limit 5000 (the map before clusters)": "/findings/geojson?bbox=121,37,126,40&limit=5000",
        "map opening view: /findings/clusters, cell 0.48 deg (zoomed out)": "/findings/clusters?bbox=116.2,32.2,132.8,43.8&cell_deg=0.48",
        "map, whole region: /findings/clusters, cell 2 deg": "/findings/clusters?bbox=110,25,140,48&cell_deg=2",
        "map, Korea Bay: /findings/clusters, cell 0.1 deg": "/findings/clusters?bbox=121,37,126,40&cell_deg=0.1",
        "map, kind filter: /findings/clusters?kind=encounter, cell 0.48 deg": "/findings/clusters?bbox=116.2,32.2,132.8,43.8&cell_deg=0.48&kind=encounter",
        "map zoomed in (under 2000 in view): clusters, then /findings/geojson": "/findings/clusters?bbox=123,38,123.4,38.3&cell_deg=0.008",
        "  ... its /findings/geojson, limit 2000": "/findings/geojson?bbox=123,38,123.4,38.3&limit=2000",
    }  # fmt: skip
    rows = ["| request | p50 ms | max ms | features/rows | findings counted |",
            "|---|---:|---:|---:|---:|"]  # fmt: skip
    for label, path in requests.items():
        times, size = [], 0
        for _ in range(7):
            t = time.perf_counter()
            body = client.get(path).json()
            times.append((time.perf_counter() - t) * 1000)
            size = len(body.get("findings", body.get("features", [])))
            in_view = body.get("total", size)
        rows.append(f"| `{label}` | {statistics.median(times):.0f} | {max(times):.0f} | {size} | "
                    f"{in_view} |")  # fmt: skip
    store.close()
    return "\n".join(
        [
            f"Over {n:,} stored findings (synthetic points over the seas around Korea, bulk-loaded "
            f"in {store_s:.0f} s), the UI's requests through the app in process (TestClient, "
            "7 times each). The map asks for clusters of its view (a cell of 40 screen pixels) "
            "and fetches single findings only when at most 2000 are in view:",
            "",
            *rows,
        ]
    )

"""The synthetic million-entry register, measured in a process of its own.

``python -m bench.screening.big SEED_PICKLE COUNT`` reads the seed records (pickled by the
main benchmark), builds ``COUNT`` synthetic records plus the DPRK entries, indexes them in two
processes, and prints one JSON object: build time, resident memory of the records and of the
index alone (RSS before and after each step), the index's pickled size, query latency, and
recall@1 of the Korean variants of the DPRK entries among the million.
A process of its own, so that no other part of the benchmark is in the RSS figures.
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

from bench.screening import quality, speed
from vigil.screening.api import Screener
from vigil.screening.index import ScreeningIndex
from vigil.screening.models import Query

BUILD_WORKERS = 2


def measure(
    seed_path: Path, count: int, queries: list[Query], warmup: list[Query]
) -> dict[str, Any]:
    """The figures of a ``count``-entry synthetic register (see the module docstring)."""
    with seed_path.open("rb") as handle:
        seed = pickle.load(handle)  # written by bench.screening for this run
    dprk = [r for r in seed if r.entity_id.startswith("un-kp")]
    rss0 = speed.rss_mb()
    records = speed.synthetic_records(seed, count) + dprk
    rss1 = speed.rss_mb()
    start = time.perf_counter()
    index = ScreeningIndex(records, workers=BUILD_WORKERS)
    build_s = time.perf_counter() - start
    rss2 = speed.rss_mb()
    pickled = len(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    screener = Screener(index)
    p50, p95, mean = speed.latency(screener, queries, warmup)
    by_system, _ = quality.korean_variants(screener)  # do stop-keys lose the DPRK entries?
    korean_hits = sum(v[0] for v in by_system.values())
    korean_total = sum(v[1] for v in by_system.values())
    return {"entries": len(records), "build_s": build_s, "records_mb": rss1 - rss0,
            "index_mb": rss2 - rss1, "arrays_mb": index.memory_bytes() / 1e6,
            "pickled_mb": pickled / 1e6, "p50_ms": p50, "p95_ms": p95, "mean_ms": mean,
            "korean_hits": korean_hits, "korean_total": korean_total}  # fmt: skip


def main() -> None:
    """Read the arguments, measure, print JSON."""
    seed_path, count = Path(sys.argv[1]), int(sys.argv[2])
    with Path(sys.argv[3]).open("rb") as handle:
        queries, warmup = pickle.load(handle)
    print(json.dumps(measure(seed_path, count, queries, warmup)))


if __name__ == "__main__":
    main()

"""Speed figures: latency per query, batch throughput, a synthetic 1M-entry register."""

from __future__ import annotations

import csv
import os
import random
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from vigil.screening.api import Screener
from vigil.screening.batch import screen_file
from vigil.screening.models import Query
from vigil.screening.records import Record
from vigil.settings import Settings


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load_1min() -> float:
    """The machine's 1-minute load average (other work running beside the benchmark)."""
    return os.getloadavg()[0]


def latency(
    screener: Screener, queries: Sequence[Query], warmup: Sequence[Query] = ()
) -> tuple[float, float, float]:
    """(p50, p95, mean) milliseconds per query.

    ``warmup`` queries run first and are not timed: they fill the caches of entry name forms
    and token similarities as a running service's earlier queries would. They should be other
    queries than the timed ones, or the timed queries would find their own work cached.
    """
    for query in warmup or queries[:20]:
        screener.screen(query)
    times = []
    for query in queries:
        start = time.perf_counter()
        screener.screen(query)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], statistics.fmean(times)


def throughput(screener: Screener, names: Sequence[str], workdir: Path, workers: int) -> float:
    """Names per second through :func:`screen_file` with ``workers`` processes."""
    in_path, out_path = workdir / "batch_in.csv", workdir / "batch_out.csv"
    with in_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "schema"])
        writer.writerows([n, "Person"] for n in names)
    start = time.perf_counter()
    report = screen_file(screener, in_path, out_path, workers=workers,
                         settings=Settings(progress="never"))  # fmt: skip
    return report.rows / (time.perf_counter() - start)


def synthetic_records(seed_records: Sequence[Record], count: int) -> list[Record]:
    """``count`` synthetic people and companies built from the register's own name tokens."""
    rng = random.Random(11)
    person_tokens = [t for r in seed_records if r.kind == "person" for n in r.names[:1]
                     for t in n.split()]  # fmt: skip
    org_tokens = [t for r in seed_records if r.kind != "person" for n in r.names[:1]
                  for t in n.split()]  # fmt: skip
    out = []
    lists = frozenset({"synthetic"})
    for i in range(count):
        person = rng.random() < 0.7
        pool = person_tokens if person else org_tokens
        name = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 4)))
        alias = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 3)))
        out.append(Record(entity_id=f"syn-{i}", caption=name,
                          schema="Person" if person else "Company", names=(name, alias),
                          lists=lists))  # fmt: skip
    return out

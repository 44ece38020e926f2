"""``.venv/bin/python -m bench.api [--clients 50] [--requests 2000] [--demo]``.

``/match`` latency under concurrent clients on loopback, against the full register (UN + OFAC
bundled sample lists), served by uvicorn in its own process; side by side with the same queries
screened in process through the Python API (the reference: what the HTTP layer adds). With
``--demo``, also times ``make demo`` on a fresh copy of the tree (install included).
Writes its figures into bench/README.md (section ``api``).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench._report import write_section
from bench.api import load
from vigil.demo import SAMPLE_NAMES, load_lists, sample_path
from vigil.register.query import iter_entities
from vigil.screening.api import Screener
from vigil.screening.models import Query
from vigil.settings import Settings
from vigil.store import Store

ROOT = Path(__file__).resolve().parents[2]


def queries(store: Store, n: int, seed: int = 0) -> list[tuple[str, str]]:
    """(schema, name): the sample names plus register names, some with a typo, some unknown."""
    rng = random.Random(seed)
    with sample_path(SAMPLE_NAMES).open(encoding="utf-8") as fh:
        found = [(r["schema"] or "any", r["name"]) for r in csv.DictReader(fh)]
    entities = [
        e for e in iter_entities(store) if e.schema.name in ("Person", "Organization", "Vessel")
    ]
    for entity in rng.sample(entities, min(n, len(entities))):
        name = entity.caption
        if rng.random() < 0.3 and len(name) > 5:
            i = rng.randrange(1, len(name) - 1)
            name = name[:i] + name[i + 1 :]
        found.append((entity.schema.name, name))
    found += [("Person", f"John Q. Citizen {i}") for i in range(n // 10)]
    rng.shuffle(found)
    return list(dict.fromkeys(found))  # each (schema, name) once


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def in_process(store: Store, qs: list[tuple[str, str]]) -> tuple[list[float], float]:
    """Latencies (ms) of the Python API, one query at a time; and the build time (s)."""
    t0 = time.perf_counter()
    screener = Screener.from_entities(iter_entities(store))
    screener.warm()  # as the service does when it loads the register
    build_s = time.perf_counter() - t0
    out = []
    for schema, name in qs:
        t = time.perf_counter()
        screener.screen(Query(name, schema=schema), limit=5)
        out.append((time.perf_counter() - t) * 1000)
    return out, build_s


def serve(home: Path, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    """``vigil serve --workers N`` in its own process over ``home``, rate limit lifted."""
    config = home / "vigil.toml"
    config.write_text("[api]\nrate_per_second = 1000000.0\nrate_burst = 1000000\n")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    env = {**os.environ, "VIGIL_HOME": str(home), "VIGIL_CONFIG": str(config)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "vigil.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                warm = [load.match_request("127.0.0.1", "Person", "Kim")] * (4 * workers)
                asyncio.run(load.run("127.0.0.1", port, warm, 2 * workers))
                return proc, port
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("the API did not start")


def time_demo() -> float:
    """Seconds of ``make demo`` in a fresh copy of the tree (as a clone would have it)."""
    target = Path(tempfile.mkdtemp(prefix="vigil-demo-"))
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    for name in files:
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    started = time.perf_counter()
    subprocess.run(
        ["make", "demo"],
        cwd=target,
        check=True,
        env={**os.environ, "VIGIL_HOME": str(target / "vigil-data")},
    )
    return time.perf_counter() - started


def row(label: str, values: list[float], wall_s: float | None) -> str:
    """One Markdown row of latencies (ms) and throughput."""
    rate = f"{len(values) / wall_s:.0f}" if wall_s else ""
    return (f"| {label} | {len(values)} | {statistics.median(values):.1f} | "
            f"{percentile(values, 95):.1f} | {percentile(values, 99):.1f} | {max(values):.1f} | {rate} |")  # fmt: skip


def http_runs(
    home: Path, slices: list[list[tuple[str, str]]], workers: int, client_counts: list[int]
) -> list[tuple[int, list[float], float]]:
    """(clients, latencies ms, wall s) for each client count, against one server; each run
    takes its own slice of queries, so no query repeats within a server's life."""
    proc, port = serve(home, workers)
    runs = []
    try:
        for clients, qs in zip(client_counts, slices, strict=True):
            requests = [load.match_request("127.0.0.1", schema, name) for schema, name in qs]
            lat, wall_s, errors = asyncio.run(load.run("127.0.0.1", port, requests, clients))
            if errors:
                raise RuntimeError(f"{len(errors)} requests failed: {sorted(set(errors))}")
            runs.append((clients, lat, wall_s))
    finally:
        proc.terminate()
        proc.wait(30)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50, help="the most concurrent clients")
    parser.add_argument("--requests", type=int, default=1000, help="distinct queries per run")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2, 3],
                        help="server process counts to compare")  # fmt: skip
    parser.add_argument("--demo", action="store_true", help="also time make demo on a fresh copy")
    parser.add_argument(
        "--findings", type=int, default=0, help="also time the UI's requests over N findings"
    )
    args = parser.parse_args()
    load_start = os.getloadavg()[0]
    home = Path(tempfile.mkdtemp(prefix="vigil-bench-api-"))
    with Store.open(Settings(home=home, progress="never")) as store:
        load_lists(store)
        counts = sorted({1, min(10, args.clients), args.clients})
        n = args.requests
        qs = queries(store, n * (1 + len(counts)))
        slices = [qs[n * (i + 1) : n * (i + 2)] for i in range(len(counts))]
        ref, build_s = in_process(store, qs[:n])
    md = [
        "| path | requests | p50 ms | p95 ms | p99 ms | max ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
        row("reference: Python API in process, 1 at a time", ref, sum(ref) / 1000),
    ]
    best = float("inf")
    for workers in args.workers:
        for clients, lat, wall_s in http_runs(home, slices, workers, counts):
            md.append(row(f"HTTP /match, {workers} process(es), {clients} clients", lat, wall_s))
            if clients == args.clients:
                best = min(best, percentile(lat, 99))
    cpu_ms = statistics.mean(ref)
    md += [
        "",
        f"Register: bundled UN + OFAC lists. Queries: {n} per run, distinct (sample names, "
        f"register names with and without a typo, unknown names), a disjoint slice for each "
        f"client count, the same slices for each process count; screener built in {build_s:.1f} s.",
        "Clients: `bench/api/load.py`, closed loop over keep-alive connections, pre-encoded "
        "requests, each query sent once per run (no repeats, no result cache on the server).",
        f"Best p99 at {args.clients} clients: {best:.1f} ms vs target 50 ms "
        f"({'met' if best <= 50 else 'NOT met'}). Floor on {os.cpu_count()} cores from the "
        f"in-process mean alone: {args.clients} x {cpu_ms:.2f} ms / {os.cpu_count()} = "
        f"{args.clients * cpu_ms / (os.cpu_count() or 1):.0f} ms per request at saturation.",
        f"Load average (1 min) at start {load_start:.1f}, at end {os.getloadavg()[0]:.1f}.",
    ]
    if args.findings:
        from bench.api import many

        many_home = Path(tempfile.mkdtemp(prefix="vigil-bench-many-"))
        md += ["", many.run(args.findings, many_home)]
        shutil.rmtree(many_home, ignore_errors=True)
    if args.demo:
        seconds = time_demo()
        md.append(f"\n`make demo` on a fresh copy of the tree, install included: {seconds:.0f} s "
                  f"(target 300 s: {'met' if seconds <= 300 else 'NOT met'}).")  # fmt: skip
    print("\n".join(md))
    write_section("api", "\n".join(md), "python -m bench.api " + " ".join(sys.argv[1:]))
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

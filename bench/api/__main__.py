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
    return found


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def in_process(store: Store, qs: list[tuple[str, str]]) -> tuple[list[float], float]:
    """Latencies (ms) of the Python API, one query at a time; and the build time (s)."""
    t0 = time.perf_counter()
    screener = Screener.from_entities(iter_entities(store))
    build_s = time.perf_counter() - t0
    out = []
    for schema, name in qs:
        t = time.perf_counter()
        screener.screen(Query(name, schema=schema), limit=5)
        out.append((time.perf_counter() - t) * 1000)
    return out, build_s


async def http_clients(
    url: str, qs: list[tuple[str, str]], clients: int
) -> tuple[list[float], float]:
    """Latencies (ms) of POST /match from ``clients`` concurrent clients; and the wall time (s)."""
    todo = list(enumerate(qs))
    latencies: list[float] = []

    async def client(http: httpx.AsyncClient) -> None:
        while todo:
            _, (schema, name) = todo.pop()
            body = {"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}}
            t = time.perf_counter()
            response = await http.post(f"{url}/match/default", json=body, params={"limit": 5})
            latencies.append((time.perf_counter() - t) * 1000)
            response.raise_for_status()

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        return latencies, time.perf_counter() - started


def serve(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn in its own process over ``home``, rate limit lifted for the load."""
    config = home / "vigil.toml"
    config.write_text("[api]\nrate_per_second = 1000000.0\nrate_burst = 1000000\n")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "VIGIL_HOME": str(home), "VIGIL_CONFIG": str(config)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "vigil.api.app:app_from_env",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
         "--timeout-keep-alive", "120"], env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                # the first /match builds the screener: do it before timing
                httpx.post(f"{url}/match/default", timeout=300,
                           json={"queries": {"q": {"schema": "Person", "properties": {"name": ["Kim"]}}}})  # fmt: skip
                return proc, url
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--demo", action="store_true", help="also time make demo on a fresh copy")
    parser.add_argument(
        "--findings", type=int, default=0, help="also time the UI's requests over N findings"
    )
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="vigil-bench-api-"))
    with Store.open(Settings(home=home, progress="never")) as store:
        load_lists(store)
        qs = queries(store, args.requests)[: args.requests]
        ref, build_s = in_process(store, qs)
    proc, url = serve(home)
    try:
        lat, wall_s = asyncio.run(http_clients(url, qs, args.clients))
    finally:
        proc.terminate()
        proc.wait(10)
    rows = [(f"HTTP /match, uvicorn, {args.clients} clients", lat),
            ("reference: Python API in process, 1 at a time", ref)]  # fmt: skip
    md = [
        "| path | requests | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, values in rows:
        md.append(f"| {label} | {len(values)} | {statistics.median(values):.1f} | "
                  f"{percentile(values, 95):.1f} | {percentile(values, 99):.1f} | {max(values):.1f} |")  # fmt: skip
    p99 = percentile(lat, 99)
    md += ["", f"Register: bundled UN + OFAC lists; screener built in {build_s:.1f} s (once per process).",
           f"Throughput {len(lat) / wall_s:.0f} requests/s; p99 {p99:.1f} ms vs target 50 ms "
           f"({'met' if p99 <= 50 else 'NOT met'}); HTTP p99 / in-process p99 = "
           f"{p99 / percentile(ref, 99):.1f}x (queueing of {args.clients} clients on one worker)."]  # fmt: skip
    if args.findings:
        from bench.api import many

        md += ["", many.run(args.findings, Path(tempfile.mkdtemp(prefix="vigil-bench-many-")))]
    if args.demo:
        seconds = time_demo()
        md.append(f"\n`make demo` on a fresh copy of the tree, install included: {seconds:.0f} s "
                  f"(target 300 s: {'met' if seconds <= 300 else 'NOT met'}).")  # fmt: skip
    print("\n".join(md))
    write_section("api", "\n".join(md), "python -m bench.api " + " ".join(sys.argv[1:]))
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The driver: load the window on an engine, run the chosen detectors, store their findings
(idempotently) and record the run."""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from vigil.detect import (
    designated,
    dprk_waters,
    encounters,
    gaps,
    identity,
    loitering,
    port_calls,
    spoofing,
)
from vigil.detect.context import Context
from vigil.detect.engine import Window, make_engine
from vigil.detect.errors import NoDataError, UnknownDetectorError
from vigil.detect.params import DEFAULTS, as_dict, override
from vigil.detect.register_link import load_register
from vigil.findings.model import Finding
from vigil.findings.store import save_findings
from vigil.findings.supersede import mark_superseded
from vigil.store import Store

DETECTORS: dict[str, Callable[[Context, Any], list[Finding]]] = {
    "encounter": encounters.detect,
    "loitering": loitering.detect,
    "ais_gap": gaps.detect,
    "spoofing": spoofing.detect,
    "identity": identity.detect,
    "port_call": port_calls.detect,
    "dprk_waters": dprk_waters.detect,
    "designated_vessel": designated.detect,
}


@dataclass
class RunResult:
    """What a run produced."""

    run_id: str
    engine: str
    positions: int
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    added: int = 0
    existing: int = 0
    superseded: int = 0  # stored findings this run's longer episodes replace

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "engine": self.engine, "positions": self.positions,
            "findings": self.counts, "added": self.added, "existing": self.existing,
            "superseded": self.superseded,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }  # fmt: skip


def choose(names: Sequence[str] | None) -> list[str]:
    """The detectors to run (all by default), checked."""
    if not names:
        return list(DETECTORS)
    unknown = [n for n in names if n not in DETECTORS]
    if unknown:
        raise UnknownDetectorError(
            f"unknown detector(s) {', '.join(unknown)}; known: {', '.join(DETECTORS)}"
        )
    return list(dict.fromkeys(names))


def resolve_params(
    names: Sequence[str], overrides: dict[str, dict[str, str]] | None
) -> dict[str, Any]:
    """Each chosen detector's parameters with overrides applied."""
    overrides = overrides or {}
    for name in overrides:
        if name not in names:
            raise UnknownDetectorError(f"parameters given for {name!r}, which is not being run")
    return {n: override(DEFAULTS[n], overrides.get(n, {}), n) for n in names}


def run(
    store: Store,
    detectors: Sequence[str] | None = None,
    window: Window | None = None,
    engine: str = "duckdb",
    overrides: dict[str, dict[str, str]] | None = None,
    save: bool = True,
) -> RunResult:
    """Run detectors over the window's positions and store the findings."""
    window = window or Window()
    names = choose(detectors)
    params = resolve_params(names, overrides)
    total = store.conn.execute("SELECT count(*) FROM ais_positions").fetchone()
    if not total or not total[0]:
        raise NoDataError(
            "the store holds no AIS positions; ingest some first: vigil ais ingest PATH"
        )
    eng = make_engine(engine)
    started = datetime.now(UTC)
    try:
        positions = eng.load(store, window)
        if positions == 0:
            raise NoDataError(
                f"no AIS positions in the chosen window ({_describe(window)}); the store holds {total[0]}"
            )
        ctx = Context(eng, register=load_register(store))
        result = RunResult(_run_id(engine, window, params, started), engine, positions)
        with _collector_paused():
            for name in names:
                t0 = time.perf_counter()
                found = DETECTORS[name](ctx, params[name])
                result.seconds[name] = time.perf_counter() - t0
                result.counts[name] = len(found)
                result.findings += found
    finally:
        eng.close()
    if save:
        saved = save_findings(store, result.findings)
        result.added, result.existing = saved.added, saved.existing
        result.superseded = len(mark_superseded(store, result.findings, result.run_id))
        _record(store, result, window, params, started)
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while detectors build findings: their evidence
    is millions of small acyclic objects, and each generation-2 pass rescans all of them, which
    made detection grow faster than the data (30M positions: 51 s with it, 40 s without)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _describe(window: Window) -> str:
    parts = []
    if window.since_s is not None:
        parts.append(f"since {datetime.fromtimestamp(window.since_s, UTC).isoformat()}")
    if window.until_s is not None:
        parts.append(f"until {datetime.fromtimestamp(window.until_s, UTC).isoformat()}")
    if window.bbox is not None:
        parts.append(f"bbox {','.join(f'{v:g}' for v in window.bbox)}")
    return ", ".join(parts) or "everything"


def _run_id(engine: str, window: Window, params: dict[str, Any], started: datetime) -> str:
    key = {"engine": engine, "window": _describe(window), "params": {k: as_dict(v) for k, v in params.items()},
           "started": started.isoformat()}  # fmt: skip
    return "run-" + hashlib.sha256(orjson.dumps(key, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]


def _record(
    store: Store, r: RunResult, window: Window, params: dict[str, Any], started: datetime
) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO detect_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                r.run_id, started, r.engine,
                datetime.fromtimestamp(window.since_s, UTC) if window.since_s is not None else None,
                datetime.fromtimestamp(window.until_s, UTC) if window.until_s is not None else None,
                ",".join(map(str, window.bbox)) if window.bbox else None,
                ",".join(params), orjson.dumps({k: as_dict(v) for k, v in params.items()}).decode(),
                r.positions, orjson.dumps(r.counts).decode(), r.added,
                orjson.dumps({k: round(v, 3) for k, v in r.seconds.items()}).decode(),
            ],
        )  # fmt: skip

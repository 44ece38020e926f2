"""``vigil run``: ingest the configured sources, run detectors and screening, write the report.

Each stage is a small function over the open store; the job records what each stage did and how
long it took. Sources already ingested (same content) add nothing, and findings are stored
idempotently, so running the job again on the same inputs changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from vigil.api.screening import ScreenerCache
from vigil.run.config import VigilConfig
from vigil.store import Store

SCREEN_VESSEL_LIMIT: Final = 5000  # distinct broadcast names screened per run
SCREENERS: Final = ScreenerCache()  # one screener per process, rebuilt on new list versions


@dataclass
class RunReport:
    """What each stage of the job did, and how long it took."""

    stages: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"stages": self.stages, "seconds": {k: round(v, 2) for k, v in self.seconds.items()}}


def ingest_lists(store: Store, config: VigilConfig) -> list[dict[str, Any]]:
    """Load each configured list file into the register (a known version adds nothing)."""
    from vigil.register.ingest import ingest

    done = []
    for path in config.sources.lists:
        result = ingest(store, path)
        done.append({"file": str(path), "created": result.created, "label": result.version.label})
    return done


def ingest_ais(store: Store, config: VigilConfig) -> list[dict[str, Any]]:
    """Ingest the configured AIS files and folders (a file already ingested is skipped)."""
    from vigil.ais.ingest import ingest_paths
    from vigil.ais.validate import Limits

    summaries = ingest_paths(store, config.sources.ais, Limits(now_s=time.time()))
    return [s.as_dict() for s in summaries]


def ingest_notifications(store: Store, config: VigilConfig) -> list[dict[str, Any]]:
    """Ingest cap notifications and check the caps (cap findings)."""
    from vigil.caps.ingest import ingest_and_check

    return [ingest_and_check(store, path) for path in config.sources.notifications]


def detect(store: Store, config: VigilConfig) -> dict[str, Any]:
    """Run every detector over the stored positions (nothing to do without positions)."""
    from vigil.detect.driver import run

    row = store.conn.execute("SELECT count(*) FROM ais_positions").fetchone()
    if not config.detect.enabled or not row or not row[0]:
        return {"skipped": "detection disabled" if not config.detect.enabled else "no positions"}
    return run(store).as_dict()


def scan_documents(store: Store, config: VigilConfig) -> list[dict[str, Any]]:
    """Scan the configured documents for designated names (document_mention findings)."""
    if not config.sources.documents:
        return []
    from vigil.documents.document import DocumentScan, scan_paths
    from vigil.documents.matcher import DocumentMatcher
    from vigil.documents.store import save_scan

    matcher = DocumentMatcher.from_store(store)
    done = []
    for result in scan_paths(config.sources.documents, matcher):
        if isinstance(result, DocumentScan):
            done.append({"path": result.info.path, "mentions": len(result.mentions),
                         "finding": save_scan(store, result)})  # fmt: skip
        else:
            done.append({"failed": str(result)})
    return done


def screen_vessels(store: Store, config: VigilConfig) -> dict[str, Any]:
    """Screen the vessel names broadcast on AIS against the register; the matches."""
    if not config.detect.screening:
        return {"skipped": "screening disabled"}
    from vigil.screening.errors import QueryError
    from vigil.screening.models import Query

    rows = store.conn.execute(
        "SELECT value, min(mmsi) FROM ais_identity WHERE field = 'name' GROUP BY 1 ORDER BY 1"
        f" LIMIT {SCREEN_VESSEL_LIMIT}"
    ).fetchall()
    if not rows:
        return {"names": 0, "matches": []}
    screener = SCREENERS.get(store)
    matches = []
    for name, mmsi in rows:
        try:
            results = screener.screen(Query(name, schema="Vessel"), limit=1)
        except QueryError:
            continue
        if results and results[0].match:
            best = results[0]
            matches.append({"name": name, "mmsi": mmsi, "entity": best.entity_id,
                            "caption": best.caption, "score": round(best.score, 3)})  # fmt: skip
    return {"names": len(rows), "matches": matches}


def write(store: Store, config: VigilConfig) -> dict[str, Any]:
    """Write the report."""
    from vigil.report.write import write_report

    files = write_report(store, config.report)
    return {"html": str(files.html), "pdf": str(files.pdf) if files.pdf else None,
            "findings": files.findings, "pdf_problem": files.pdf_problem}  # fmt: skip


Stage = Callable[[Store, VigilConfig], Any]
STAGES: Final[tuple[tuple[str, Stage], ...]] = (
    ("lists", ingest_lists), ("ais", ingest_ais), ("notifications", ingest_notifications),
    ("detect", detect), ("documents", scan_documents), ("screening", screen_vessels),
    ("report", write),
)  # fmt: skip


def run_job(
    store: Store, config: VigilConfig, progress: Callable[[str], None] | None = None
) -> RunReport:
    """Run every stage in order; returns what each did."""
    report = RunReport()
    for name, stage in STAGES:
        if progress:
            progress(name)
        started = time.perf_counter()
        report.stages[name] = stage(store, config)
        report.seconds[name] = time.perf_counter() - started
    return report

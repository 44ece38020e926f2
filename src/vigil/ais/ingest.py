"""Ingest AIS files into the store: one transaction per file, skipped when already known.

NMEA is streamed in chunks through :class:`~vigil.ais.pipeline.NmeaPipeline`; CSV and Parquet
go through DuckDB (:mod:`vigil.ais.tabular`). Each file's summary counts every line's
disposition; ``lines_read`` equals their sum (nothing is dropped silently).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vigil.ais import storage
from vigil.ais.identity import IdentityAccumulator, Observation
from vigil.ais.pipeline import Batch, NmeaPipeline
from vigil.ais.sources import detect_format, read_chunks
from vigil.ais.tabular import drop_stage, ingest_table, stage_table
from vigil.ais.validate import Limits
from vigil.ais.writer import BatchWriter
from vigil.files import sha256_files
from vigil.store import Store, next_file_id


@dataclass
class IngestSummary:
    """What happened to one input file."""

    path: str
    sha256: str
    format: str
    file_id: int | None
    skipped: bool = False
    lines_read: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    identity_values: int = 0
    seconds: float = 0.0

    @property
    def positions(self) -> int:
        """Positions stored."""
        return self.counts.get("position", 0)

    @property
    def quarantined(self) -> dict[str, int]:
        """Quarantined lines by reason."""
        prefix = "quarantine:"
        return {k[len(prefix) :]: v for k, v in self.counts.items() if k.startswith(prefix)}

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "file_id": self.file_id,
            "skipped": self.skipped,
            "lines_read": self.lines_read,
            "positions": self.positions,
            "quarantined": sum(self.quarantined.values()),
            "quarantine_by_reason": dict(sorted(self.quarantined.items())),
            "dispositions": dict(sorted(self.counts.items())),
            "identity_values": self.identity_values,
            "seconds": round(self.seconds, 3),
        }


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    limits: Limits,
    fmt: str | None = None,
    mapping: dict[str, str] | None = None,
    keep_raw: bool = False,
) -> list[IngestSummary]:
    """Ingest each path (files, or directories walked in name order)."""
    files: list[Path] = []
    for path in paths:
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return [ingest_file(store, f, limits, fmt, mapping, keep_raw) for f in files]


def ingest_file(
    store: Store,
    path: Path,
    limits: Limits,
    fmt: str | None = None,
    mapping: dict[str, str] | None = None,
    keep_raw: bool = False,
) -> IngestSummary:
    """Ingest one file atomically; a file already ingested (same SHA-256) adds nothing.

    Kept rows and messages cite their file and line (``raw_id``; the file, hashed in
    ``ais_files``, is the raw record); ``keep_raw=True`` also copies their text into
    ``ais_raw`` (NMEA: each kept message's sentences; CSV/Parquet: the row's fields).
    """
    started = time.perf_counter()
    sha = sha256_files(path)  # the bytes as stored, compressed or not
    kind = detect_format(path, fmt)
    known = storage.known_file(store.conn, sha)
    if known is not None:
        return IngestSummary(str(path), sha, kind, known, skipped=True)
    found = (
        None if kind == "nmea" else stage_table(store.conn, path, kind, limits, mapping, keep_raw)
    )
    try:
        with store.transaction() as conn:
            file_id = next_file_id(conn, "ais_files")
            summary = IngestSummary(str(path), sha, kind, file_id)
            if found is None:
                _ingest_nmea(store, path, file_id, limits, summary, keep_raw)
            else:
                counts, values = ingest_table(conn, file_id, kind, found, keep_raw)
                summary.counts, summary.identity_values = counts, values
                summary.lines_read = sum(counts.values())
            summary.seconds = time.perf_counter() - started
            storage.record_file(conn, file_id, sha, str(path), kind, summary.as_dict())
    finally:
        if found is not None:
            drop_stage(store.conn)
    return summary


def _ingest_nmea(
    store: Store,
    path: Path,
    file_id: int,
    limits: Limits,
    summary: IngestSummary,
    keep_raw: bool,
) -> None:
    """Decode chunk by chunk while a writer thread appends the previous chunk's rows."""
    pipeline = NmeaPipeline(file_id, limits, keep_raw=keep_raw)
    identity = IdentityAccumulator()
    counts: Counter[str] = Counter()
    with BatchWriter(store.conn, storage.write_batch) as writer:
        for first, lines in read_chunks(path):
            summary.lines_read += len(lines)
            _count(writer, pipeline.process(lines, first), counts, identity.add)
        _count(writer, pipeline.finish(), counts, identity.add)
    summary.identity_values = identity.write(store.conn)
    summary.counts = {k: v for k, v in sorted(counts.items()) if v}


def _count(
    writer: BatchWriter,
    batch: Batch,
    counts: Counter[str],
    add_identity: Callable[[list[Observation]], None],
) -> None:
    writer.put(batch)
    counts.update(batch.counts)
    add_identity(batch.identity)

"""The fast path of CSV ingest: pyarrow parses chunks, a writer thread appends them.

Three threads overlap: a reader thread cuts the file into chunks of about 8 MB at line ends,
parses each with pyarrow (:mod:`vigil.ais.tabular_read`) and makes its stage rows
(:mod:`vigil.ais.tabular_arrow`); the caller's thread turns them into rows for the store
(:mod:`vigil.ais.tabular_rows`); a :class:`~vigil.ais.writer.BatchWriter` thread appends
them, all inside the file's one transaction. Memory stays bounded by a few chunks (and the
distinct identity tuples) whatever the file's size.

Why there is a fallback: a row's ``line_no`` here is its chunk's first line plus its index,
which is exact only when every physical line of the file is one row. That holds for the
ordinary file, but not for a quoted field holding a newline, a blank line, a row with too
few or too many fields, bytes that are not UTF-8, or a dialect other than plain commas,
where DuckDB's reader also behaves differently (it pads short rows, rejects others with
their line, may read quotes literally). So the fast path checks, per chunk, that the chunk
has no ``"`` (but for a header of quoted names), that pyarrow parses it without error and
that it gives exactly one row per line; and, for the first chunk, that DuckDB's sniffer
sees plain commas and the same header. Any failed check raises :class:`FastPathUnfit`: the
caller rolls the transaction back and ingests the file by the DuckDB path
(:mod:`vigil.ais.tabular`), whose results are the reference (a fallback costs the work done
until the check failed). Values that fail validation are not a reason to fall back: they
are quarantined here, with reasons, details and raw text from DuckDB's own stage SQL.
Parquet and ``keep_raw`` take the DuckDB path; gzip and zstd CSV are decompressed in chunks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Final

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from vigil.ais.identity import upsert_identity
from vigil.ais.pipeline import Batch
from vigil.ais.storage import write_batch
from vigil.ais.tabular import TIME_FORMATS, resolve_mapping
from vigil.ais.tabular_arrow import (
    STAGE_SCHEMA,
    ChunkStage,
    check_suspects,
    query,
    stage_rows,
)
from vigil.ais.tabular_read import Chunk, FastPathUnfit, chunks, prefetched, sniff
from vigil.ais.tabular_rows import identity_groups, kept_rows, positions, quarantine
from vigil.ais.tabular_sql import (
    identity_groups_merge_sql,
    identity_inputs,
    identity_select_sql,
)
from vigil.ais.validate import Limits
from vigil.ais.writer import BatchWriter

FAST_KINDS: Final = ("csv", "marinecadastre", "dma")
MERGE_ROWS: Final = 50_000  # identity groups kept before merging them
SUSPECT_ROWS: Final = 50_000  # suspect rows kept before DuckDB checks them


def fast_eligible(kind: str, keep_raw: bool) -> bool:
    """Whether a file of ``kind`` may try the fast path."""
    return kind in FAST_KINDS and not keep_raw


def ingest_fast(
    conn: duckdb.DuckDBPyConnection,
    path: Path,
    file_id: int,
    kind: str,
    limits: Limits,
    mapping: dict[str, str] | None,
) -> tuple[dict[str, int], int]:
    """Write the file inside the caller's transaction; returns counts, identity values.

    Raises :class:`FastPathUnfit` (the caller must roll back) when the file needs the DuckDB
    path.
    """
    scratch = duckdb.connect()  # for DuckDB's casts and checks; the store is the writer's
    cursors = [scratch.cursor() for _ in range(2)]  # one per thread: sniffer, stager
    try:
        for connection in (scratch, *cursors):
            connection.execute("SET TimeZone = 'UTC'")
            connection.execute("SET enable_progress_bar = false")
        counts: Counter[str] = Counter()
        runs: IdentityRuns | None = None
        with ThreadPoolExecutor(1) as pool, BatchWriter(conn, write_batch) as writer:
            sniffed = pool.submit(sniff, cursors[0], path)  # while the first chunk is parsed
            staged = _stages(chunks(path, sniffed), path, kind, limits, mapping, cursors[1])
            for found, stage in prefetched(staged):
                runs = runs or IdentityRuns(found, scratch)
                writer.put(_batch(stage, file_id, kind, counts, runs))
        if runs is None:
            raise FastPathUnfit("empty file")
        values = runs.write(conn, scratch, file_id)
    finally:
        for connection in (*cursors, scratch):
            connection.close()
    return {k: v for k, v in sorted(counts.items()) if v}, values


def _stages(
    parsed: Iterator[Chunk],
    path: Path,
    kind: str,
    limits: Limits,
    mapping: dict[str, str] | None,
    scratch: duckdb.DuckDBPyConnection,
) -> Generator[tuple[dict[str, str], ChunkStage], None, None]:
    """(column mapping, stage rows) of each parsed chunk (run in the reader's thread).

    Suspect rows wait until ``SUSPECT_ROWS`` of them (or the end) and are checked by DuckDB
    together: one query instead of one per chunk. A last stage with no rows of its own
    carries the last suspects.
    """
    found: dict[str, str] = {}
    time_format = TIME_FORMATS.get(kind)
    waiting: list[pa.Table] = []
    for first_line, chunk in parsed:
        found = found or resolve_mapping(path, chunk.column_names, kind, mapping)
        stage = stage_rows(chunk, first_line, found, time_format, limits, scratch)
        waiting.append(stage.suspects)
        if sum(t.num_rows for t in waiting) >= SUSPECT_ROWS:
            checked = check_suspects(pa.concat_tables(waiting), found, time_format, limits, scratch)
            stage, waiting = replace(stage, checked=checked), []
        yield found, stage
    if found and waiting:
        checked = check_suspects(pa.concat_tables(waiting), found, time_format, limits, scratch)
        none = STAGE_SCHEMA.empty_table()
        yield found, ChunkStage(none, pa.array([], pa.bool_()), none, checked)


def _batch(
    stage: ChunkStage, file_id: int, kind: str, counts: Counter[str], runs: IdentityRuns
) -> Batch:
    """The rows for the store of a chunk's stage rows; counts them, keeps identity groups."""
    kept = kept_rows(stage)
    bad = quarantine(stage, file_id)
    counts["position"] += kept.num_rows
    for item in pc.value_counts(bad["reason"]).to_pylist():
        counts[f"quarantine:{item['values']}"] += int(item["counts"])
    if runs.inputs:
        runs.add(identity_groups(stage, runs.inputs, file_id))
    return Batch(positions(kept, file_id, kind), None, bad)


class IdentityRuns:
    """The chunks' identity groups, merged by DuckDB when they pile up (memory stays bounded
    by the distinct identity tuples, as with the DuckDB path's ``GROUP BY``)."""

    def __init__(self, found: dict[str, str], scratch: duckdb.DuckDBPyConnection) -> None:
        self.found = found
        self.scratch = scratch
        self.inputs = identity_inputs(found)
        self.parts: list[pa.Table] = []
        self.rows = 0
        self.merged_rows = 0  # rows after the last merge

    def add(self, groups: pa.Table) -> None:
        """Keep a chunk's groups; merge them all when they have doubled since the last merge."""
        self.parts.append(groups)
        self.rows += groups.num_rows
        if self.rows > max(MERGE_ROWS, 2 * self.merged_rows):
            sql = identity_groups_merge_sql(self.inputs, "parts")
            merged = query(self.scratch, sql, parts=pa.concat_tables(self.parts))
            self.parts = [merged.cast(groups.schema)]
            self.rows = self.merged_rows = merged.num_rows

    def write(
        self, conn: duckdb.DuckDBPyConnection, scratch: duckdb.DuckDBPyConnection, file_id: int
    ) -> int:
        """Upsert the identity values into the store; returns the number of values."""
        sql = identity_select_sql(file_id, self.found, "runs", runs=True)
        if sql is None or not self.parts:
            return 0
        merged = query(scratch, sql, runs=pa.concat_tables(self.parts))
        if not merged.num_rows:
            return 0
        conn.register("ais_identity_batch", merged)
        try:
            upsert_identity(conn, "ais_identity_batch")
        finally:
            conn.unregister("ais_identity_batch")
        return int(merged.num_rows)

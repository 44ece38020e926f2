"""Store a parsed list snapshot as a version, atomically, and read the versions back.

A version is one ingest of one list snapshot, identified by the list, its publication date
and a content hash over its canonical statements and source records. Ingesting the same content
again creates nothing. The whole version is written in one transaction: it lands whole or not
at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa
from followthemoney import StatementEntity

from vigil.files import sha256_files
from vigil.register.model import DPRK_PROGRAMS, ParsedList
from vigil.store import Store

MAIN_SCHEMATA = frozenset(
    {"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"}
)
STATEMENT_COLUMNS = (
    "id", "entity_id", "schema", "prop", "value", "lang", "original_value", "dataset", "origin",
)  # fmt: skip


@dataclass(frozen=True)
class Version:
    """A stored list version."""

    version_id: int
    list_name: str
    format: str
    published: str | None
    content_hash: str
    files: list[str]
    ingested_at: str
    entity_count: int
    record_count: int
    statement_count: int

    @property
    def label(self) -> str:
        """A short human label: ``un@2026-02-27#1a2b3c4d``."""
        return f"{self.list_name}@{self.published or 'undated'}#{self.content_hash[:8]}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = {**self.__dict__, "label": self.label}
        data["list"] = data.pop("list_name")
        return data


@dataclass(frozen=True)
class IngestResult:
    """What an ingest did: the version, whether it was new, what the parser counted."""

    version: Version
    created: bool
    counts: dict[str, int]
    quarantined: int


def _statement_rows(entities: list[StatementEntity]) -> dict[str, list[str | None]]:
    columns: dict[str, list[str | None]] = {name: [] for name in STATEMENT_COLUMNS}
    for entity in entities:
        for stmt in entity.statements:
            if stmt.prop == "id":
                continue
            columns["id"].append(stmt.id)
            columns["entity_id"].append(stmt.entity_id)
            columns["schema"].append(stmt.schema)
            columns["prop"].append(stmt.prop)
            columns["value"].append(stmt.value)
            columns["lang"].append(stmt.lang)
            columns["original_value"].append(stmt.original_value)
            columns["dataset"].append(stmt.dataset)
            columns["origin"].append(stmt.origin or "")
    return columns


def content_hash(parsed: ParsedList, statements: dict[str, list[str | None]]) -> str:
    """sha256 over the sorted statements and records: equal content, equal hash."""
    digest = hashlib.sha256()
    rows = sorted(zip(*(statements[c] for c in STATEMENT_COLUMNS[1:]), strict=True), key=str)
    for row in rows:
        digest.update(repr(row).encode())
    for record in sorted(parsed.records, key=lambda r: (r.record_id, r.raw)):
        digest.update(f"{record.record_id}\0{record.raw}\0".encode())
    return digest.hexdigest()


def _entity_rows(parsed: ParsedList) -> dict[str, list[Any]]:
    programs: dict[str, set[str]] = {}
    for entity in parsed.entities:
        if entity.schema.name == "Sanction":
            for stmt in entity.get_statements("program"):
                programs.setdefault(stmt.origin or "", set()).add(stmt.value)
    rows: dict[str, list[Any]] = {
        k: []
        for k in ("entity_id", "record_id", "schema", "caption", "is_main", "programs", "dprk")
    }
    for entity in parsed.entities:
        origins = {s.origin or "" for s in entity.statements if s.prop != "id"}
        record = min(origins) if origins else ""
        progs = sorted(set().union(*(programs.get(o, set()) for o in origins)))
        rows["entity_id"].append(entity.id)
        rows["record_id"].append(record)
        rows["schema"].append(entity.schema.name)
        rows["caption"].append(entity.caption)
        rows["is_main"].append(entity.schema.name in MAIN_SCHEMATA)
        rows["programs"].append(progs)
        rows["dprk"].append(any(p in DPRK_PROGRAMS for p in progs))
    return rows


def store_version(store: Store, parsed: ParsedList) -> IngestResult:
    """Write ``parsed`` as a new version of its list, unless identical content is stored."""
    statements = _statement_rows(parsed.entities)
    chash = content_hash(parsed, statements)
    existing = find_version(store, parsed.list_name, chash)
    counts = dict(sorted(parsed.report.counts.items()))
    quarantined = len(parsed.report.quarantined)
    if existing is not None:
        return IngestResult(existing, False, counts, quarantined)
    tables = {
        "stmt_table": pa.table(statements),
        "entity_table": pa.table(_entity_rows(parsed)),
        "record_table": _record_table(parsed),
    }
    with store.transaction() as conn:
        for name, table in tables.items():
            conn.register(name, table)
        try:
            vid = _insert(conn, parsed, chash, len(statements["id"]))
        finally:
            for name in tables:
                conn.unregister(name)
    return IngestResult(get_version(store, vid), True, counts, quarantined)


def _record_table(parsed: ParsedList) -> pa.Table:
    return pa.table(
        {
            "record_id": [r.record_id for r in parsed.records],
            "entity_id": [r.entity_id for r in parsed.records],
            "location": [r.location for r in parsed.records],
            "raw": [r.raw for r in parsed.records],
        },
        schema=pa.schema([(n, pa.string()) for n in ("record_id", "entity_id", "location", "raw")]),
    )


def _insert(conn: duckdb.DuckDBPyConnection, parsed: ParsedList, chash: str, n_stmts: int) -> int:
    """Insert the version row and its registered tables; returns the new version id."""
    row = conn.execute(
        "INSERT INTO register_versions (list, format, published, content_hash, files,"
        " file_sha256, ingested_at, entity_count, record_count, statement_count)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING version_id",
        [
            parsed.list_name,
            parsed.format,
            parsed.published,
            chash,
            [str(p) for p in parsed.files],
            sha256_files(*parsed.files),
            datetime.now(UTC),
            len(parsed.entities),
            len(parsed.records),
            n_stmts,
        ],
    ).fetchone()
    assert row is not None
    vid = int(row[0])
    columns = ", ".join(STATEMENT_COLUMNS)
    conn.execute(f"INSERT INTO register_statements SELECT {vid}, {columns} FROM stmt_table")
    conn.execute(
        f"INSERT INTO register_records SELECT {vid}, record_id, entity_id, location, raw"
        " FROM record_table"
    )
    conn.execute(f"INSERT INTO register_entities SELECT {vid}, * FROM entity_table")
    report = parsed.report
    if report.counts:
        conn.executemany(
            "INSERT INTO register_counts VALUES (?, ?, ?)",
            [[vid, key, count] for key, count in sorted(report.counts.items())],
        )
    if report.quarantined:
        conn.executemany(
            "INSERT INTO register_quarantine VALUES (?, ?, ?, ?)",
            [[vid, q.location, q.record, q.reason] for q in report.quarantined],
        )
    return vid


_VERSION_SQL = (
    "SELECT version_id, list, format, CAST(published AS VARCHAR), content_hash, files,"
    " CAST(ingested_at AS VARCHAR), entity_count, record_count, statement_count"
    " FROM register_versions"
)


def _version(row: tuple[Any, ...]) -> Version:
    return Version(*row)


def find_version(store: Store, list_name: str, chash: str) -> Version | None:
    """The version of ``list_name`` with content hash ``chash``, if stored."""
    row = store.conn.execute(
        f"{_VERSION_SQL} WHERE list = ? AND content_hash = ?", [list_name, chash]
    ).fetchone()
    return _version(row) if row else None


def get_version(store: Store, version_id: int) -> Version:
    """The version with this id (raises if unknown)."""
    from vigil.register.errors import UnknownVersionError

    row = store.conn.execute(f"{_VERSION_SQL} WHERE version_id = ?", [version_id]).fetchone()
    if row is None:
        raise UnknownVersionError(f"no register version {version_id}")
    return _version(row)


def list_versions(store: Store, list_name: str | None = None) -> list[Version]:
    """All versions, oldest publication first (then ingest order)."""
    where = "WHERE list = ?" if list_name else ""
    params = [list_name] if list_name else []
    rows = store.conn.execute(
        f"{_VERSION_SQL} {where} ORDER BY list, published NULLS FIRST, version_id", params
    ).fetchall()
    return [_version(r) for r in rows]


def current_versions(store: Store) -> dict[str, Version]:
    """The current (latest published, then latest ingested) version of each list."""
    current: dict[str, Version] = {}
    for version in list_versions(store):
        current[version.list_name] = version
    return current

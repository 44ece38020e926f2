"""The embedded store: one DuckDB file under ``VIGIL_HOME``, with versioned migrations.

Migrations are SQL files in ``vigil/migrations`` named ``NNNN_name.sql``. Opening a store
applies, in order and each in its own transaction, every migration it has not seen, so an
older store is upgraded in place. Applied versions are kept in ``schema_migrations``.

Numbers are reserved by domain so that parts can grow independently:
0001-0099 register, 0100-0199 screening, 0200-0299 ais, 0300-0399 findings and detection,
0400-0499 caps and trade, 0500-0599 documents, 0600-0699 review, api and web.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from vigil.errors import StoreError
from vigil.settings import Settings

MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One schema step: its version number, name and SQL text."""

    version: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    """The migrations shipped with the package, in version order."""
    found: list[Migration] = []
    for entry in resources.files("vigil.migrations").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"duplicate migration versions in package: {versions}")
    return found


class Store:
    """An open connection to the store. Use :meth:`transaction` for every write."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: Path | None) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        read_only: bool = False,
        migrations: list[Migration] | None = None,
    ) -> Store:
        """Open (creating if needed) the store of ``settings`` and upgrade its schema."""
        path = settings.db_path
        if read_only and not path.exists():
            raise StoreError(
                f"no store at {path}; ingest something first (VIGIL_HOME={settings.home})"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        config: dict[str, str | bool | int | float | list[str]] = {}
        if settings.threads:
            config["threads"] = settings.threads
        if settings.memory_limit:
            config["memory_limit"] = settings.memory_limit
        try:
            conn = duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        store = cls(conn, path)
        if not read_only:
            store.migrate(bundled_migrations() if migrations is None else migrations)
        return store

    @classmethod
    def memory(cls) -> Store:
        """A throw-away in-memory store (for tests and benchmarks)."""
        store = cls(duckdb.connect(":memory:"), None)
        store.migrate(bundled_migrations())
        return store

    def applied_versions(self) -> list[int]:
        """The migration versions this store has applied."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        rows = self.conn.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
        return [int(r[0]) for r in rows]

    def migrate(self, migrations: list[Migration]) -> list[int]:
        """Apply the migrations not yet applied, each atomically. Returns those applied."""
        done = set(self.applied_versions())
        applied: list[int] = []
        for migration in migrations:
            if migration.version in done:
                continue
            try:
                with self.transaction() as conn:
                    conn.execute(migration.sql)
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                        [migration.version, migration.name],
                    )
            except duckdb.Error as exc:
                raise StoreError(
                    f"migration {migration.version:04d}_{migration.name} failed: {exc}"
                ) from exc
            applied.append(migration.version)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a block as one transaction: it commits whole or rolls back whole."""
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection (DuckDB checkpoints the write-ahead log)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def next_file_id(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    """A fresh ``file_id`` for ``table`` (ids are never reused); call inside the ingest's
    transaction so two ingests cannot take the same id."""
    row = conn.execute(f"SELECT coalesce(max(file_id), 0) + 1 FROM {table}").fetchone()
    assert row is not None
    return int(row[0])

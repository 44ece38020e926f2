"""Engines: where detector SQL runs. DuckDB (default) or Spark (local mode, or a cluster).

Detectors are written once, in the SQL both engines share (window functions, LAG/LEAD, equi-
joins on grid-cell and time-bucket keys). The few differences live here, in :data:`DIALECTS`
and in how each engine loads the inputs:

- ``pos``: the positions of the window, with ``t_s`` (epoch seconds, BIGINT) so that time
  arithmetic is plain integer arithmetic on both engines;
- ``ident``: the identity history (``ais_identity``), with ``first_s``/``last_s``;
- small tables a detector puts (ports, grid-cell lookups, episodes to fetch evidence for).

The Spark engine reads the same rows through Parquet exported by DuckDB (the form archives are
kept in), so both engines see identical inputs.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from vigil.detect.errors import EngineError
from vigil.store import Store

ARROW_TYPES: dict[str, Any] = {}


def _arrow_types() -> None:
    import pyarrow as pa

    ARROW_TYPES.update(
        BIGINT=pa.int64(), INTEGER=pa.int32(), DOUBLE=pa.float64(), VARCHAR=pa.string()
    )


_arrow_types()

DIALECTS: dict[str, dict[str, str]] = {
    "duckdb": {"list": "list"},
    "spark": {"list": "collect_list"},
}


@dataclass(frozen=True)
class Window:
    """Which positions to run on: a time span (epoch seconds) and a bounding box."""

    since_s: int | None = None
    until_s: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["TRUE"], []  # type: list[str], list[Any]
        if self.since_s is not None:
            clauses.append("epoch(ts) >= ?")
            params.append(self.since_s)
        if self.until_s is not None:
            clauses.append("epoch(ts) < ?")
            params.append(self.until_s)
        if self.bbox is not None:
            clauses.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
            params += [self.bbox[0], self.bbox[2], self.bbox[1], self.bbox[3]]
        return " AND ".join(clauses), params


POS_SQL = (
    "SELECT position_id, raw_id, mmsi, CAST(epoch(ts) AS BIGINT) AS t_s, lat, lon,"
    " sog_knots, CAST(nav_status AS INTEGER) AS nav_status FROM ais_positions WHERE {where}"
)
IDENT_SQL = (
    "SELECT mmsi, field, value, CAST(epoch(first_seen) AS BIGINT) AS first_s,"
    " CAST(epoch(last_seen) AS BIGINT) AS last_s, first_raw_id, observations FROM ais_identity"
)


class Engine(Protocol):
    """What a detector needs from an engine."""

    name: str

    def load(self, store: Store, window: Window) -> int:
        """Load ``pos`` and ``ident``; return the number of positions."""

    def put(
        self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Register a small table (columns as (name, SQL type))."""

    def materialize(self, name: str, sql: str, reuse: bool = False) -> None:
        """Compute ``sql`` once and keep it as table ``name`` (``reuse``: several detectors
        read it, so a lazy engine should compute and cache it now)."""

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a query and return its rows."""

    def columns(self, sql: str) -> Any:
        """Run a query and return its result as a pyarrow Table (for large results: no Python
        object per value)."""

    def close(self) -> None:
        """Drop what the engine created."""


def sql(text: str, engine: Engine, **values: Any) -> str:
    """Fill ``{list}`` and the like from the dialect, and named values: numbers, table names,
    or lists of integers (written as ``1, 2, 3`` for ``IN (...)``)."""
    filled: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, list | tuple | set) and all(isinstance(v, int) for v in value):
            filled[key] = ", ".join(str(v) for v in sorted(value)) or "NULL"
        elif isinstance(value, int | float) or str(value).isidentifier():
            filled[key] = str(value)
        else:
            raise TypeError(
                f"SQL value {key} must be a number, a table name or integers, not {value!r}"
            )
    return text.format(**DIALECTS[engine.name], **filled)


class DuckDBEngine:
    """Runs on the store's own DuckDB connection (temp tables, dropped on close)."""

    name = "duckdb"

    def __init__(self) -> None:
        self.conn: Any = None
        self.tables: list[str] = []

    def load(self, store: Store, window: Window) -> int:
        self.conn = store.conn
        where, params = window.where()
        self.conn.execute(
            f"CREATE OR REPLACE TEMP TABLE pos AS {POS_SQL.format(where=where)}", params
        )
        self.conn.execute(f"CREATE OR REPLACE TEMP TABLE ident AS {IDENT_SQL}")
        self.tables += ["pos", "ident"]
        return int(self.conn.execute("SELECT count(*) FROM pos").fetchone()[0])

    def put(
        self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
    ) -> None:
        arrow = arrow_table(columns, rows)
        self.conn.register(f"{name}_arrow", arrow)  # arrow: executemany is row by row, far slower
        try:
            self.conn.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
        finally:
            self.conn.unregister(f"{name}_arrow")
        self.tables.append(name)

    def materialize(self, name: str, sql: str, reuse: bool = False) -> None:
        self.conn.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
        self.tables.append(name)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self.conn.execute(sql).fetchall()
        return rows

    def columns(self, sql: str) -> Any:
        return self.conn.execute(sql).to_arrow_table()

    def close(self) -> None:
        for name in dict.fromkeys(reversed(self.tables)):
            self.conn.execute(f"DROP TABLE IF EXISTS {name}")
        self.tables = []


def arrow_table(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> Any:
    """Rows as a pyarrow table with the declared column types."""
    import pyarrow as pa

    return pa.table(
        {c: pa.array([r[i] for r in rows], type=ARROW_TYPES[t]) for i, (c, t) in enumerate(columns)}
    )


def make_engine(name: str, spark_master: str = "local[2]") -> Engine:
    """The engine called ``name`` (``duckdb`` or ``spark``)."""
    if name == "duckdb":
        return DuckDBEngine()
    if name == "spark":
        from vigil.detect.spark import SparkEngine

        return SparkEngine(spark_master)
    raise EngineError(f"unknown engine {name!r}; use duckdb or spark")


def export_parquet(store: Store, window: Window, folder: Path) -> tuple[Path, Path]:
    """Write the window's positions and the identity table as Parquet (for Spark)."""
    where, params = window.where()
    pos, ident = folder / "pos.parquet", folder / "ident.parquet"
    store.conn.execute(f"COPY ({POS_SQL.format(where=where)}) TO '{pos}' (FORMAT parquet)", params)
    store.conn.execute(f"COPY ({IDENT_SQL}) TO '{ident}' (FORMAT parquet)")
    return pos, ident


def temp_folder() -> Path:
    """A fresh folder for Parquet handed to Spark."""
    return Path(tempfile.mkdtemp(prefix="vigil-spark-"))

"""The Spark engine: the same detector SQL on PySpark (``local[N]`` here, a cluster for archives).

One SparkSession per process (Spark start-up takes seconds). Inputs arrive as Parquet written by
DuckDB from the store; small tables go through Parquet; ``materialize`` makes lazy views.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from functools import cache
from typing import Any

import pyarrow.parquet as pq

from vigil.detect.engine import Window, arrow_table, export_parquet, temp_folder
from vigil.detect.errors import EngineError
from vigil.store import Store


@cache
def session(master: str) -> Any:
    """The process's SparkSession (created once)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise EngineError("the spark engine needs pyspark: pip install 'vigil[spark]'") from exc
    spark = (
        SparkSession.builder.master(master)
        .appName("vigil-detect")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


class SparkEngine:
    """Detector SQL on Spark SQL."""

    name = "spark"

    def __init__(self, master: str = "local[2]") -> None:
        self.spark = session(master)
        self.folder = temp_folder()
        self.views: list[str] = []

    def load(self, store: Store, window: Window) -> int:
        pos, ident = export_parquet(store, window, self.folder)
        self.spark.read.parquet(str(pos)).createOrReplaceTempView("pos")
        self.spark.read.parquet(str(ident)).createOrReplaceTempView("ident")
        self.views += ["pos", "ident"]
        return int(self.spark.sql("SELECT count(*) FROM pos").collect()[0][0])

    def put(
        self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
    ) -> None:
        # Through Parquet: createDataFrame from Python rows is slow for thousands of rows.
        path = self.folder / f"{name}-{len(self.views)}.parquet"
        pq.write_table(arrow_table(columns, rows), path)
        self.spark.read.parquet(str(path)).createOrReplaceTempView(name)
        self.views.append(name)

    def materialize(self, name: str, sql: str, reuse: bool = False) -> None:
        # A lazy view: Spark plans the whole chain of a detector as one job. Caching each step
        # eagerly costs a job per step, which dominates on small inputs; only the tables that
        # several detectors read (the lagged positions) are cached.
        if reuse:
            self.spark.sql(f"CACHE TABLE {name} AS {sql}")
        else:
            self.spark.sql(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")
        self.views.append(name)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(_plain(v) for v in row) for row in self.spark.sql(sql).collect()]

    def columns(self, sql: str) -> Any:
        return self.spark.sql(sql).toArrow()

    def close(self) -> None:
        for name in dict.fromkeys(reversed(self.views)):
            self.spark.catalog.dropTempView(name)
        self.views = []
        shutil.rmtree(self.folder, ignore_errors=True)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value

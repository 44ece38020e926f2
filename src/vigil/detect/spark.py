"""The Spark engine: the same detector SQL on PySpark (``local[N]`` here, a cluster for archives).

One SparkSession per process (Spark start-up takes seconds). Inputs arrive as Parquet written by
DuckDB from the store; small tables are created from Python rows; ``materialize`` caches.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from functools import cache
from typing import Any

from vigil.detect.engine import Window, export_parquet, temp_folder
from vigil.detect.errors import EngineError
from vigil.store import Store

SPARK_TYPES = {"BIGINT": "bigint", "INTEGER": "int", "DOUBLE": "double", "VARCHAR": "string"}


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
        .config("spark.sql.shuffle.partitions", "4")
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

    def put(self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> None:
        schema = ", ".join(f"{c} {SPARK_TYPES[t]}" for c, t in columns)
        frame = self.spark.createDataFrame([tuple(r) for r in rows], schema=schema)
        frame.createOrReplaceTempView(name)
        self.views.append(name)

    def materialize(self, name: str, sql: str) -> None:
        self.spark.sql(f"CACHE TABLE {name} AS {sql}")
        self.views.append(name)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(_plain(v) for v in row) for row in self.spark.sql(sql).collect()]

    def close(self) -> None:
        for name in dict.fromkeys(reversed(self.views)):
            self.spark.sql(f"UNCACHE TABLE IF EXISTS {name}")
            self.spark.catalog.dropTempView(name)
        self.views = []
        shutil.rmtree(self.folder, ignore_errors=True)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value

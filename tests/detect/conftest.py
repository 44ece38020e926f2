"""Fixtures for detection tests: engines (DuckDB always, Spark when pyspark and Java exist)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
HAS_SPARK = importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None

ENGINES = [
    "duckdb",
    pytest.param(
        "spark",
        marks=[
            pytest.mark.slow,
            pytest.mark.skipif(not HAS_SPARK, reason="pyspark or java missing"),
        ],
    ),
]

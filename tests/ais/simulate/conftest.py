"""Shared fixtures: one small simulated scenario, written once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from vigil.ais.simulate.runner import simulate

SHARED_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
SMALL = {"vessels": 30, "days": 3, "seed": 7}


@pytest.fixture(scope="session")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output directory of a small korea-bay run."""
    out = tmp_path_factory.mktemp("sim")
    simulate("korea-bay", out, **SMALL)
    return out


@pytest.fixture(scope="session")
def truth(small_run: Path) -> dict[str, Any]:
    """The small run's truth.json."""
    data: dict[str, Any] = orjson.loads((small_run / "truth.json").read_bytes())
    return data

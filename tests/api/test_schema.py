"""Property-based tests of the API against its own OpenAPI spec (schemathesis), bounded."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

from tests.api.seed import seed_store
from vigil.api.app import create_app
from vigil.run.config import ApiConfig, VigilConfig
from vigil.settings import Settings
from vigil.store import Store


def _app(home: Path) -> FastAPI:
    shutil.rmtree(home, ignore_errors=True)
    cfg = Settings(home=home, progress="never")
    store = Store.open(cfg)
    seed_store(store, with_register=False)  # screening over an empty register stays fast
    config = VigilConfig(api=ApiConfig(rate_per_second=1e6, rate_burst=1_000_000))
    return create_app(cfg, config, store)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    yield _app(tmp_path_factory.mktemp("schema") / "home")


def test_api_conforms_to_its_spec(app: FastAPI) -> None:
    """Every operation, a few generated requests each: no 5xx, and responses match the spec."""
    api = schemathesis.openapi.from_asgi("/openapi.json", app)
    labels = []
    for result in api.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None, derandomize=True)  # fmt: skip
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate()

        check()
    assert "POST /match/{dataset}" in labels and "GET /findings/geojson" in labels

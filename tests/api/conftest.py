"""API fixtures: a seeded store built once per session and copied per test, and clients."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from tests.api.seed import seed_store
from vigil.api.app import create_app, with_edge
from vigil.api.auth import create_token
from vigil.run.config import ApiConfig, VigilConfig
from vigil.settings import Settings
from vigil.store import Store

MakeClient = Callable[..., TestClient]


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the seed (built once; tests get copies)."""
    settings = Settings(home=tmp_path_factory.mktemp("seed"), progress="never")
    with Store.open(settings) as store:
        seed_store(store)
        create_token(store, "analyst", "alice")  # exercises the token table in the copy
    return settings.db_path


@pytest.fixture
def api_settings(tmp_path: Path, seeded_db: Path) -> Settings:
    """Settings whose store is a fresh copy of the seeded one."""
    settings = Settings(home=tmp_path / "home", progress="never")
    settings.home.mkdir()
    shutil.copy(seeded_db, settings.db_path)
    return settings


@pytest.fixture
def api_store(api_settings: Settings) -> Iterator[Store]:
    """The open copy of the seeded store."""
    with Store.open(api_settings) as store:
        yield store


@pytest.fixture
def make_client(api_settings: Settings, api_store: Store) -> Iterator[MakeClient]:
    """Build a client over the seeded store, optionally with other API settings."""
    clients: list[TestClient] = []

    def make(edge_outside: bool = False, **api: object) -> TestClient:
        """``edge_outside``: the limits and the /match fast path in front of the app, as
        ``vigil serve`` runs it (:func:`vigil.api.app.with_edge`)."""
        config = VigilConfig(api=ApiConfig.model_validate(api))
        if edge_outside:
            app = with_edge(create_app(api_settings, config, api_store, edge=False))
            client = TestClient(app)
        else:
            client = TestClient(create_app(api_settings, config, api_store))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    """A client with the default (open reading) configuration."""
    return make_client()


@pytest.fixture
def tokens(api_store: Store) -> dict[str, str]:
    """A clear token per role."""
    return {role: create_token(api_store, role, f"{role}-user")[1]
            for role in ("reader", "analyst", "admin")}  # fmt: skip


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for a token."""
    return {"Authorization": f"Bearer {token}"}

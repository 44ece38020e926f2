"""Shared fixtures: the real data in ../shared/data, throw-away settings and stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vigil.settings import Settings
from vigil.store import Store


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose store lives in a fresh temporary folder."""
    return Settings(home=tmp_path / "vigil-data", progress="never")


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """An open, migrated store in a temporary folder."""
    with Store.open(settings) as opened:
        yield opened

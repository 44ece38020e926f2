"""Settings come from VIGIL_* variables only, and bad values name their key."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.errors import ConfigError
from vigil.settings import Settings


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.home == Path("vigil-data")
    assert settings.db_path == Path("vigil-data/vigil.duckdb")
    assert settings.progress == "auto"


def test_values_are_read() -> None:
    env = {"VIGIL_HOME": "/x", "VIGIL_THREADS": "2", "VIGIL_PROGRESS": "never", "OTHER": "1"}
    settings = Settings.from_env(env)
    assert (settings.home, settings.threads, settings.progress) == (Path("/x"), 2, "never")


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"VIGIL_THREADS": "two"}, "VIGIL_THREADS"),
        ({"VIGIL_THREADS": "0"}, "VIGIL_THREADS"),
        ({"VIGIL_PROGRESS": "sometimes"}, "VIGIL_PROGRESS"),
        ({"VIGIL_HOEM": "/typo"}, "VIGIL_HOEM"),
    ],
)
def test_bad_values_name_the_key(env: dict[str, str], key: str) -> None:
    with pytest.raises(ConfigError, match=key):
        Settings.from_env(env)

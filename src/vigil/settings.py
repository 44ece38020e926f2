"""Settings, read once from ``VIGIL_*`` environment variables.

This is the only module that reads the environment. Code takes a :class:`Settings` as an
argument; tests build their own instead of mutating globals.

| variable | meaning | default |
| --- | --- | --- |
| ``VIGIL_HOME`` | data directory holding the store ``vigil.duckdb`` | ``./vigil-data`` |
| ``VIGIL_THREADS`` | threads DuckDB may use | number of CPUs |
| ``VIGIL_MEMORY_LIMIT`` | DuckDB memory limit, e.g. ``4GB`` | DuckDB's default |
| ``VIGIL_PROGRESS`` | ``auto`` (bars on a terminal only), ``always`` or ``never`` | ``auto`` |
| ``VIGIL_CONFIG`` | the main job's TOML file (``vigil run``, ``vigil serve``) | ``./vigil.toml`` if present |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from vigil.errors import ConfigError

PREFIX = "VIGIL_"
PROGRESS_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class Settings:
    """Every setting Vigil has. Immutable: derive a changed copy with ``dataclasses.replace``."""

    home: Path = Path("vigil-data")
    threads: int | None = None
    memory_limit: str | None = None
    progress: str = "auto"
    config: Path | None = None

    @property
    def db_path(self) -> Path:
        """The DuckDB store file."""
        return self.home / "vigil.duckdb"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``env`` (default: ``os.environ``)."""
        env = os.environ if env is None else env
        known = {"HOME", "THREADS", "MEMORY_LIMIT", "PROGRESS", "CONFIG"}
        for key in env:
            if key.startswith(PREFIX) and key[len(PREFIX) :] not in known:
                raise ConfigError(
                    f"unknown setting {key}; known: {sorted(PREFIX + k for k in known)}"
                )
        threads = env.get("VIGIL_THREADS")
        if threads is not None and (not threads.isdigit() or int(threads) < 1):
            raise ConfigError(f"VIGIL_THREADS must be a positive integer, not {threads!r}")
        progress = env.get("VIGIL_PROGRESS", "auto")
        if progress not in PROGRESS_MODES:
            raise ConfigError(f"VIGIL_PROGRESS must be one of {PROGRESS_MODES}, not {progress!r}")
        return cls(
            home=Path(env.get("VIGIL_HOME", "vigil-data")),
            threads=int(threads) if threads else None,
            memory_limit=env.get("VIGIL_MEMORY_LIMIT") or None,
            progress=progress,
            config=Path(env["VIGIL_CONFIG"]) if env.get("VIGIL_CONFIG") else None,
        )


def get_settings() -> Settings:
    """The settings of this invocation, read from the environment.

    Entry points (CLI commands, the API app factory) call this once and pass the result down;
    library code never calls it.
    """
    return Settings.from_env()

"""``vigil.toml``: the main job's one configuration file, validated with pydantic.

Every section and key has a default, so an empty file (or none) is a valid configuration.
Relative paths are relative to the folder holding the file. An unknown or invalid key is a
:class:`~vigil.errors.ConfigError` naming the key, e.g. ``vigil.toml: api.rate_per_second: ...``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vigil.errors import ConfigError
from vigil.settings import Settings

DEFAULT_NAME = "vigil.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourcesConfig(_Section):
    """What ``vigil run`` ingests."""

    lists: list[Path] = Field(default_factory=list, description="register list files")
    ais: list[Path] = Field(default_factory=list, description="AIS files or folders")
    documents: list[Path] = Field(default_factory=list, description="documents to scan")
    notifications: list[Path] = Field(default_factory=list, description="cap notifications")


class DetectConfig(_Section):
    """Whether to run the detectors and the screening of vessels seen."""

    enabled: bool = True
    screening: bool = True


class ReportConfig(_Section):
    """Where and how the report is written."""

    out: Path | None = Field(default=None, description="default: the report folder in VIGIL_HOME")
    title: str = "Vigil monitoring report: UN sanctions on the DPRK"
    confirmed_only: bool = False
    pdf: Literal["auto", "always", "never"] = "auto"
    max_findings_per_chapter: int = Field(default=50, ge=1, le=10_000)


class ApiConfig(_Section):
    """The HTTP API and web UI (``vigil serve``)."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    read_requires_token: bool = False
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    rate_per_second: float = Field(default=50.0, gt=0)
    rate_burst: int = Field(default=100, ge=1)
    max_match_queries: int = Field(default=50, ge=1)
    # processes serving /match and /search (vigil.api.workers); the rate limit is shared by all
    workers: int = Field(default=1, ge=1, le=64)


class VigilConfig(_Section):
    """The whole file."""

    sources: SourcesConfig = SourcesConfig()
    detect: DetectConfig = DetectConfig()
    report: ReportConfig = ReportConfig()
    api: ApiConfig = ApiConfig()

    def resolved(self, base: Path) -> VigilConfig:
        """A copy whose relative paths are taken relative to ``base``."""

        def fix(paths: list[Path]) -> list[Path]:
            return [p if p.is_absolute() else base / p for p in paths]

        src = self.sources
        sources = SourcesConfig(lists=fix(src.lists), ais=fix(src.ais),
                                documents=fix(src.documents),
                                notifications=fix(src.notifications))  # fmt: skip
        out = self.report.out
        if out is not None and not out.is_absolute():
            out = base / out
        report = self.report.model_copy(update={"out": out})
        return self.model_copy(update={"sources": sources, "report": report})


def report_dir(settings: Settings, config: VigilConfig) -> Path:
    """Where the report is written: ``[report] out``, else ``report`` in ``VIGIL_HOME``."""
    return config.report.out or settings.home / "report"


def parse_config(text: str, origin: str = DEFAULT_NAME, base: Path | None = None) -> VigilConfig:
    """Parse and validate TOML text; errors name ``origin`` and the key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from exc
    try:
        config = VigilConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"{origin}: {key}: {first['msg']}") from exc
    return config.resolved(base) if base is not None else config


def load_config(settings: Settings, path: Path | None = None) -> VigilConfig:
    """The configuration from ``path``, ``settings.config`` or ``./vigil.toml`` (else defaults)."""
    chosen = path or settings.config
    if chosen is None:
        chosen = Path(DEFAULT_NAME)
        if not chosen.exists():
            return VigilConfig()
    if not chosen.is_file():
        raise ConfigError(f"config file {chosen} does not exist")
    return parse_config(chosen.read_text("utf-8"), str(chosen), chosen.resolve().parent)

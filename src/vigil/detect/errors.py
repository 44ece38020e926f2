"""Errors of the detection package."""

from __future__ import annotations

from vigil.errors import ConfigError, VigilError


class DetectError(VigilError):
    """Base of detection errors."""


class ParameterError(DetectError, ConfigError):
    """A detector parameter is unknown or has a bad value (the message names both)."""


class UnknownDetectorError(DetectError, ConfigError):
    """A detector name that is not declared."""


class EngineError(DetectError):
    """An engine is unavailable (e.g. pyspark not installed) or failed."""


class NoDataError(DetectError):
    """The store or the chosen window holds no positions."""

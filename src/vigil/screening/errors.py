"""Errors raised by screening."""

from __future__ import annotations

from vigil.errors import InputError, VigilError


class ScreeningError(VigilError):
    """Base class of screening errors."""


class QueryError(ScreeningError):
    """A query cannot be screened (empty name, name too long, unknown schema...)."""

    exit_code = 3


class UnknownAlgorithmError(ScreeningError):
    """The requested algorithm version does not exist."""

    exit_code = 2


class BatchInputError(InputError, ScreeningError):
    """A batch file cannot be read at all (rows with problems are reported, not raised)."""

"""Errors of the findings store."""

from __future__ import annotations

from vigil.errors import VigilError


class FindingError(VigilError):
    """Base class of the findings' errors."""


class UnknownFindingError(FindingError):
    """No finding has this id."""


class UnknownMeasureError(FindingError):
    """A finding names a measure that is not in the measures table."""

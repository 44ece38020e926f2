"""Errors of the AIS package."""

from __future__ import annotations

from vigil.errors import InputError, VigilError


class AisError(VigilError):
    """Base class of the AIS package's errors."""


class AisInputError(InputError, AisError):
    """An AIS input (file, CSV mapping, feed) is unusable as a whole."""


class FeedError(AisError):
    """A live feed URL is malformed or the feed cannot be reached."""


class UnknownVesselError(AisError):
    """No vessel with this MMSI or IMO is in the store."""

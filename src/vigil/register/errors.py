"""Errors of the register."""

from __future__ import annotations

from vigil.errors import InputError, VigilError


class RegisterError(VigilError):
    """Base class of the register's errors."""


class ListFormatError(InputError, RegisterError):
    """A list file is malformed, truncated, empty, hostile or of the wrong format."""


class UnknownVersionError(RegisterError):
    """A list version or entity id is not in the store."""

"""Errors of the petroleum cap ledger."""

from __future__ import annotations

from vigil.errors import ConfigError, InputError, VigilError


class CapsError(VigilError):
    """Base class of the cap ledger's errors."""


class NotificationFileError(InputError, CapsError):
    """A notification file cannot be read at all (missing, empty, no usable header)."""


class RowError(InputError, CapsError):
    """One row of a notification file is unusable; it is quarantined with this reason."""

    def __init__(
        self, path: str, message: str, *, line: int, raw: dict[str, str] | None = None
    ) -> None:
        super().__init__(path, message, line=line)
        self.raw = dict(raw or {})


class RulesError(ConfigError, CapsError):
    """The declared caps, products, units or capacity model are inconsistent."""

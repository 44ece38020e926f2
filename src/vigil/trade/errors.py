"""Errors of the mirror-trade checks."""

from __future__ import annotations

from vigil.errors import InputError, VigilError


class TradeError(VigilError):
    """Base class of the mirror-trade errors."""


class TradeFileError(InputError, TradeError):
    """A trade file cannot be read at all (missing, or not in the Comtrade format)."""


class TradeRowError(InputError, TradeError):
    """One row of a trade file is unusable; it is quarantined with this reason."""

    def __init__(
        self, path: str, message: str, *, line: int, raw: dict[str, str] | None = None
    ) -> None:
        super().__init__(path, message, line=line)
        self.raw = dict(raw or {})

"""The base of every error Vigil raises on purpose.

Each package derives its own base from :class:`VigilError` and specific subclasses from that.
The CLI turns any ``VigilError`` into a one-line message and a non-zero exit code.
"""

from __future__ import annotations

from pathlib import Path


class VigilError(Exception):
    """Base class of all errors that Vigil reports to the user."""

    exit_code = 1


class ConfigError(VigilError):
    """A setting or configuration value is invalid; the message names the key."""

    exit_code = 2


class InputError(VigilError):
    """An input file is malformed. The message names the file and where it broke."""

    exit_code = 3

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        record: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.record = record
        self.reason = message
        where = self.path
        if line is not None:
            where += f":{line}"
        if record is not None:
            where += f" (record {record})"
        super().__init__(f"{where}: {message}")


class StoreError(VigilError):
    """The store cannot be opened or upgraded."""

    exit_code = 4

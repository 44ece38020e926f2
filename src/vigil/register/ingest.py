"""Ingest a list file: detect its format, parse it whole, then store it as one version."""

from __future__ import annotations

import importlib
import re
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Protocol, cast

from vigil.register.errors import ListFormatError
from vigil.register.model import FORMATS, ParsedList
from vigil.register.versions import IngestResult, store_version
from vigil.store import Store

# Format -> module implementing ``FORMAT``, ``sniff(path)`` and ``parse(path)``.
SOURCES = {
    "un-xml": "vigil.register.sources.un_xml",
    "ofac-csv": "vigil.register.sources.ofac_csv",
    "un-vessels-csv": "vigil.register.sources.un_vessels",
}


class Source(Protocol):
    """What every list source module provides."""

    FORMAT: str

    def sniff(self, path: Path) -> bool: ...

    def parse(self, path: Path) -> ParsedList: ...


def source(fmt: str) -> Source:
    """The source module of a format."""
    if fmt not in SOURCES:
        raise ListFormatError(fmt, f"unknown format; choose one of {', '.join(SOURCES)}")
    module: ModuleType = importlib.import_module(SOURCES[fmt])
    return cast(Source, module)


def detect_format(path: Path) -> str:
    """Which list format ``path`` holds (raises if none fits)."""
    if not path.exists():
        raise ListFormatError(path, "no such file or directory")
    if path.is_file() and path.stat().st_size == 0:
        raise ListFormatError(path, "file is empty")
    for fmt in SOURCES:
        if source(fmt).sniff(path):
            return fmt
    raise ListFormatError(path, f"format not recognised; pass --format ({', '.join(FORMATS)})")


def parse_list(path: Path, fmt: str | None = None) -> ParsedList:
    """Parse ``path`` in format ``fmt`` (detected when None)."""
    return source(fmt or detect_format(path)).parse(path)


FILE_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def date_from_name(path: Path) -> str | None:
    """A publication date written in the file name (``ofac_sdn_2024-05-03.csv``), if any.

    Used only for lists that carry no date of their own (the OFAC legacy CSV files).
    """
    match = FILE_DATE.search(path.name)
    if match is None:
        return None
    try:
        return date.fromisoformat(match[1]).isoformat()
    except ValueError:
        return None


def ingest(store: Store, path: Path, fmt: str | None = None) -> IngestResult:
    """Parse ``path`` completely, then store it as a version (atomically, or not at all)."""
    parsed = parse_list(path, fmt)
    if parsed.published is None:
        parsed.published = date_from_name(path)
    return store_version(store, parsed)

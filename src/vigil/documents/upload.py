"""Scan a document given as bytes (the API's uploads): same reading rules as files.

The bytes are written to a private temporary file named like the upload, so that sniffing,
encoding detection, HTML and PDF extraction and their error messages are exactly those of
``vigil docs scan``; the scan then names the upload, not the temporary file.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import Final

from vigil.documents.document import DocumentScan, scan_file
from vigil.documents.matcher import DocumentMatcher

SUFFIXES: Final = (".txt", ".text", ".html", ".htm", ".pdf")


def safe_name(name: str) -> str:
    """The last path component of an upload's name (no directories), or ``upload.txt``."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    return base if base and base not in (".", "..") else "upload.txt"


def scan_bytes(
    data: bytes, name: str, matcher: DocumentMatcher, encoding: str | None = None
) -> DocumentScan:
    """Scan ``data`` as the document ``name`` (its suffix may say HTML); the finding's time
    is now. :class:`~vigil.documents.errors.UnreadableDocumentError` as for files."""
    named = safe_name(name)
    suffix = PurePath(named).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="vigil-doc-") as folder:
        path = Path(folder) / f"document{suffix if suffix in SUFFIXES else '.txt'}"
        path.write_bytes(data)
        scan = scan_file(path, matcher, encoding)
    info = replace(scan.info, path=named)
    return replace(scan, info=info, modified=datetime.now(UTC))

"""Resolve a raw id (``file_id << 32 | line_no``) to the line it cites.

Positions, identity values and findings' ``ais_raw`` evidence cite the line they were read
from. The line's text is in ``ais_raw`` when it was copied (live feeds, ``--keep-raw``
ingests); otherwise the cited file is read again, after checking that its SHA-256 is still
the one recorded when it was ingested, so a citation never silently points at another line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vigil.ais.errors import AisError
from vigil.ais.pipeline import LINE_ID_BITS, text
from vigil.ais.sources import read_chunks
from vigil.files import sha256_files
from vigil.store import Store


class CitationError(AisError):
    """A raw id cites no ingested line, or the cited file is gone or has changed."""


@dataclass(frozen=True, slots=True)
class Citation:
    """The cited line and where it is."""

    raw_id: int
    path: str
    line_no: int
    text: str
    copied: bool  # the text came from ais_raw, not from the file

    def as_dict(self) -> dict[str, object]:
        """JSON-ready fields."""
        return {
            "raw_id": self.raw_id,
            "path": self.path,
            "line_no": self.line_no,
            "text": self.text,
            "copied": self.copied,
        }


def split_raw_id(raw_id: int) -> tuple[int, int]:
    """(file_id, line_no) of a raw id."""
    return raw_id >> LINE_ID_BITS, raw_id & ((1 << LINE_ID_BITS) - 1)


def cite(store: Store, raw_id: int) -> Citation:
    """The line ``raw_id`` cites; raises :class:`CitationError` when it cannot be shown."""
    file_id, line_no = split_raw_id(raw_id)
    row = store.conn.execute(
        "SELECT path, sha256, format FROM ais_files WHERE file_id = ?", [file_id]
    ).fetchone()
    if row is None:
        raise CitationError(f"raw id {raw_id}: no ingested file with id {file_id}")
    path, sha, fmt = str(row[0]), str(row[1]), str(row[2])
    copied = store.conn.execute("SELECT raw FROM ais_raw WHERE raw_id = ?", [raw_id]).fetchone()
    if copied is not None:
        return Citation(raw_id, path, line_no, str(copied[0]), True)
    if fmt == "feed":
        raise CitationError(f"raw id {raw_id}: line {line_no} of feed {path} was not kept")
    return Citation(raw_id, path, line_no, _read_line(Path(path), sha, line_no), False)


def _read_line(path: Path, sha: str, line_no: int) -> str:
    if not path.is_file():
        raise CitationError(f"{path}: the cited file is no longer there")
    if sha256_files(path) != sha:
        raise CitationError(f"{path}: the file has changed since it was ingested")
    for first, lines in read_chunks(path):
        if first <= line_no < first + len(lines):
            return text(lines[line_no - first].rstrip(b"\r\n"))
    raise CitationError(f"{path}: has no line {line_no}")

"""Scan files: read, scan, and turn a document's mentions into one finding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from vigil.documents.errors import DocumentError, UnreadableDocumentError
from vigil.documents.matcher import DocumentMatcher
from vigil.documents.mention import Mention
from vigil.documents.read import DocumentInfo, open_document
from vigil.documents.scan import scan_chunks
from vigil.findings.model import Evidence, Finding, Subject

DETECTOR: Final = "documents.scan"
DETECTOR_VERSION: Final = "1"
# Schema of a mentioned entry -> the measure a document about it concerns (data).
SCHEMA_MEASURES: Final[dict[str, str]] = {"Vessel": "VESSEL_DESIG"}
DEFAULT_MEASURE: Final = "ASSET_FREEZE"


@dataclass(frozen=True)
class DocumentScan:
    """One scanned document: what was read, how much text, and its mentions."""

    info: DocumentInfo
    chars: int
    mentions: tuple[Mention, ...]
    modified: datetime  # the file's modification time: the finding's time
    algorithm: str  # the screening algorithm that scored the mentions

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "path": self.info.path,
            "sha256": self.info.sha256,
            "format": self.info.format,
            "encoding": self.info.encoding,
            "size_bytes": self.info.size_bytes,
            "chars": self.chars,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True)
class ScanFailure:
    """A document that could not be scanned, and why."""

    path: str
    message: str


def _counted(pieces: Iterable[str], tally: list[int]) -> Iterator[str]:
    """Pass pieces on, counting characters (``tally[0]``) and non-blank pieces (``tally[1]``)."""
    for piece in pieces:
        tally[0] += len(piece)
        tally[1] += bool(piece.strip())
        yield piece


def scan_file(path: Path, matcher: DocumentMatcher, encoding: str | None = None) -> DocumentScan:
    """Read and scan one file; :class:`UnreadableDocumentError` when it is not a document."""
    info, pieces = open_document(path, encoding)
    tally = [0, 0]
    mentions = tuple(scan_chunks(_counted(pieces, tally), matcher))
    if not tally[1]:
        raise UnreadableDocumentError(path, f"no text in this {info.format} file")
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return DocumentScan(info, tally[0], mentions, modified, matcher.algorithm.name)


def scan_paths(
    paths: Iterable[Path], matcher: DocumentMatcher, encoding: str | None = None
) -> list[DocumentScan | ScanFailure]:
    """Scan several files; one that cannot be read gives a :class:`ScanFailure`, not a stop."""
    results: list[DocumentScan | ScanFailure] = []
    for path in paths:
        try:
            results.append(scan_file(path, matcher, encoding))
        except DocumentError as exc:
            results.append(ScanFailure(str(path), str(exc)))
        except OSError as exc:
            results.append(ScanFailure(str(path), f"{path}: {exc.strerror or exc}"))
    return results


def document_finding(scan: DocumentScan) -> Finding | None:
    """One ``document_mention`` finding listing every mention as evidence (None if none)."""
    if not scan.mentions:
        return None
    entities: dict[str, Mention] = {}
    for mention in scan.mentions:
        best = entities.get(mention.entity_id)
        if best is None or mention.score > best.score:
            entities[mention.entity_id] = mention
    measures = Counter(SCHEMA_MEASURES.get(m.schema, DEFAULT_MEASURE) for m in entities.values())
    measure = max(sorted(measures), key=lambda k: measures[k])
    names = ", ".join(sorted(m.caption for m in entities.values()))
    return Finding(
        kind="document_mention",
        start=scan.modified,
        end=scan.modified,
        subjects=tuple(
            Subject(kind="entity", role="mentioned", entity_id=m.entity_id, name=m.caption)
            for m in sorted(entities.values(), key=lambda m: m.entity_id)
        ),
        evidence=tuple(_evidence(scan, m) for m in scan.mentions),
        confidence=round(max(m.score for m in entities.values()), 4),
        reasons=tuple(f"{m.kind} {m.text!r}: {m.explanation}" for m in scan.mentions),
        detector=DETECTOR,
        detector_version=DETECTOR_VERSION,
        parameters={"algorithm": scan.algorithm, "sha256": scan.info.sha256},
        measure_id=measure,
        summary=f"{Path(scan.info.path).name} mentions {len(entities)} listed: {names}",
    )


def _evidence(scan: DocumentScan, mention: Mention) -> Evidence:
    detail = {
        "entity_id": mention.entity_id,
        "kind": mention.kind,
        "text": mention.text,
        "snippet": mention.snippet,
        "score": round(mention.score, 4),
        "explanation": mention.explanation,
        "path": scan.info.path,
    }
    return Evidence("document", f"{scan.info.sha256}:{mention.start}-{mention.end}", detail)

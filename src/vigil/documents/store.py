"""Store scanned documents, their mentions and their findings (idempotent per document)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from vigil.documents.document import DocumentScan, document_finding
from vigil.findings.store import save_findings
from vigil.store import Store


def save_scan(store: Store, scan: DocumentScan) -> str | None:
    """Store one scan (replacing an earlier scan of the same content) and its finding; the
    finding's id, or None when the document mentions nothing."""
    finding = document_finding(scan)
    if finding is not None:
        save_findings(store, [finding])
    finding_id = finding.id if finding else None
    with store.transaction() as conn:
        conn.execute("DELETE FROM document_mentions WHERE sha256 = ?", [scan.info.sha256])
        conn.execute("DELETE FROM documents WHERE sha256 = ?", [scan.info.sha256])
        conn.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [scan.info.sha256, scan.info.path, scan.info.format, scan.info.encoding,
             scan.info.size_bytes, scan.chars, scan.algorithm, finding_id, datetime.now(UTC)],
        )  # fmt: skip
        rows = [
            [scan.info.sha256, m.entity_id, m.kind, m.start, m.end, m.text, m.score, m.explanation]
            for m in scan.mentions
        ]
        if rows:
            conn.executemany("INSERT INTO document_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return finding_id


def document_mentions(store: Store, sha256: str) -> list[dict[str, Any]]:
    """The stored mentions of one document, in text order."""
    rows = store.conn.execute(
        "SELECT entity_id, kind, start_char, end_char, text, score, explanation"
        " FROM document_mentions WHERE sha256 = ? ORDER BY start_char, entity_id",
        [sha256],
    ).fetchall()
    keys = ("entity_id", "kind", "start", "end", "text", "score", "explanation")
    return [dict(zip(keys, row, strict=True)) for row in rows]

"""Document monitoring: designated people, companies, ships and identifiers in any text.

>>> matcher = DocumentMatcher.from_entities(entities)   # or DocumentMatcher.from_store(store)
>>> scan_text(text, matcher)                             # -> list[Mention]
>>> scan_file(path, matcher)                             # -> DocumentScan (text, HTML, PDF)
"""

from vigil.documents.document import DocumentScan, document_finding, scan_file, scan_paths
from vigil.documents.matcher import DocumentMatcher
from vigil.documents.mention import Mention
from vigil.documents.scan import scan_text

__all__ = [
    "DocumentMatcher",
    "DocumentScan",
    "Mention",
    "document_finding",
    "scan_file",
    "scan_paths",
    "scan_text",
]

"""Read documents as text: plain text (any encoding), HTML and PDF (text layer).

Plain text is streamed in pieces of ``READ_BYTES`` through an incremental decoder, so a huge
file never sits in memory whole. HTML and PDF must be parsed whole and are refused above
``MAX_MARKUP_BYTES``. Binary files, empty files and text whose encoding cannot be told are
refused with a message naming the file.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from charset_normalizer import from_bytes

from vigil.documents.errors import UnreadableDocumentError
from vigil.files import sha256_files

READ_BYTES: Final = 1 << 20
SNIFF_BYTES: Final = 64 * 1024
MAX_MARKUP_BYTES: Final = 64 << 20  # HTML and PDF are parsed whole: refuse larger ones
BINARY_CONTROL_SHARE: Final = 0.10  # more control characters than this: not text
PDF_MAGIC: Final = b"%PDF-"
HTML_MARKERS: Final = (b"<!doctype html", b"<html", b"<head", b"<body")
BOMS: Final = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
               (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip


@dataclass(frozen=True)
class DocumentInfo:
    """What was read: the file, its SHA-256, size, format and the encoding used."""

    path: str
    sha256: str
    size_bytes: int
    format: str  # text | html | pdf
    encoding: str | None


def sniff(path: Path) -> tuple[str, bytes]:
    """The format of a file from its first bytes, and those bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise UnreadableDocumentError(path, f"cannot read: {exc.strerror}") from exc
    if not head:
        raise UnreadableDocumentError(path, "the file is empty")
    if head.startswith(PDF_MAGIC):
        return "pdf", head
    lowered = head[:2048].lstrip().lower()
    if path.suffix.lower() in (".html", ".htm") or lowered.startswith(HTML_MARKERS):
        return "html", head
    return "text", head


def detect_encoding(path: Path, head: bytes) -> str:
    """The encoding of a text file, from its byte-order mark, UTF-8, or charset detection."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name
    if b"\x00" in head:
        raise UnreadableDocumentError(path, "binary file (NUL bytes), not text")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut at the end of the sample
            return "utf-8"
    best = from_bytes(head).best()
    if best is None:
        raise UnreadableDocumentError(path, "cannot tell the text encoding; not a text file?")
    return str(best.encoding)


def _check_text(path: Path, text: str) -> None:
    if not text:
        return
    controls = sum(1 for c in text if c < " " and c not in "\n\r\t\f")
    if controls / len(text) > BINARY_CONTROL_SHARE:
        raise UnreadableDocumentError(path, "binary file (control characters), not text")


def text_pieces(path: Path, encoding: str) -> Iterator[str]:
    """The decoded text of a file, piece by piece (bad bytes become U+FFFD)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with path.open("rb") as handle:
        first = True
        while block := handle.read(READ_BYTES):
            piece = decoder.decode(block)
            if first:
                _check_text(path, piece[:SNIFF_BYTES])
                first = False
            yield piece
        yield decoder.decode(b"", final=True)


def _whole(path: Path, kind: str) -> bytes:
    size = path.stat().st_size
    if size > MAX_MARKUP_BYTES:
        raise UnreadableDocumentError(
            path, f"{kind} file of {size} bytes is over the {MAX_MARKUP_BYTES}-byte limit"
        )
    return path.read_bytes()


def html_text(path: Path) -> str:
    """The visible text of an HTML file (scripts, styles and comments removed)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(_whole(path, "HTML"))
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocumentError(path, f"cannot parse HTML: {exc}") from exc
    for element in root.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    etree.strip_elements(root, etree.Comment, with_tail=False)
    return "\n".join(" ".join(line.split()) for line in root.text_content().splitlines())


def pdf_pages(path: Path) -> Iterator[str]:
    """The text layer of a PDF, page by page (a scanned PDF without one gives nothing)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        for page in reader.pages:
            yield (page.extract_text() or "") + "\n"
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UnreadableDocumentError(path, f"cannot read PDF: {exc}") from exc


def open_document(path: Path, encoding: str | None = None) -> tuple[DocumentInfo, Iterator[str]]:
    """A document's description and its text as pieces."""
    kind, head = sniff(path)
    info_encoding: str | None = None
    if kind == "pdf":
        _whole(path, "PDF")
        pieces = pdf_pages(path)
    elif kind == "html":
        pieces = iter([html_text(path)])
    else:
        info_encoding = encoding or detect_encoding(path, head)
        pieces = text_pieces(path, info_encoding)
    info = DocumentInfo(str(path), sha256_files(path), path.stat().st_size, kind, info_encoding)
    return info, pieces

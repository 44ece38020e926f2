"""Reading documents: formats, encodings and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.documents import read
from vigil.documents.document import ScanFailure, scan_file, scan_paths
from vigil.documents.errors import UnreadableDocumentError
from vigil.documents.matcher import DocumentMatcher

SENTENCE = "Die Sprecherin Maria Zakharova sagte, Präsident Wladimir Putin habe zugestimmt."


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer is ``text`` (ASCII), with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("utf8.txt", SENTENCE.encode("utf-8")),
        ("bom.txt", SENTENCE.encode("utf-8-sig")),
        ("utf16.txt", SENTENCE.encode("utf-16")),
        ("latin1.txt", (SENTENCE + " Gegenüber größeren Mächten äußerte sie sich.").encode("latin-1")),
        ("page.html", f"<html><head><script>var Kim = 'Kim Jong Un';</script><style>p{{}}</style>"
                      f"</head><body><p>{SENTENCE}</p></body></html>".encode()),
        ("doc.pdf", minimal_pdf("Maria Zakharova and Wladimir Putin met.")),
    ],
)  # fmt: skip
def test_formats_and_encodings(
    tmp_path: Path, small_matcher: DocumentMatcher, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    scan = scan_file(path, small_matcher)
    assert {m.entity_id for m in scan.mentions} == {"ofac-37509", "ofac-35096"}
    assert scan.info.size_bytes == len(content)


def test_html_scripts_are_not_text(tmp_path: Path, small_matcher: DocumentMatcher) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body><script>Kim Jong Un</script><p>Nothing.</p></body></html>")
    assert scan_file(path, small_matcher).mentions == ()


def test_cyrillic_in_windows_1251(tmp_path: Path, small_matcher: DocumentMatcher) -> None:
    path = tmp_path / "ru.txt"
    text = "Президент Владимир Путин заявил, что переговоры продолжатся. " * 5
    path.write_bytes(text.encode("cp1251"))
    scan = scan_file(path, small_matcher)
    assert scan.info.encoding is not None and scan.info.encoding.replace("_", "") != "utf8"
    assert {m.entity_id for m in scan.mentions} == {"ofac-35096"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"  \n\n ", "no text in this text file"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
        ("controls.bin", bytes(range(1, 9)) * 100, "binary file"),
        ("broken.pdf", b"%PDF-1.4\nthis is not a pdf", "cannot read PDF"),
    ],
)
def test_bad_input_gets_a_clear_message(
    tmp_path: Path, small_matcher: DocumentMatcher, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocumentError, match=message) as info:
        scan_file(path, small_matcher)
    assert str(path) in str(info.value)


def test_markup_size_limit(
    tmp_path: Path, small_matcher: DocumentMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read, "MAX_MARKUP_BYTES", 100)
    path = tmp_path / "big.html"
    path.write_text("<html><body>" + "x " * 100 + "</body></html>")
    with pytest.raises(UnreadableDocumentError, match="over the 100-byte limit"):
        scan_file(path, small_matcher)


def test_large_text_is_streamed(
    tmp_path: Path, small_matcher: DocumentMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces of 4 KB: offsets still point into the whole text, nothing found twice."""
    monkeypatch.setattr(read, "READ_BYTES", 4096)
    text = ("Ein langer Bericht ohne Namen. " * 300 + SENTENCE + "\n") * 20
    path = tmp_path / "long.txt"
    path.write_text(text, "utf-8")
    scan = scan_file(path, small_matcher)
    names = [m for m in scan.mentions if m.kind == "name"]
    assert len(names) == 40
    assert all(text[m.start : m.end] == m.text for m in scan.mentions)


def test_missing_and_bad_files_do_not_stop_a_batch(
    tmp_path: Path, small_matcher: DocumentMatcher
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = scan_paths([tmp_path / "missing.txt", empty, good], small_matcher)
    assert [type(r).__name__ for r in results] == ["ScanFailure", "ScanFailure", "DocumentScan"]
    assert isinstance(results[0], ScanFailure) and "missing.txt" in results[0].message

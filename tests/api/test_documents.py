"""``/documents``: scan a posted text or file against the seeded register (UN 1718 vessels)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import MakeClient, bearer
from vigil.api.routers import documents
from vigil.documents.cache import cache_path
from vigil.settings import Settings
from vigil.store import Store

TEXT = "The tanker Rye Song Gang 1 (IMO 7389704) loaded coal; Kum Un San 3 followed."
HTML = b"<html><body><p>Seen: <b>CHON MYONG 1</b>, IMO 8712362.</p><script>x</script></body>"


def _mentions(body: dict[str, object]) -> list[tuple[str, str]]:
    return [(m["kind"], m["text"]) for m in body["mentions"]]  # type: ignore[attr-defined]


def test_text_gives_mentions_and_finding(client: TestClient) -> None:
    response = client.post("/documents", json={"text": TEXT, "name": "note.txt"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert _mentions(body) == [("name", "Rye Song Gang 1"), ("identifier", "7389704"),
                               ("name", "Kum Un San 3")]  # fmt: skip
    assert body["path"] == "note.txt" and body["format"] == "text" and body["chars"] == len(TEXT)
    assert body["finding"]["kind"] == "document_mention"
    assert body["finding"]["measure_id"] == "VESSEL_DESIG"
    assert body["finding_id"] is None
    first = body["mentions"][0]
    assert TEXT[first["start"] : first["end"]] == first["text"] and first["explanation"]


def test_same_content_as_the_cli(client: TestClient, api_settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from vigil.documents.document import scan_file
    from vigil.documents.matcher import DocumentMatcher

    path = tmp_path / "note.txt"
    path.write_text(TEXT, "utf-8")
    with Store.open(api_settings) as store:
        expected = scan_file(path, DocumentMatcher.from_store(store)).to_dict()
    body = client.post("/documents", json={"text": TEXT, "name": "note.txt"}).json()
    assert body["mentions"] == expected["mentions"] and body["sha256"] == expected["sha256"]


@pytest.mark.parametrize(
    ("name", "data", "status", "expected"),
    [("ship.html", HTML, 200, [("name", "CHON MYONG 1"), ("identifier", "8712362")]),
     ("note.txt", TEXT.encode("utf-16"), 200, [("name", "Rye Song Gang 1"),
                                               ("identifier", "7389704"), ("name", "Kum Un San 3")]),
     ("blob.bin", bytes(range(256)) * 8, 422, "binary"),
     ("empty.txt", b"", 422, "empty"),
     ("scan.pdf", b"%PDF-1.4 broken", 422, "PDF")],
)  # fmt: skip
def test_file_uploads(
    client: TestClient, name: str, data: bytes, status: int, expected: object
) -> None:
    response = client.post("/documents/file", params={"name": name}, content=data)
    assert response.status_code == status, response.text
    if status == 200:
        assert _mentions(response.json()) == expected
    else:
        message = response.json()["detail"][0]["msg"]
        assert str(expected) in message and name in message and "vigil-doc-" not in message


@pytest.mark.parametrize(
    ("body", "status"),
    [({}, 422), ({"text": ""}, 422), ({"text": "x", "other": 1}, 422), ({"text": 5}, 422),
     ({"text": "x", "name": "n" * 300}, 422)],
)  # fmt: skip
def test_bad_input(client: TestClient, body: dict[str, object], status: int) -> None:
    response = client.post("/documents", json=body)
    assert response.status_code == status and response.json()["detail"]


def test_size_limits(make_client: MakeClient, monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client(max_body_bytes=4096)
    big = client.post("/documents/file", params={"name": "a.txt"}, content=b"Kim " * 2000)
    assert big.status_code == 413 and "4096" in big.json()["detail"]
    monkeypatch.setattr(documents, "MAX_TEXT_CHARS", 100)
    long = make_client().post("/documents", json={"text": "word " * 50})
    assert long.status_code == 413 and "100-character limit" in long.json()["detail"]


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), ("bogus", 401), ("reader", 403), ("analyst", 200), ("admin", 200)],
)
def test_saving_needs_a_writing_role(
    client: TestClient, tokens: dict[str, str], api_store: Store, role: str | None, status: int
) -> None:
    headers = bearer(tokens.get(role or "", "vgl_nope_nope")) if role else {}
    response = client.post("/documents", json={"text": TEXT, "save": True}, headers=headers)
    assert response.status_code == status, response.text
    stored = api_store.conn.execute("SELECT count(*) FROM documents").fetchone()
    assert stored == ((1,) if status == 200 else (0,))
    if status == 200:
        finding = client.get(f"/findings/{response.json()['finding_id']}")
        assert finding.status_code == 200 and finding.json()["kind"] == "document_mention"


def test_matcher_is_cached_on_disk(client: TestClient, api_settings: Settings) -> None:
    assert client.post("/documents", json={"text": TEXT}).status_code == 200
    with Store.open(api_settings) as store:
        assert cache_path(api_settings, store).exists()

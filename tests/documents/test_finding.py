"""One finding per document, stored with its mentions; the ``vigil docs scan`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from vigil.documents.document import document_finding, scan_file
from vigil.documents.matcher import DocumentMatcher
from vigil.documents.store import document_mentions, save_scan
from vigil.findings.store import get_finding
from vigil.register.ingest import ingest
from vigil.settings import Settings
from vigil.store import Store

from .conftest import SHARED_DATA

TEXT = "Die Sprecherin Maria Zakharova sagte, Zakharova habe den Tanker IMO 8660313 gesehen."


@pytest.fixture
def scanned(tmp_path: Path, small_matcher: DocumentMatcher) -> Path:
    path = tmp_path / "bericht.txt"
    path.write_text(TEXT, "utf-8")
    return path


def test_one_finding_lists_every_mention(scanned: Path, small_matcher: DocumentMatcher) -> None:
    scan = scan_file(scanned, small_matcher)
    finding = document_finding(scan)
    assert finding is not None
    assert finding.kind == "document_mention"
    assert finding.measure_id == "ASSET_FREEZE"
    assert [e.ref.split(":")[1] for e in finding.evidence] == ["15-30", "38-47", "68-75"]
    assert all(
        e.kind == "document" and e.ref.startswith(scan.info.sha256) for e in finding.evidence
    )
    assert {s.entity_id for s in finding.subjects} == {"ofac-37509", "un-vessel-1"}
    assert finding.evidence[0].detail["snippet"] == TEXT
    assert finding.id == document_finding(scan_file(scanned, small_matcher)).id  # type: ignore[union-attr]


def test_vessel_only_documents_concern_vessel_designation(
    tmp_path: Path, small_matcher: DocumentMatcher
) -> None:
    path = tmp_path / "ship.txt"
    path.write_text("The tanker Chon Ma San (IMO 8660313) loaded oil.")
    finding = document_finding(scan_file(path, small_matcher))
    assert finding is not None and finding.measure_id == "VESSEL_DESIG"


def test_no_mentions_no_finding(tmp_path: Path, small_matcher: DocumentMatcher) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Nothing about anyone listed.")
    assert document_finding(scan_file(path, small_matcher)) is None


def test_store_is_idempotent(store: Store, scanned: Path, small_matcher: DocumentMatcher) -> None:
    scan = scan_file(scanned, small_matcher)
    first = save_scan(store, scan)
    second = save_scan(store, scan)
    assert first is not None and first == second
    assert get_finding(store, first)["kind"] == "document_mention"
    stored = document_mentions(store, scan.info.sha256)
    assert [(m["kind"], m["text"]) for m in stored] == [
        ("name", "Maria Zakharova"),
        ("reference", "Zakharova"),
        ("identifier", "8660313"),
    ]
    count = store.conn.execute("SELECT count(*) FROM documents").fetchone()
    assert count == (1,)


def test_cli_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Against the real UN list: ``RI JE-SON`` is KPi.002."""
    home = tmp_path / "home"
    monkeypatch.setenv("VIGIL_HOME", str(home))
    monkeypatch.setenv("VIGIL_PROGRESS", "never")
    with Store.open(Settings(home=home)) as store:
        ingest(store, SHARED_DATA / "sanctions" / "un_consolidated_2026-02-27.xml")
    doc = tmp_path / "report.txt"
    doc.write_text("The Panel says that Ri Je Son met the envoy.")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    outcome = run_cli(capsys, "docs", "scan", str(doc), str(empty), "--json")
    assert outcome.code == 3
    data = json.loads(outcome.stdout)
    (document,) = data["documents"]
    assert [m["text"] for m in document["mentions"]] == ["Ri Je Son"]
    assert "the file is empty" in data["failures"][0]["message"]
    listed = run_cli(capsys, "findings", "list", "--kind", "document_mention", "--json")
    assert "Ri Je Son" in listed.stdout or "RI JE-SON" in listed.stdout


def test_cli_needs_a_register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path / "home"))
    doc = tmp_path / "report.txt"
    doc.write_text("text")
    outcome = run_cli(capsys, "docs", "scan", str(doc))
    assert outcome.code != 0
    assert "register" in outcome.stderr and "empty" in outcome.stderr

"""Versions: identical content adds nothing, an ingest commits whole or not at all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tests.data import ROOT, UN_XML

from vigil.register.errors import ListFormatError
from vigil.register.ingest import detect_format, ingest
from vigil.register.versions import current_versions, list_versions
from vigil.settings import Settings
from vigil.store import Store

TABLES = ("register_versions", "register_statements", "register_records", "register_entities")


def snapshot(store: Store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


def test_reingest_identical_content_creates_nothing(store: Store, tmp_path: Path) -> None:
    first = ingest(store, UN_XML)
    before = snapshot(store)
    copy = tmp_path / "same-content.xml"
    copy.write_bytes(UN_XML.read_bytes())
    second = ingest(store, copy)
    assert first.created and not second.created
    assert second.version.version_id == first.version.version_id
    assert snapshot(store) == before
    assert before["register_versions"] == 1
    assert first.version.published == "2026-02-27"
    assert first.version.record_count == 1003


def test_changed_content_is_a_new_version(store: Store, tmp_path: Path) -> None:
    ingest(store, UN_XML)
    edited = tmp_path / "edited.xml"
    edited.write_text(UN_XML.read_text().replace("Yun Ho-chin", "Yun Ho-chinn"))
    result = ingest(store, edited)
    assert result.created
    assert [v.version_id for v in list_versions(store, "un")] == [1, 2]
    assert current_versions(store)["un"].version_id == 2


def test_failed_ingest_leaves_store_untouched(store: Store, tmp_path: Path) -> None:
    ingest(store, UN_XML)
    before = snapshot(store)
    broken = tmp_path / "broken.xml"
    broken.write_bytes(UN_XML.read_bytes()[:-500])
    with pytest.raises(ListFormatError):
        ingest(store, broken)
    assert snapshot(store) == before


class FailingConnection:
    """Wraps a DuckDB connection; raises once the last INSERT of an ingest has run."""

    def __init__(self, conn: object) -> None:
        self.conn = conn

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)

    def execute(self, sql: str, *args: object) -> object:
        result = self.conn.execute(sql, *args)  # type: ignore[attr-defined]
        if sql.startswith("INSERT INTO register_entities"):
            raise RuntimeError("disk full")
        return result


def test_error_inside_the_transaction_rolls_back(store: Store) -> None:
    real = store.conn
    store.conn = FailingConnection(real)  # type: ignore[assignment]
    with pytest.raises(RuntimeError, match="disk full"):
        ingest(store, UN_XML)
    store.conn = real
    # Every INSERT ran, then the failure came before COMMIT: nothing may remain.
    assert snapshot(store) == dict.fromkeys(TABLES, 0)


KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from vigil.settings import Settings
    from vigil.store import Store
    import vigil.register.versions as versions
    from vigil.register.ingest import ingest

    store = Store.open(Settings(home=Path(sys.argv[1])))
    class Killer:
        def __getattr__(self, name):
            return getattr(store.conn_real, name)
        def execute(self, sql, *args):
            result = store.conn_real.execute(sql, *args)
            if sql.startswith("INSERT INTO register_entities"):
                print("killing", flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
            return result
    store.conn_real = store.conn
    store.conn = Killer()
    ingest(store, Path(sys.argv[2]))
    """
)


def test_process_killed_mid_ingest_leaves_store_as_it_was(settings: Settings) -> None:
    with Store.open(settings) as store:
        store.conn.execute("CHECKPOINT")
    proc = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(settings.home), str(UN_XML)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert "killing" in proc.stdout
    with Store.open(settings) as store:
        assert snapshot(store) == dict.fromkeys(TABLES, 0)
        # and the store still works afterwards
        assert ingest(store, UN_XML).created


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("un.xml", '<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="x">', "un-xml"),
    ],
)
def test_detect_format(tmp_path: Path, name: str, content: str, fmt: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    assert detect_format(path) == fmt


@pytest.mark.parametrize(("name", "content"), [("empty.xml", ""), ("junk.bin", "\x00\x01garbage")])
def test_detect_format_refuses(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ListFormatError) as info:
        detect_format(path)
    assert name in str(info.value)


@pytest.mark.parametrize(
    ("name", "published"),
    [
        ("ofac_sdn_2024-05-03.csv", "2024-05-03"),
        ("sdn.csv", None),
        ("sdn_2024-13-45.csv", None),
        ("list_20240503.csv", None),
    ],
)
def test_publication_date_from_file_name(name: str, published: str | None) -> None:
    from vigil.register.ingest import date_from_name

    assert date_from_name(Path(name)) == published


def test_cli_constants_agree_with_the_model() -> None:
    from vigil.register import cli, export, model

    assert set(cli.LISTS) == set(model.LISTS)
    assert set(cli.FORMATS) == set(model.FORMATS)
    assert set(cli.EXPORT_FORMATS) == set(export.EXPORT_FORMATS)

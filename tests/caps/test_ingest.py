"""Ingesting notification tables: row-level errors, duplicates, overlaps, atomicity, idempotence."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.caps.conftest import FIXTURES, PUBLIC

from vigil.caps import ingest as ingest_module
from vigil.caps.ingest import ingest_notifications
from vigil.store import Store

BAD = FIXTURES / "caps" / "notifications_bad.csv"


def _counts(store: Store) -> tuple[int, ...]:
    return tuple(
        store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
        for table in ("caps_files", "caps_notifications", "caps_quarantine")
    )


@pytest.mark.parametrize(
    ("line", "reason", "detail"),
    [
        (4, "invalid", "unknown unit 'gallons'"),
        (5, "invalid", "unknown product 'condensate'"),
        (6, "invalid", "unknown supplier state 'Atlantis'"),
        (7, "invalid", "2021-13"),
        (8, "invalid", "quantity must be a finite number >= 0"),
        (9, "invalid", "no source"),
        (10, "duplicate", ":2"),
        (11, "overlap", ":2"),
    ],
)
def test_bad_rows_are_quarantined_with_line_and_reason(
    store: Store, line: int, reason: str, detail: str
) -> None:
    result = ingest_notifications(store, BAD)
    problem = next(p for p in result.problems if p["line"] == line)
    assert problem["reason"] == reason
    assert detail in problem["detail"]
    raw = store.conn.execute("SELECT raw FROM caps_quarantine WHERE line_no = ?", [line]).fetchone()
    assert raw is not None and "2021" in raw[0]


def test_good_rows_of_a_bad_file_are_kept(store: Store) -> None:
    result = ingest_notifications(store, BAD)
    assert (result.rows_read, result.rows_kept) == (11, 3)
    assert result.quarantined == {"invalid": 6, "duplicate": 1, "overlap": 1}
    rows = store.conn.execute(
        "SELECT line_no, product, cap, round(quantity_bbl, 1), round(quantity_t, 1)"
        " FROM caps_notifications ORDER BY line_no"
    ).fetchall()
    assert rows == [
        (2, "refined_petroleum", "refined", 11745.3, 1410.0),
        (3, "diesel_gasoil", "refined", 7450.0, 1000.0),
        (12, "crude_oil", "crude", 7620.0, 1000.0),
    ]


def test_same_file_twice_adds_nothing(store: Store) -> None:
    first = ingest_notifications(store, PUBLIC)
    before = _counts(store)
    again = ingest_notifications(store, PUBLIC)
    assert (first.already_ingested, again.already_ingested) == (False, True)
    assert again.file_id == first.file_id
    assert _counts(store) == before == (1, 10, 0)


def test_copy_with_another_hash_is_all_duplicates(store: Store, tmp_path: Path) -> None:
    ingest_notifications(store, PUBLIC)
    before = store.conn.execute("SELECT sum(quantity_bbl) FROM caps_notifications").fetchone()
    copy = tmp_path / "copy.csv"
    shutil.copy(PUBLIC, copy)
    with copy.open("a", encoding="utf-8") as handle:
        handle.write("\n")
    result = ingest_notifications(store, copy)
    assert result.rows_kept == 0
    assert result.quarantined == {"duplicate": 10}
    total = store.conn.execute("SELECT sum(quantity_bbl) FROM caps_notifications").fetchone()
    assert total == before
    assert before is not None and before[0] == pytest.approx(991006.17)


def test_ingest_is_atomic(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real = ingest_module._notification_row

    def failing(*args: Any) -> list[Any]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(*args)

    monkeypatch.setattr(ingest_module, "_notification_row", failing)
    with pytest.raises(RuntimeError):
        ingest_notifications(store, PUBLIC)
    assert _counts(store) == (0, 0, 0)
    monkeypatch.setattr(ingest_module, "_notification_row", real)
    assert ingest_notifications(store, PUBLIC).rows_kept == 10


def test_joint_total_overlaps_single_supplier_rows(store: Store, tmp_path: Path) -> None:
    from tests.caps.conftest import write_notifications

    path = write_notifications(tmp_path / "n.csv", [
        ("2020-01..2020-05", "China+Russian Federation", "refined", "106094.17", "bbl", "s"),
        ("2020-03", "Russian Federation", "refined", "100", "bbl", "s"),
        ("2020-03", "Russian Federation", "crude oil", "100", "bbl", "s"),
    ])  # fmt: skip
    result = ingest_notifications(store, path)
    assert [p["line"] for p in result.problems] == [3]
    assert result.rows_kept == 2  # crude is another cap: no overlap

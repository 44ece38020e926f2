"""Work screening does once and reuses: repeated batch rows, entry forms, rewritten forms."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from vigil.screening import batch
from vigil.screening.api import Screener
from vigil.screening.batch import screen_file
from vigil.screening.errors import ScreeningError
from vigil.screening.models import Query
from vigil.screening.rewrite import _rewrite, rewrite_form
from vigil.screening.variants import name_forms


def _write(path: Path, names: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "schema"])
        writer.writerows([n, "Person"] for n in names)


@pytest.mark.parametrize(
    ("names", "workers", "distinct", "bad_lines"),
    [
        (["Ri Je Son", "Ri Je Son", "RI JE SON", "", ""], 1, 3, [5, 6]),
        (["Ri Je Son", "Pak To Chun", "Ri Je Son"], 1, 2, []),
        ([f"Kim Jong Sik {i % 70}" for i in range(140)], 2, 70, []),
    ],
)
def test_batch_screens_each_question_once(
    screener: Screener,
    tmp_path: Path,
    names: list[str],
    workers: int,
    distinct: int,
    bad_lines: list[int],
) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    _write(src, names)
    report = screen_file(screener, src, out, workers=workers)
    assert (report.rows, report.distinct) == (len(names), distinct)
    assert [line for line, _ in report.bad_rows] == bad_lines
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["name"] for r in rows] == names  # every row written, in input order
    for row in rows:  # a repeated row gets the answer screening it alone would give
        if row["error"]:
            continue
        best = screener.screen(Query(row["name"], "Person"), limit=1)[0]
        assert (row["match_id"], row["match_score"]) == (best.entity_id, f"{best.score:.4f}")
        assert row["explanation"] == best.explain()


@pytest.mark.parametrize(
    ("query", "max_entries", "warmed"),
    [(Query("Ri Je Son", "Person"), 100, True), (Query("KOMID", "any"), 0, False)],
)
def test_warm_prepares_entry_forms_without_changing_results(
    screener: Screener, query: Query, max_entries: int, warmed: bool
) -> None:
    before = [r.to_dict() for r in screener.screen(query)]
    names = sum(len(r.names) for r in screener.index.records)
    assert screener.warm(max_entries) == (names if warmed else 0)
    assert [r.to_dict() for r in screener.screen(query)] == before


@pytest.mark.parametrize(
    ("name", "rewritten"),
    [("A.B.C. Company", "abc co"), ("Brigade Forty-Four", "brigade 44"), ("Ocean Star", None)],
)
def test_rewrite_cache_gives_the_rewrite(name: str, rewritten: str | None) -> None:
    form = name_forms(name, "org")[0]
    twin = name_forms(name, "org")[0]  # an equal form, another object
    assert twin is not form and twin == form
    for f in (form, twin, form):
        out = rewrite_form(f, person=False)
        assert out == _rewrite(f)
        assert " ".join(t.text for t in out.tokens) == (rewritten or " ".join(
            t.text for t in f.tokens))  # fmt: skip
        assert (out is f) == (rewritten is None)
    assert rewrite_form(form, person=True) is form


@pytest.mark.parametrize("workers", [2, 3])
def test_parallel_batch_writes_what_one_process_writes(
    screener: Screener, tmp_path: Path, workers: int
) -> None:
    # more rows than a few chunks, bad rows among them (an empty name on line 2 and others)
    names = [f"Ri Je Son {i}" if i % 37 else "" for i in range(600)]
    src = tmp_path / "in.csv"
    _write(src, names)
    one, many = tmp_path / "one.csv", tmp_path / "many.csv"
    single = screen_file(screener, src, one, workers=1)
    parallel = screen_file(screener, src, many, workers=workers)
    assert many.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")
    assert parallel.bad_rows == single.bad_rows and len(single.bad_rows) == 17
    assert (parallel.screened, parallel.matched) == (single.screened, single.matched)


def test_a_failing_batch_worker_is_an_error_not_a_hang(
    screener: Screener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()

    def work(task: tuple[int, dict[str, str], float | None]) -> tuple[int, dict[str, str] | str]:
        if os.getpid() != parent:
            raise RuntimeError("worker bug")
        return batch._WORK(task)

    src = tmp_path / "in.csv"
    _write(src, [f"Pak To Chun {i}" for i in range(1000)])  # chunks for the worker to take
    monkeypatch.setattr(batch, "_WORK", batch._work, raising=False)
    monkeypatch.setattr(batch, "_work", work)
    with pytest.raises(ScreeningError, match="worker bug"):
        screen_file(screener, src, tmp_path / "out.csv", workers=2)

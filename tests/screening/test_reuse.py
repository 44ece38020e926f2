"""Work screening does once and reuses: repeated batch rows, entry forms, rewritten forms."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from vigil.screening.api import Screener
from vigil.screening.batch import screen_file
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

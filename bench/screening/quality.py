"""Quality figures: labelled pairs (vs logic-v2), leave-one-alias-out, Korean variants."""

from __future__ import annotations

import csv
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vigil.screening.algorithms import get_algorithm
from vigil.screening.api import Screener
from vigil.screening.errors import QueryError
from vigil.screening.models import Query, prepare
from vigil.screening.records import Record
from vigil.screening.structure import load_tables
from vigil.screening.variants import name_forms

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
CASES = SHARED / "screening" / "name_bench_cases.csv"
LOGICV2 = SHARED / "screening" / "name_bench_logicv2_scores.csv"
VARIANTS = Path(__file__).resolve().parents[2] / "src/vigil/screening/data/dprk_korean_variants.csv"
KIND = {"Person": "person", "Company": "org", "Organization": "org", "LegalEntity": "any",
        "Vessel": "vessel"}  # fmt: skip
# Well-known Koreans who are not on the UN list (checked against it by the benchmark).
NOT_LISTED = ("Kim Jong Un", "Kim Chong Un", "Kim Jong-un", "Kim Yo Jong", "Ri Sol Ju",
              "Kim Il Sung", "Kim Jong Il", "Moon Jae-in", "Yoon Suk-yeol", "Lee Jae-myung",
              "Park Geun-hye", "Ban Ki-moon", "Lee Myung-bak", "Roh Moo-hyun", "Kim Dae-jung",
              "Son Heung-min", "Kim Yuna", "Choe Son Hui", "Hyon Song Wol", "Kim Tok Hun",
              "Pak Pong Ju", "Jang Song Thaek", "김정은", "Ким Чен Ын")  # fmt: skip


@dataclass
class PRF:
    """Counts and precision, recall, F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        """Count one decision."""
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    def figures(self) -> tuple[float, float, float]:
        """(precision, recall, F1)."""
        p = self.tp / max(self.tp + self.fp, 1)
        r = self.tp / max(self.tp + self.fn, 1)
        return p, r, 2 * p * r / max(p + r, 1e-9)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def score_pairs(rows: Sequence[dict[str, str]], algorithm: str) -> tuple[list[float], float]:
    """An algorithm's score of every pair (name1 as the query, name2 as the entry) and the
    mean milliseconds per pair (after one untimed pair; caches otherwise cold)."""
    algo = get_algorithm(algorithm)
    load_tables()  # vigil-v3's country names, loaded once per process: not a per-pair cost
    if rows:  # the first call loads transliteration tables: not a per-pair cost
        first = rows[0]
        algo.score(prepare(Query(first["name1"], first["schema"])),
                   Record("warm-up", first["name2"], first["schema"], (first["name2"],)))  # fmt: skip
    start = time.perf_counter()
    scores = []
    for number, row in enumerate(rows):
        record = Record(f"pair-{number}", row["name2"], row["schema"], (row["name2"],))
        try:
            scores.append(algo.score(prepare(Query(row["name1"], row["schema"])), record)[0])
        except QueryError:
            scores.append(0.0)
    return scores, (time.perf_counter() - start) * 1000 / max(len(rows), 1)


def prf(scores: Iterable[float], labels: Iterable[bool], threshold: float) -> PRF:
    """Counts at ``threshold``."""
    counts = PRF()
    for score, label in zip(scores, labels, strict=True):
        counts.add(score >= threshold, label)
    return counts


def cross_validated_f1(scores: list[float], labels: list[bool], folds: int = 5) -> float:
    """F1 when the threshold is chosen on 4/5 of the pairs and applied to the rest."""
    order = list(range(len(scores)))
    random.Random(7).shuffle(order)
    total = PRF()
    grid = [t / 100 for t in range(50, 96)]
    for fold in range(folds):
        test = set(order[fold::folds])
        train = [i for i in order if i not in test]
        best = max(grid, key=lambda t: prf([scores[i] for i in train],
                                           [labels[i] for i in train], t).figures()[2])  # fmt: skip
        for i in test:
            total.add(scores[i] >= best, labels[i])
    return total.figures()[2]


def failures(rows: Sequence[dict[str, str]], predicted: Sequence[bool]) -> Counter[str]:
    """Errors by kind (FP/FN) and case group."""
    out: Counter[str] = Counter()
    for row, pred in zip(rows, predicted, strict=True):
        actual = row["is_match"] == "true"
        if pred != actual:
            out[f"{'FP' if pred else 'FN'} {row['case_group']}/{row['schema']}"] += 1
    return out


def leave_one_alias_out(records: list[Record], rounds: int = 4) -> dict[str, Any]:
    """Recall@1 of each name of multi-name entries, queried with that name held out.

    Round k holds out, from every entry, the names at positions ≡ k (mod ``rounds``); entries
    with more than ``rounds`` names lose several at once (a harder test).
    """
    hits = total = 0
    counts = {"same tokens": [0, 0], "shares a part": [0, 0], "unrelated name": [0, 0]}
    for k in range(rounds):
        held: list[tuple[str, Record]] = []
        reduced = []
        for record in records:
            names = record.names
            out = [n for i, n in enumerate(names) if i % rounds == k] if len(names) > 1 else []
            keep = tuple(n for n in names if n not in out)
            reduced.append(replace(record, names=keep, _forms=None) if out else record)
            held += [(n, record) for n in out]
        screener = Screener.from_records(reduced)
        remaining = {r.entity_id: r for r in reduced}
        for name, record in held:
            schema = {"person": "Person", "vessel": "Vessel"}.get(record.kind, "LegalEntity")
            results = screener.screen(Query(name, schema), limit=1)
            ok = bool(results) and results[0].entity_id == record.entity_id
            relation = _relation(name, record.kind, remaining[record.entity_id])
            counts[relation][0] += ok
            counts[relation][1] += 1
            total += 1
            hits += ok
    return {"queries": total, "recall_at_1": hits / max(total, 1), "by_relation": counts}


def _relation(name: str, kind: str, remaining: Record) -> str:
    """How a held-out name relates to the names left: same tokens, a shared part, or none."""
    held = [f.tokens for f in name_forms(name, kind)]
    texts = {t.text for tokens in held for t in tokens}
    kept = [f.tokens for f in remaining.forms()]
    same = {tuple(sorted(t.text for t in k)) for k in kept}
    if same & {tuple(sorted(t.text for t in h)) for h in held}:
        return "same tokens"
    if any(t.text in texts for k in kept for t in k):
        return "shares a part"
    return "unrelated name"


def korean_variants(screener: Screener) -> tuple[dict[str, list[int]], list[str]]:
    """Per variant system, [hits, total] at rank 1 for the DPRK variant table; and misses."""
    by_system: dict[str, list[int]] = {}
    misses: list[str] = []
    for row in read_csv(VARIANTS):
        results = screener.screen(Query(row["variant"], "Person"), limit=1)
        ok = bool(results) and results[0].entity_id == row["entity_id"]
        counts = by_system.setdefault(row["system"], [0, 0])
        counts[0] += ok
        counts[1] += 1
        if not ok:
            misses.append(f"{row['variant']} ({row['system']}, for {row['un_name']})")
    return by_system, misses


def not_listed(screener: Screener, listed: set[str]) -> list[tuple[str, str, float, bool]]:
    """Best UN entry and score of well-known Koreans who are not on the list."""
    out = []
    for name in NOT_LISTED:
        if name.upper() in listed:
            continue
        results = screener.screen(Query(name, "Person"), limit=1)
        best = results[0] if results else None
        out.append((name, best.caption if best else "-", best.score if best else 0.0,
                    bool(best and best.match)))  # fmt: skip
    return out

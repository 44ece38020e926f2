"""``.venv/bin/python -m bench.screening [--synthetic N]``: screening quality and speed.

Writes its figures into bench/README.md (section ``screening``).
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from followthemoney.proxy import EntityProxy
from nomenklatura.matching import LogicV2, ScoringConfig

from bench._report import write_section
from bench.screening import quality, speed
from vigil.register.sources import ofac_csv, un_xml
from vigil.screening.algorithms import get_algorithm
from vigil.screening.api import CANDIDATES, RETRIEVED, Screener
from vigil.screening.models import Query
from vigil.screening.records import Record, records_from_entities

SANCTIONS = quality.SHARED / "sanctions"
# yente's /match scores max(20, min(MAX_RESULTS, limit x MATCH_CANDIDATES)) candidates from
# ElasticSearch (opensanctions/yente, yente/routers/match.py); limit defaults to MATCH_PAGE = 5
# and YENTE_MATCH_CANDIDATES to 10 (yente/settings.py; docs/deploy/scaling.md: "by default
# 5 x 10 = 50"), so a default /match query scores 50 candidates with the chosen algorithm.
YENTE_CANDIDATES = 50


def _proxy(schema: str, names: list[str], entity_id: str) -> EntityProxy:
    return EntityProxy.from_dict({"schema": schema, "id": entity_id, "properties": {"name": names}})


def logicv2_pairs_ms(rows: list[dict[str, str]]) -> float:
    """logic-v2's live milliseconds per pair on the labelled pairs."""
    config = ScoringConfig.defaults()
    pairs = [(_proxy(r["schema"], [r["name1"]], "q"), _proxy(r["schema"], [r["name2"]], "r"))
             for r in rows]  # fmt: skip
    LogicV2.compare(pairs[0][0], pairs[0][1], config)
    start = time.perf_counter()
    for query, result in pairs:
        LogicV2.compare(query, result, config)
    return (time.perf_counter() - start) * 1000 / len(pairs)


def logicv2_query_ms(
    screener: Screener, queries: list[Query], candidates: int, warmup: list[Query]
) -> tuple[float, float]:
    """logic-v2's milliseconds per query scoring ``candidates`` entries (all their names), the
    best ``candidates`` of the ``4 x candidates`` Vigil's index retrieves (as ElasticSearch
    hands yente its best hits), and the mean number it scored (fewer only when the index finds
    fewer entries sharing a name key); only the ``LogicV2.compare`` calls are timed. The
    ``warmup`` queries run first, untimed, as they do for Vigil's latency."""
    config = ScoringConfig.defaults()
    records = {r.entity_id: r for r in screener.index.records}
    total = 0.0
    scored = 0
    for number, query in enumerate([*warmup, *queries]):
        if number == len(warmup):
            total, scored = 0.0, 0
        results = screener.screen(query, limit=candidates, threshold=0.0, candidates=candidates,
                                  retrieved=max(RETRIEVED, 4 * candidates))  # fmt: skip
        proxy = _proxy(query.schema if query.schema != "any" else "LegalEntity", [query.name], "q")
        cands = [_proxy(records[r.entity_id].schema, list(records[r.entity_id].names),
                        r.entity_id) for r in results]  # fmt: skip
        start = time.perf_counter()
        for cand in cands:
            LogicV2.compare(proxy, cand, config)
        total += time.perf_counter() - start
        scored += len(cands)
    return total * 1000 / len(queries), scored / len(queries)


def synthetic_figures(records: list[Record], count: int, queries: list[Query],
                      warmup: list[Query]) -> dict[str, float]:  # fmt: skip
    """:mod:`bench.screening.big` in a process of its own (its memory figures stay clean)."""
    with tempfile.TemporaryDirectory() as tmp:
        seed, qfile = Path(tmp) / "seed.pkl", Path(tmp) / "queries.pkl"
        seed.write_bytes(pickle.dumps(records))
        qfile.write_bytes(pickle.dumps((queries, warmup)))
        done = subprocess.run([sys.executable, "-m", "bench.screening.big", str(seed), str(count),
                               str(qfile)], capture_output=True, text=True, check=True)  # fmt: skip
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def both_pairs(rows: list[dict[str, str]]) -> list[int]:
    """Positions of the labelled pairs that logic-v2's frozen scores cover."""
    frozen = {(r["name1"], r["name2"], r["schema"]) for r in quality.read_csv(quality.LOGICV2)}
    return [i for i, r in enumerate(rows) if (r["name1"], r["name2"], r["schema"]) in frozen]


def main() -> None:
    """Run every part and write the report."""
    synthetic = (
        int(sys.argv[sys.argv.index("--synthetic") + 1]) if "--synthetic" in sys.argv else 1_000_000
    )
    algo = get_algorithm()
    lines: list[str] = [f"Algorithm `{algo.name}`, default threshold {algo.threshold}.", ""]

    # 1. labelled pairs
    rows = quality.read_csv(quality.CASES)
    labels = [r["is_match"] == "true" for r in rows]
    scores, vigil_pair_ms = quality.score_pairs(rows, algo.name)
    v1_scores, _ = quality.score_pairs(rows, "vigil-v1")
    v1p, v1r, v1f = quality.prf(v1_scores, labels, 0.7).figures()
    v2_scores, _ = quality.score_pairs(rows, "vigil-v2")
    v2p, v2r, v2f = quality.prf(v2_scores, labels, 0.7).figures()
    v2_cv = quality.cross_validated_f1(v2_scores, labels)
    v2_same = quality.prf([v2_scores[i] for i in both_pairs(rows)],
                          [labels[i] for i in both_pairs(rows)], 0.7).figures()  # fmt: skip
    ours = quality.prf(scores, labels, algo.threshold)
    frozen = {(r["name1"], r["name2"], r["schema"]): r for r in quality.read_csv(quality.LOGICV2)}
    both = [i for i, r in enumerate(rows) if (r["name1"], r["name2"], r["schema"]) in frozen]
    lv2 = quality.PRF()
    lv2_pred = []
    for i in both:
        r = rows[i]
        pred = frozen[(r["name1"], r["name2"], r["schema"])]["predicted_match"] == "true"
        lv2.add(pred, labels[i])
        lv2_pred.append(pred)
    ours_same = quality.prf([scores[i] for i in both], [labels[i] for i in both], algo.threshold)
    cv = quality.cross_validated_f1(scores, labels)
    lv2_ms = logicv2_pairs_ms(rows[:300])
    p, r_, f = ours.figures()
    lines += ["### Labelled pairs (826, `name_bench_cases.csv`)", "",
              "| matcher | pairs | precision | recall | F1 | ms/pair |", "|---|---|---|---|---|---|",
              f"| {algo.name} @ {algo.threshold} | {len(rows)} | {p:.3f} | {r_:.3f} | {f:.3f} | {vigil_pair_ms:.3f} |",
              f"| vigil-v2 @ 0.7 (previous version) | {len(rows)} | {v2p:.3f} | {v2r:.3f} | {v2f:.3f} | |",
              f"| vigil-v1 @ 0.7 (first version) | {len(rows)} | {v1p:.3f} | {v1r:.3f} | {v1f:.3f} | |"]  # fmt: skip
    p2, r2, f2 = ours_same.figures()
    lp, lr, lf = lv2.figures()
    lines += [f"| {algo.name} @ {algo.threshold}, pairs logic-v2 scored | {len(both)} | {p2:.3f} | {r2:.3f} | {f2:.3f} | |",
              f"| vigil-v2 @ 0.7, pairs logic-v2 scored | {len(both)} | {v2_same[0]:.3f} | {v2_same[1]:.3f} | {v2_same[2]:.3f} | |",
              f"| logic-v2 @ 0.7 (frozen scores; live cost) | {len(both)} | {lp:.3f} | {lr:.3f} | {lf:.3f} | {lv2_ms:.3f} |",
              "", f"5-fold cross-validated F1 when the threshold is chosen on the training folds: {algo.name} {cv:.3f}, vigil-v2 {v2_cv:.3f}.", ""]  # fmt: skip
    ours_fail = quality.failures(rows, [s >= algo.threshold for s in scores])
    lv2_fail = quality.failures([rows[i] for i in both], lv2_pred)
    v2_fail = quality.failures(rows, [s >= 0.7 for s in v2_scores])
    lines += ["Where each fails (errors by kind and case group; logic-v2 on the pairs it scored):", "",
              f"| errors | {algo.name} | vigil-v2 | logic-v2 |", "|---|---|---|---|"]  # fmt: skip
    for key in sorted(set(ours_fail) | set(v2_fail) | set(lv2_fail)):
        lines.append(f"| {key} | {ours_fail.get(key, 0)} | {v2_fail.get(key, 0)} "
                     f"| {lv2_fail.get(key, 0)} |")  # fmt: skip

    # 2. the register
    start = time.perf_counter()
    un = un_xml.parse(SANCTIONS / "un_consolidated_2026-02-27.xml").entities
    ofac_path = SANCTIONS / "ofac_sdn_2024-05-03.csv"
    ofac = ofac_csv.parse(ofac_path).entities if ofac_path.exists() else []
    un_records = records_from_entities(un)
    all_records = records_from_entities(list(un) + list(ofac))
    dprk_records = [r for r in un_records if r.entity_id.startswith("un-kp")]
    full = Screener.from_records(all_records)
    un_screener = Screener.from_records(un_records)
    dprk = Screener.from_records(dprk_records)
    build_s = time.perf_counter() - start
    loao = quality.leave_one_alias_out(un_records)
    by_system, misses = quality.korean_variants(un_screener)
    listed = {n.upper() for r in un_records for n in r.names}
    unlisted = quality.not_listed(un_screener, listed)
    hits = sum(v[0] for v in by_system.values())
    total = sum(v[1] for v in by_system.values())
    lines += ["", f"### Register: UN {len(un_records)} + OFAC {len(all_records) - len(un_records)} "
              f"screenable entries (parse + index {build_s:.1f} s)", "",
              f"Leave one alias out (UN entries with 2+ names, register = UN list): "
              f"recall@1 {loao['recall_at_1']:.4f} over {loao['queries']} names; by how the "
              "held-out name relates to the names left: "
              + "; ".join(f"{k} {v[0]}/{v[1]}" for k, v in loao["by_relation"].items())
              + " (an unrelated alias, e.g. a nom de guerre, cannot be found by name).", "",
              f"Korean variants of the UN's DPRK individuals (`dprk_korean_variants.csv`, "
              f"against the UN list): recall@1 {hits}/{total} = {hits / total:.4f}.", "",
              "| variant system | recall@1 |", "|---|---|"]  # fmt: skip
    lines += [f"| {k} | {v[0]}/{v[1]} |" for k, v in sorted(by_system.items())]
    if misses:
        lines += ["", "Misses: " + "; ".join(misses[:15])]
    false_matches = sum(1 for row in unlisted if row[3])
    lines += ["", f"Well-known Koreans not on the UN list: {false_matches} false matches of {len(unlisted)}.", "",
              "| query | best UN entry | score | match |", "|---|---|---|---|"]  # fmt: skip
    lines += [f"| {n} | {c} | {s:.3f} | {m} |" for n, c, s, m in unlisted]

    # 3. speed
    variants = quality.read_csv(quality.VARIANTS)
    queries = [Query(v["variant"], "Person") for v in variants[:300]]
    queries += [Query(n, "any") for r in all_records[::60] for n in r.names[:1]]
    warmup = [Query(v["variant"], "Person") for v in variants[300:]]
    warmup += [Query(n, "any") for r in all_records[30::60] for n in r.names[:1]]
    start = time.perf_counter()
    warmed = dprk.warm() + full.warm()
    warm_s = time.perf_counter() - start
    load_start = speed.load_1min()
    # the full register first: its timed queries are then new to every cache, as the first
    # time a service meets them (the DPRK run after it finds them prepared)
    p50_f, p95_f, mean_f = speed.latency(full, queries, warmup)
    p50_d, p95_d, _ = speed.latency(dprk, queries, warmup)
    lv2_yente, lv2_scored = logicv2_query_ms(full, queries[::10], YENTE_CANDIDATES, warmup[::10])
    lv2_same, _ = logicv2_query_ms(full, queries[::10], CANDIDATES, warmup[::10])
    # two batches of names no earlier run screened (odd entries; the timed and warm-up
    # queries come from even ones), one per run: a batch's names are new to the caches
    batches = [list(dict.fromkeys(n for r in all_records[first::4] for n in r.names[:1]))
               for first in (1, 3)]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        tput1 = speed.throughput(full, batches[0], Path(tmp), workers=1)
        tput2 = speed.throughput(full, batches[1], Path(tmp), workers=2)
    load_batch = speed.load_1min()
    big = synthetic_figures(all_records, synthetic, queries, warmup)
    load_end = speed.load_1min()
    lines += ["", "### Speed (one process unless said)", "",
              f"1-minute load average on the 2 cores: {load_start:.1f} when the speed runs began, "
              f"{load_batch:.1f} after the batch runs, {load_end:.1f} at the end (other "
              "engineers' jobs; above 2 every figure here is inflated).", "",
              f"Latency of a running service: every entry's name forms built when the screener "
              f"is loaded (`Screener.warm()`, {warmed} names in {warm_s:.1f} s for DPRK and "
              f"UN + OFAC; the million synthetic entries keep building them lazily), then "
              f"{len(warmup)} other queries untimed (token similarities), then "
              f"{len(queries)} timed queries, first against UN + OFAC (each query new to every "
              "cache), then against DPRK (the same queries, found prepared):", "",
              "| register | entries | p50 ms | p95 ms |", "|---|---|---|---|",
              f"| DPRK (UN) | {len(dprk_records)} | {p50_d:.2f} | {p95_d:.2f} |",
              f"| UN + OFAC | {len(all_records)} | {p50_f:.2f} | {p95_f:.2f} |",
              f"| synthetic + DPRK | {big['entries']:.0f} | {big['p50_ms']:.2f} | {big['p95_ms']:.2f} |", "",
              f"Synthetic index (measured in a separate process): built in {big['build_s']:.0f} s "
              f"with 2 processes; resident memory of the records {big['records_mb']:.0f} MB and of "
              f"the index alone {big['index_mb']:.0f} MB (key and posting arrays "
              f"{big['arrays_mb']:.0f} MB); pickled index with its records "
              f"{big['pickled_mb']:.0f} MB. Korean variants of the DPRK entries found at rank 1 "
              f"among the {big['entries']:.0f}: {big['korean_hits']:.0f}/{big['korean_total']:.0f} "
              "(keys in more than 5,000 entries are skipped as stop-keys).", "",
              f"Batch throughput against UN + OFAC: {tput1:.0f} names/s in 1 process "
              f"({len(batches[0])} distinct names), {tput2:.0f} names/s with 2 processes (the batch's "
              f"own and one forked; {len(batches[1])} other names). Each batch's names are new to the process (no "
              "earlier run screened them); the screener is the warmed one above, and forked "
              "workers share its caches copy-on-write.", "",
              f"logic-v2 against Vigil per query (UN + OFAC, {len(queries[::10])} queries): "
              f"a default yente /match query scores limit 5 x YENTE_MATCH_CANDIDATES 10 = "
              f"{YENTE_CANDIDATES} candidates (yente/routers/match.py, docs/deploy/scaling.md) "
              f"with logic-v2, all their names ({lv2_scored:.1f} scored on average: the best "
              f"{YENTE_CANDIDATES} of the entries Vigil's index retrieves; ElasticSearch "
              "retrieval not counted): "
              f"{lv2_yente:.2f} ms mean, "
              f"vs Vigil's whole query (retrieval, first pass, full scoring) {mean_f:.2f} ms mean "
              f"over all {len(queries)} timed queries (the {len(queries[::10])} are every 10th): "
              f"{lv2_yente / mean_f:.1f}x. logic-v2 scoring only the {CANDIDATES} entries Vigil "
              f"fully scores: {lv2_same:.2f} ms ({lv2_same / mean_f:.1f}x). Both warmed by other "
              "queries first. Per pair on the "
              f"labelled pairs: logic-v2 {lv2_ms:.3f} ms, {algo.name} {vigil_pair_ms:.3f} ms "
              "(cold caches). Quality on the same pairs: table above."]  # fmt: skip
    body = "\n".join(lines)
    print(body)
    write_section("screening", body, ".venv/bin/python -m bench.screening")


if __name__ == "__main__":
    main()

"""Multi-sentence assembly: the vectorised two-sentence path gives what the rules give."""

from __future__ import annotations

import random
from typing import Any

import pytest

from vigil.ais.assemble import Assembler
from vigil.ais.frames import Frame, xor_checks
from vigil.ais.nmea import Quarantined


def fragment(
    line: int, count: int, index: int, seq: str, channel: str, **extra: Any
) -> dict[str, Any]:
    payload = f"P{line}"
    sentence = f"!AIVDM,{count},{index},{seq},{channel},{payload},{index % 3}*00"
    return {
        "line_no": line,
        "raw": sentence.encode(),
        "sentence": sentence.encode(),
        "count": str(count).encode(),
        "index": str(index).encode(),
        "seq": seq.encode(),
        "channel": channel.encode(),
        "payload": payload.encode(),
        "fill": str(index % 3).encode(),
        "time_s": extra.get("time_s", float("nan")),
        "source": extra.get("source"),
        "group": extra.get("group"),
    }


def stream(rng: random.Random, lines: int) -> list[dict[str, Any]]:
    """Interleaved fragments: whole pairs and triples, restarts, lost and repeated pieces,
    single sentences, groups, sources, missing times."""
    out: list[dict] = []
    line = 1
    while line <= lines:
        seq, channel = rng.choice(["1", "2", "3", ""]), rng.choice(["A", "B"])
        source = rng.choice([None, "r1", "r2"])
        group = str(rng.randint(1, 3)).encode() if rng.random() < 0.15 else None
        count = rng.choice([1, 2, 2, 2, 3])
        indices = list(range(1, count + 1))
        if rng.random() < 0.1:
            indices = indices[:-1]  # the last fragment is lost
        if rng.random() < 0.05:
            indices = indices[::-1]  # out of order
        for index in indices:
            time_s = rng.choice([float("nan"), 1_704_067_200.0 + line])
            out.append(
                fragment(
                    line, count, index, seq, channel, time_s=time_s, source=source, group=group
                )
            )
            line += 1
    rng.shuffle(out[: len(out) // 10])  # some local disorder of the first lines' keys
    for number, row in enumerate(out, start=1):
        row["line_no"] = number
    return out


def frame(rows: list[dict[str, Any]]) -> Frame:
    return Frame.from_lists({k: [r[k] for r in rows] for k in rows[0]})


def run(
    rows: list[dict[str, Any]], pairs: bool, chunk: int, bad_every: int
) -> tuple[list, list, int]:
    assembler = Assembler(pairs=pairs)
    bad = Quarantined()
    messages: list[tuple] = []
    for start in range(0, len(rows), chunk):
        part = frame(rows[start : start + chunk])
        ok = xor_checks(part.sentence, skip_head=1) | True
        if bad_every:
            ok[::bad_every] = False  # some checksums fail
        built = assembler.assemble(part, ok, bad)
        columns = {
            k: v.tolist() if hasattr(v, "tolist") else v.to_pylist() for k, v in vars(built).items()
        }
        messages += [tuple(str(columns[k][i]) for k in sorted(columns)) for i in range(len(built))]
    assembler.finish(bad)
    quarantined = sorted(zip(bad.line_no, bad.reason, bad.raw, strict=True))
    return sorted(messages), quarantined, assembler.consumed


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("chunk", "bad_every"), [(50, 0), (7, 0), (1000, 13)])
def test_pairs_path_equals_the_rules(seed: int, chunk: int, bad_every: int) -> None:
    rows = stream(random.Random(seed), 300)
    assert sum(r["count"] == b"2" for r in rows) > 50  # plenty of pairs for the fast path
    fast = run(rows, pairs=True, chunk=chunk, bad_every=bad_every)
    assert fast == run(rows, pairs=False, chunk=chunk, bad_every=bad_every)
    assert fast[2] > 0  # fragments were folded


def test_a_plain_pair_is_joined() -> None:
    rows = [
        fragment(1, 2, 1, "1", "A", time_s=float("nan"), source="r9"),
        fragment(2, 1, 1, "", "B", time_s=5.0),
        fragment(3, 2, 2, "1", "A", time_s=7.0, source="r9"),
    ]
    assembler = Assembler()
    ok = xor_checks(frame(rows).sentence, 1) | True
    built = assembler.assemble(frame(rows), ok, Quarantined())
    joined = [i for i in range(len(built)) if built.line_no[i] == 1]
    assert len(built) == 2 and assembler.consumed == 1 and joined
    i = joined[0]
    assert built.payload[i].as_py() == b"P1P3" and built.fill[i].as_py() == b"2"
    assert built.time_s[i] == 7.0 and built.source[i].as_py() == "r9"
    assert built.raw[i].as_py() == rows[0]["raw"] + b"\n" + rows[2]["raw"]

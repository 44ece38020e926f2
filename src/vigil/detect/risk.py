"""Vessel risk profile: each vessel's stored findings and register links, summarised and ranked.

The score is data: each kind of finding has a weight (``KIND_WEIGHTS``); a vessel scores the sum
over its findings of weight x confidence, with findings of one kind counted with diminishing
returns (1, 1/2, 1/3, ...) so one noisy detector cannot dominate. A register link adds
``DESIGNATED_WEIGHT``. Findings marked superseded (a longer episode replaced them, see
:mod:`vigil.findings.supersede`) are left out. Version ``risk-v1``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any, Final

import orjson

from vigil.store import Store

VERSION: Final = "risk-v1"
KIND_WEIGHTS: Final[dict[str, float]] = {
    "designated_vessel": 5.0,
    "encounter": 3.0,
    "port_call": 3.0,
    "ais_gap": 2.0,
    "spoofing": 2.0,
    "identity_change": 2.0,
    "identity_mismatch": 1.5,
    "loitering": 1.0,
    "dprk_waters": 1.0,
}
DESIGNATED_WEIGHT: Final = 5.0

ROWS_SQL = """
SELECT s.mmsi, f.kind, f.confidence, f.finding_id, CAST(epoch(f.start_ts) AS BIGINT),
       CAST(epoch(f.end_ts) AS BIGINT), f.body
FROM finding_subjects s JOIN findings f USING (finding_id)
WHERE s.kind = 'vessel' AND s.mmsi IS NOT NULL
  AND f.finding_id NOT IN (SELECT finding_id FROM finding_superseded)
"""


def profiles(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Vessels ranked by score, highest first, each with its findings by kind and register links."""
    by_vessel: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in store.conn.execute(ROWS_SQL).fetchall():
        by_vessel[int(row[0])].append(row)
    ranked = sorted(
        (_profile(m, rows) for m, rows in by_vessel.items()), key=lambda p: (-p["score"], p["mmsi"])
    )
    return ranked[:limit] if limit else ranked


def _profile(mmsi: int, rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    kinds: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    links: set[str] = set()
    for row in rows:
        kinds[row[1]].append(row)
        if row[1] == "designated_vessel":
            body = orjson.loads(row[6])
            links |= {s["entity_id"] for s in body["subjects"] if s.get("entity_id")}
    score, parts = 0.0, []
    for kind, items in sorted(kinds.items()):
        confidences = sorted((float(r[2]) for r in items), reverse=True)
        part = KIND_WEIGHTS.get(kind, 1.0) * sum(c / (i + 1) for i, c in enumerate(confidences))
        score += part
        parts.append(f"{kind}: {len(items)} finding(s), +{part:.2f}")
    if links:
        score += DESIGNATED_WEIGHT
        parts.append(
            f"linked to register entries {', '.join(sorted(links))}: +{DESIGNATED_WEIGHT:g}"
        )
    return {
        "mmsi": mmsi,
        "score": round(score, 3),
        "version": VERSION,
        "findings": {k: len(v) for k, v in sorted(kinds.items())},
        "finding_ids": sorted(str(r[3]) for r in rows),
        "first": datetime.fromtimestamp(min(r[4] for r in rows), UTC).isoformat(),
        "last": datetime.fromtimestamp(max(r[5] for r in rows), UTC).isoformat(),
        "register": sorted(links),
        "explanation": parts,
    }

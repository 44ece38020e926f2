"""Read-side summaries of the AIS store: overall statistics and one vessel's history."""

from __future__ import annotations

from typing import Any

from vigil.ais.errors import UnknownVesselError
from vigil.store import Store

# A vessel is known by a position or an identity value (its static messages); ``ais_raw``
# holds only the lines copied by ``keep_raw`` ingests and live feeds.
KNOWN_VESSEL_SQL = (
    "SELECT EXISTS (SELECT 1 FROM ais_positions WHERE mmsi = ?)"
    " OR EXISTS (SELECT 1 FROM ais_identity WHERE mmsi = ?)"
    " OR EXISTS (SELECT 1 FROM ais_raw WHERE mmsi = ?)"
)

# Kept messages: each ingested file's summary counts them by disposition (whether or not their
# text was copied); a live feed's copied lines are its kept messages.
MESSAGES_KEPT_SQL = """
SELECT (
    SELECT coalesce(sum(
        coalesce(TRY_CAST(summary->>'$.dispositions.position' AS BIGINT), 0)
        + coalesce(TRY_CAST(summary->>'$.dispositions.static' AS BIGINT), 0)
        + coalesce(TRY_CAST(summary->>'$.dispositions.other' AS BIGINT), 0)), 0)
    FROM ais_files WHERE format <> 'feed'
) + (
    SELECT count(*) FROM ais_raw WHERE file_id IN (SELECT file_id FROM ais_files WHERE format = 'feed')
)
"""


def _one(store: Store, sql: str, params: list[Any] | None = None) -> Any:
    row = store.conn.execute(sql, params or []).fetchone()
    return row[0] if row else None


def stats(store: Store) -> dict[str, Any]:
    """Counts of files, positions, vessels, identities, segments and quarantine by reason."""
    bounds = store.conn.execute("SELECT min(ts), max(ts) FROM ais_positions").fetchone()
    reasons = store.conn.execute(
        "SELECT reason, count(*) FROM ais_quarantine GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    return {
        "files": _one(store, "SELECT count(*) FROM ais_files"),
        "positions": _one(store, "SELECT count(*) FROM ais_positions"),
        "vessels": _one(store, "SELECT count(DISTINCT mmsi) FROM ais_positions"),
        "days": _one(store, "SELECT count(DISTINCT day) FROM ais_positions"),
        "first_ts": bounds[0] if bounds else None,
        "last_ts": bounds[1] if bounds else None,
        "messages_kept": _one(store, MESSAGES_KEPT_SQL),
        "raw_lines_copied": _one(store, "SELECT count(*) FROM ais_raw"),
        "identity_values": _one(store, "SELECT count(*) FROM ais_identity"),
        "segments": _one(store, "SELECT count(*) FROM ais_segments"),
        "quarantined": sum(int(n) for _, n in reasons),
        "quarantine_by_reason": {str(r): int(n) for r, n in reasons},
    }


def resolve_mmsis(store: Store, key: str) -> list[int]:
    """The MMSIs meant by ``key``: an MMSI (9 digits) or an IMO number (7 digits, or IMO…)."""
    digits = "".join(ch for ch in key if ch.isdigit())
    if not digits:
        raise UnknownVesselError(f"{key!r} is neither an MMSI nor an IMO number")
    if len(digits) == 7:
        rows = store.conn.execute(
            "SELECT DISTINCT mmsi FROM ais_identity WHERE field = 'imo' AND value = ? ORDER BY 1",
            [str(int(digits))],
        ).fetchall()
        mmsis = [int(r[0]) for r in rows]
    else:
        mmsis = [int(digits)]
    known = [m for m in mmsis if _one(store, KNOWN_VESSEL_SQL, [m, m, m])]
    if not known:
        raise UnknownVesselError(f"no vessel with MMSI or IMO {key!r} in the store")
    return known


def vessel(store: Store, key: str) -> dict[str, Any]:
    """Identity history and track summary of the vessel(s) with this MMSI or IMO."""
    return {"query": key, "vessels": [_vessel(store, m) for m in resolve_mmsis(store, key)]}


def _vessel(store: Store, mmsi: int) -> dict[str, Any]:
    identity = store.conn.execute(
        "SELECT field, value, first_seen, last_seen, observations, first_raw_id"
        " FROM ais_identity WHERE mmsi = ? ORDER BY field, first_seen",
        [mmsi],
    ).fetchall()
    segments = store.conn.execute(
        "SELECT segment_id, start_ts, end_ts, positions FROM ais_segments WHERE mmsi = ?"
        " ORDER BY start_ts",
        [mmsi],
    ).fetchall()
    track = store.conn.execute(
        "SELECT count(*), min(ts), max(ts), min(lat), max(lat), min(lon), max(lon)"
        " FROM ais_positions WHERE mmsi = ?",
        [mmsi],
    ).fetchone()
    assert track is not None
    names = ("field", "value", "first_seen", "last_seen", "observations", "first_raw_id")
    return {
        "mmsi": mmsi,
        "identity": [dict(zip(names, row, strict=True)) for row in identity],
        "track": {
            "positions": track[0],
            "first_ts": track[1],
            "last_ts": track[2],
            "bbox": {"lat": [track[3], track[4]], "lon": [track[5], track[6]]},
            "segments": [
                dict(zip(("segment_id", "start_ts", "end_ts", "positions"), s, strict=True))
                for s in segments
            ],
        },
    }

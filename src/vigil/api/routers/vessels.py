"""``/vessels``: identity history, track as GeoJSON, and findings of a vessel."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query

from vigil.api.deps import ReaderDep, StoreDep
from vigil.api.models import FindingOut, VesselOut
from vigil.api.routers.common import NOT_FOUND
from vigil.findings.review import FindingFilter, query_findings
from vigil.store import Store

router = APIRouter(tags=["Vessels"])


def track_geojson(store: Store, mmsi: int, max_points: int) -> dict[str, Any]:
    """The vessel's positions as a LineString, thinned evenly to at most ``max_points``."""
    rows = store.conn.execute(
        "WITH p AS (SELECT ts, lon, lat, row_number() OVER (ORDER BY ts) AS n,"
        " count(*) OVER () AS total FROM ais_positions WHERE mmsi = ?)"
        " SELECT ts, lon, lat FROM p WHERE (n - 1) % greatest(1, ceil(total / ?)::BIGINT) = 0"
        "  OR n = total ORDER BY ts",
        [mmsi, max_points],
    ).fetchall()
    coords = [[round(lon, 5), round(lat, 5)] for _, lon, lat in rows]
    times = [ts.isoformat() + "Z" for ts, _, _ in rows]
    geometry = {"type": "LineString", "coordinates": coords} if len(coords) > 1 else None
    return {"type": "Feature", "geometry": geometry, "properties": {"mmsi": mmsi, "times": times}}


def identity_history(store: Store, mmsi: int) -> list[dict[str, Any]]:
    """What the vessel called itself (name, call sign, IMO, type...) and when."""
    rows = store.conn.execute(
        "SELECT field, value, first_seen, last_seen, observations FROM ais_identity"
        " WHERE mmsi = ? ORDER BY first_seen, field",
        [mmsi],
    ).fetchall()
    keys = ("field", "value", "first_seen", "last_seen", "observations")
    return [
        {**dict(zip(keys, r, strict=True)), "first_seen": r[2].isoformat() + "Z",
         "last_seen": r[3].isoformat() + "Z"}
        for r in rows
    ]  # fmt: skip


@router.get("/vessels", summary="Vessels seen, with position counts")
def vessels(
    store: StoreDep,
    _caller: ReaderDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Vessels with positions, most findings first."""
    rows = store.conn.execute(
        "SELECT p.mmsi, p.positions, coalesce(f.n, 0) AS findings, i.value FROM"
        " (SELECT mmsi, count(*) AS positions FROM ais_positions GROUP BY 1) p"
        " LEFT JOIN (SELECT mmsi, count(DISTINCT finding_id) AS n FROM finding_subjects"
        "  GROUP BY 1) f USING (mmsi)"
        " LEFT JOIN (SELECT mmsi, arg_max(value, last_seen) AS value FROM ais_identity"
        "  WHERE field = 'name' GROUP BY 1) i USING (mmsi)"
        f" ORDER BY findings DESC, p.mmsi LIMIT {limit} OFFSET {offset}"
    ).fetchall()
    keys = ("mmsi", "positions", "findings", "name")
    return [dict(zip(keys, r, strict=True)) for r in rows]


@router.get(
    "/vessels/{mmsi}", summary="One vessel", response_model=VesselOut, responses={**NOT_FOUND}
)
def vessel(
    mmsi: Annotated[int, Path(ge=0, le=999_999_999, examples=[445123000])],
    store: StoreDep,
    _caller: ReaderDep,
    max_points: Annotated[int, Query(ge=2, le=100_000)] = 2000,
) -> VesselOut:
    """Identity history, the track as a GeoJSON Feature (thinned), and the vessel's findings."""
    count_row = store.conn.execute(
        "SELECT count(*) FROM ais_positions WHERE mmsi = ?", [mmsi]
    ).fetchone()
    positions = int(count_row[0]) if count_row else 0
    identity = identity_history(store, mmsi)
    page = query_findings(store, FindingFilter(mmsi=mmsi), limit=1000)
    if not positions and not identity and not page.findings:
        raise HTTPException(404, f"no vessel with MMSI {mmsi}")
    return VesselOut(
        mmsi=mmsi,
        identity=identity,
        track=track_geojson(store, mmsi, max_points),
        findings=[FindingOut.model_validate(f) for f in page.findings],
        positions=positions,
    )

"""``/findings/clusters``: findings counted on a grid in DuckDB, so the map stays fast with 100k.

The map asks for clusters of the view at its zoom (a cell of ~40 screen pixels) and draws single
findings only when few are in view. Each cluster is a GeoJSON Point at the mean position of its
findings, with the count, the count per kind and the cells's extent (to zoom into it).
"""

from __future__ import annotations

from typing import Annotated, Any, Final

import orjson
from fastapi import APIRouter, Query, Response

from vigil.api.deps import ReaderDep, StoreDep
from vigil.api.models import FeatureCollection
from vigil.api.routers.common import BAD_INPUT
from vigil.api.routers.findings import BboxQ, CaseQ, KindQ, MmsiQ, StatusQ, TimeQ, build_filter
from vigil.findings.review import FindingFilter
from vigil.store import Store

router = APIRouter(tags=["Findings"])

MAX_CLUSTERS: Final = 5000
# A finding's position is the centre of its extent (points: the point itself).
CLUSTER_SQL: Final = """
WITH placed AS (
  SELECT (f.min_lon + f.max_lon) / 2 AS lon, (f.min_lat + f.max_lat) / 2 AS lat, f.kind
  FROM findings f LEFT JOIN finding_reviews r USING (finding_id)
  WHERE {where} AND f.min_lon IS NOT NULL AND f.min_lat IS NOT NULL
)
SELECT count(*) AS n, avg(lon), avg(lat), min(lon), min(lat), max(lon), max(lat),
       histogram(kind) AS kinds
FROM placed
GROUP BY floor(lon / ?), floor(lat / ?)
ORDER BY n DESC
LIMIT ?
"""


def _feature(row: tuple[Any, ...]) -> dict[str, Any]:
    n, lon, lat, lon0, lat0, lon1, lat1, histogram = row
    kinds: dict[str, int] = {str(k): int(v) for k, v in histogram.items()}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
        "properties": {"count": int(n), "kinds": kinds,
                       "kind": max(kinds, key=lambda k: (kinds[k], k)),
                       "extent": [round(v, 5) for v in (lon0, lat0, lon1, lat1)]},
    }  # fmt: skip


def clusters(store: Store, flt: FindingFilter, cell_deg: float, most: int) -> dict[str, Any]:
    """Findings matching ``flt`` counted per grid cell of ``cell_deg`` degrees, as GeoJSON."""
    where, params = flt.where()
    sql = CLUSTER_SQL.format(where=where)
    rows = store.conn.execute(sql, [*params, cell_deg, cell_deg, most]).fetchall()
    features = [_feature(row) for row in rows]
    return {"type": "FeatureCollection", "features": features,
            "total": sum(f["properties"]["count"] for f in features)}  # fmt: skip


@router.get("/findings/clusters", summary="Findings clustered on a grid (for the map)",
            response_model=FeatureCollection, responses={**BAD_INPUT})  # fmt: skip
def findings_clusters(
    store: StoreDep, _caller: ReaderDep, kind: KindQ = None, status: StatusQ = None,
    since: TimeQ = None, until: TimeQ = None, bbox: BboxQ = None, mmsi: MmsiQ = None,
    case: CaseQ = None,
    cell_deg: Annotated[float, Query(ge=0.0001, le=90.0, description="grid cell, degrees")] = 0.5,
    limit: Annotated[int, Query(ge=1, le=MAX_CLUSTERS, description="most clusters")] = 2000,
) -> Response:  # fmt: skip
    """Findings with a position, counted per ``cell_deg`` grid cell, biggest clusters first.

    Each Feature is a Point at the mean position of the cell's findings, with ``count``,
    ``kinds`` (count per kind), ``kind`` (the commonest) and ``extent``
    (``[min_lon, min_lat, max_lon, max_lat]`` of its findings). ``total`` counts the findings in
    the returned clusters; the filters are those of ``/findings``.
    """
    flt = build_filter(kind, status, since, until, bbox, mmsi, case)
    # plain JSON (the model documents it): thousands of small features, validated or not
    return Response(
        orjson.dumps(clusters(store, flt, cell_deg, limit)), media_type="application/json"
    )

"""Map layers (basemap land, DPRK ports and waters), health, and the report download."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse

from vigil.api.deps import ReaderDep, StateDep, StoreDep
from vigil.api.models import Caller, FeatureCollection, Health
from vigil.api.routers.common import NOT_FOUND
from vigil.api.routers.findings import BboxQ, parse_bbox
from vigil.register.versions import current_versions
from vigil.report.basemap import land_in
from vigil.report.places import places_geojson
from vigil.run.config import report_dir

router = APIRouter(tags=["Service"])


@router.get("/healthz", summary="Liveness and what is served", response_model=Health)
def healthz(state: StateDep, store: StoreDep) -> Health:
    """``ok`` with the store, the number of findings and the current list versions."""
    row = store.conn.execute("SELECT count(*) FROM findings").fetchone()
    lists = {name: v.label for name, v in current_versions(store).items()}
    return Health(store=str(state.settings.db_path), findings=int(row[0]) if row else 0,
                  lists=lists)  # fmt: skip


@router.get("/whoami", summary="The caller, as its token says", response_model=Caller)
async def whoami(caller: ReaderDep) -> Caller:
    """The token's id, holder and role (``anonymous`` without a token, when reading is open)."""
    return Caller(token_id=caller.token_id, name=caller.name, role=caller.role)


@router.get("/layers/land", summary="Basemap land (Natural Earth 1:50m)",
            response_model=FeatureCollection)  # fmt: skip
def land(
    _caller: ReaderDep,
    bbox: BboxQ = "110,25,140,48",
    simplify: Annotated[int, Query(ge=1, le=50, description="keep every n-th vertex")] = 1,
) -> FeatureCollection:
    """Land polygons touching ``bbox``, as GeoJSON."""
    box = parse_bbox(bbox)
    assert box is not None
    features: list[dict[str, Any]] = []
    for poly in land_in(box):
        rings = [[list(p) for p in r[::simplify]] + [list(r[0])] for r in poly]
        features.append({"type": "Feature", "properties": {},
                         "geometry": {"type": "Polygon", "coordinates": rings}})  # fmt: skip
    return FeatureCollection(features=features)


@router.get("/layers/dprk", summary="DPRK ports and waters", response_model=FeatureCollection)
def dprk(_caller: ReaderDep) -> FeatureCollection:
    """DPRK ports (Points) and claimed waters (Polygons)."""
    return FeatureCollection(features=places_geojson()["features"])


@router.get("/report/{name}", summary="Download the latest report", responses={**NOT_FOUND},
            response_class=FileResponse)  # fmt: skip
def report_file(name: str, state: StateDep, _caller: ReaderDep) -> FileResponse:
    """``report.html`` or ``report.pdf`` as last written by ``vigil run`` / ``vigil report``."""
    if name not in ("report.html", "report.pdf"):
        raise HTTPException(404, f"no report file {name!r}; report.html or report.pdf")
    path = report_dir(state.settings, state.config) / name
    if not path.is_file():
        raise HTTPException(404, f"{name} has not been written yet (run `vigil report`)")
    return FileResponse(path)

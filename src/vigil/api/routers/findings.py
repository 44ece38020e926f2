"""``/findings``: filtered and paged on the server, as JSON or GeoJSON; one finding in detail."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, Path, Query

from vigil.api.deps import ReaderDep, StoreDep
from vigil.api.models import FeatureCollection, FindingDetail, FindingPageOut
from vigil.api.routers.common import BAD_INPUT, NOT_FOUND, unprocessable
from vigil.findings.measures import KIND_MEASURES
from vigil.findings.review import UNREVIEWED, FindingFilter, audit_log, get_review, query_findings
from vigil.findings.store import get_finding

router = APIRouter(tags=["Findings"])

MAX_PAGE: Final = 1000
MAX_FEATURES: Final = 20_000
# Declared as enums in the OpenAPI spec, built from the findings' own table of kinds.
Kind = StrEnum("Kind", {kind: kind for kind in KIND_MEASURES})  # type: ignore[misc]  # functional API
Status = Literal["confirmed", "dismissed", "needs-info", "unreviewed"]
FindingId = Annotated[
    str, Path(min_length=1, max_length=100, examples=["encounter-0f1e2d3c4b5a6978"])
]


BBOX_PATTERN: Final = r"^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$"


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat``; two opposite corners in any order are accepted."""
    if text is None:
        return None
    try:
        v = [float(x) for x in text.split(",")]
    except ValueError:
        v = []
    if len(v) != 4:
        raise unprocessable(("query", "bbox"), "expected min_lon,min_lat,max_lon,max_lat", text)
    return (min(v[0], v[2]), min(v[1], v[3]), max(v[0], v[2]), max(v[1], v[3]))


def utc(moment: datetime | None) -> datetime | None:
    """A time without a zone is taken as UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def build_filter(
    kind: list[Kind] | None, status: list[Status] | None, since: datetime | None,
    until: datetime | None, bbox: str | None, mmsi: int | None, case: str | None,
) -> FindingFilter:  # fmt: skip
    """The store's filter for a request's parameters."""
    return FindingFilter(kinds=tuple(str(k) for k in kind or ()), statuses=tuple(status or ()), since=utc(since),
                         until=utc(until), bbox=parse_bbox(bbox), mmsi=mmsi, case_id=case)  # fmt: skip


KindQ = Annotated[list[Kind] | None, Query(description="only these kinds")]
StatusQ = Annotated[list[Status] | None, Query(description="only these review statuses")]
TimeQ = Annotated[datetime | None, Query(description="ISO 8601; UTC when no zone is given")]
BboxQ = Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat",
                                    pattern=BBOX_PATTERN, examples=["121,37,126,40"])]  # fmt: skip
MmsiQ = Annotated[int | None, Query(ge=0, le=999_999_999)]
CaseQ = Annotated[str | None, Query(max_length=100)]


@router.get("/findings", summary="Findings, filtered and paged", response_model=FindingPageOut,
            responses={**BAD_INPUT})  # fmt: skip
def findings(
    store: StoreDep, _caller: ReaderDep, kind: KindQ = None, status: StatusQ = None,
    since: TimeQ = None, until: TimeQ = None, bbox: BboxQ = None, mmsi: MmsiQ = None,
    case: CaseQ = None, offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
) -> dict[str, Any]:  # fmt: skip
    """Findings newest first, each with its review; ``total`` counts all that match."""
    flt = build_filter(kind, status, since, until, bbox, mmsi, case)
    return query_findings(store, flt, offset, limit).__dict__


@router.get("/findings/geojson", summary="Findings as GeoJSON", response_model=FeatureCollection,
            responses={**BAD_INPUT})  # fmt: skip
def findings_geojson(
    store: StoreDep, _caller: ReaderDep, kind: KindQ = None, status: StatusQ = None,
    since: TimeQ = None, until: TimeQ = None, bbox: BboxQ = None, mmsi: MmsiQ = None,
    case: CaseQ = None, limit: Annotated[int, Query(ge=1, le=MAX_FEATURES)] = 2000,
) -> FeatureCollection:  # fmt: skip
    """Findings with a geometry as GeoJSON Features (for map layers: pass the view's bbox)."""
    flt = build_filter(kind, status, since, until, bbox, mmsi, case)
    page = query_findings(store, flt, 0, limit)
    features = [
        {"type": "Feature", "id": f["id"], "geometry": f["geometry"],
         "properties": {"id": f["id"], "kind": f["kind"], "start": f["start"], "end": f["end"],
                        "summary": f["summary"], "confidence": f["confidence"],
                        "status": (f["review"] or {}).get("status", UNREVIEWED),
                        "mmsi": [s["mmsi"] for s in f["subjects"] if s.get("mmsi")]}}
        for f in page.findings if f.get("geometry")
    ]  # fmt: skip
    return FeatureCollection(features=features, total=page.total)


@router.get("/findings/{finding_id}", summary="One finding", response_model=FindingDetail,
            responses={**NOT_FOUND})  # fmt: skip
def finding(finding_id: FindingId, store: StoreDep, _caller: ReaderDep) -> dict[str, Any]:
    """The finding, its review, the cases holding it and its audit trail."""
    data = get_finding(store, finding_id)
    review = get_review(store, finding_id)
    data["review"] = review.to_dict() if review else None
    rows = store.conn.execute(
        "SELECT case_id FROM case_findings WHERE finding_id = ? ORDER BY 1", [finding_id]
    ).fetchall()
    data["cases"] = [r[0] for r in rows]
    data["audit"] = audit_log(store, finding_id)
    return data

"""Request and response models of the API (pydantic at the boundary), with examples.

The ``/match`` models follow yente's (``yente/data/common.py``) so existing clients work.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from vigil.findings.review import STATUSES

EXAMPLE_QUERY: dict[str, Any] = {
    "schema": "Person",
    "properties": {"name": ["Kim Jong Un"], "birthDate": ["1984-01-08"]},
}


class ErrorResponse(BaseModel):
    """An error: what went wrong, naming the value."""

    detail: str = Field(examples=["no finding 'encounter-0123456789abcdef'"])


class EntityExample(BaseModel):
    """An entity to match, as yente takes it: a schema and property values."""

    model_config = ConfigDict(extra="allow")
    id: str | None = None
    schema_: str = Field(alias="schema", examples=["Person"])
    properties: dict[str, list[str]] = Field(default_factory=dict)


class EntityMatchQuery(BaseModel):
    """A batch of examples keyed by the caller's own ids."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"queries": {"q1": EXAMPLE_QUERY}}]})
    queries: dict[str, EntityExample]
    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any] = Field(default_factory=dict)


class ScoredEntity(BaseModel):
    """One register entry for an example, scored, in yente's shape."""

    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]] = Field(default_factory=dict)
    datasets: list[str] = Field(default_factory=list)
    referents: list[str] = Field(default_factory=list)
    target: bool = True
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None
    score: float
    match: bool
    features: dict[str, float] = Field(default_factory=dict)
    explanations: dict[str, str] = Field(default_factory=dict)
    token: str | None = None


class TotalSpec(BaseModel):
    """How many results there were."""

    value: int
    relation: Literal["eq", "gte"] = "eq"


class EntityMatches(BaseModel):
    """The results for one example."""

    status: int = 200
    results: list[ScoredEntity]
    total: TotalSpec
    query: EntityExample
    detail: str | None = Field(default=None, description="why this example was not screened")


class EntityMatchResponse(BaseModel):
    """Results of every example, keyed as in the request."""

    responses: dict[str, EntityMatches]
    matcher: dict[str, Any] = Field(default_factory=dict)
    limit: int


class SearchResponse(BaseModel):
    """Entries for a free-text name, best first."""

    query: str
    total: TotalSpec
    results: list[ScoredEntity]
    detail: str | None = Field(default=None, description="why the name was not screened")


class Health(BaseModel):
    """Whether the service works, and what it serves."""

    status: Literal["ok"] = "ok"
    store: str
    findings: int
    lists: dict[str, str] = Field(examples=[{"un": "un@2026-02-27#1a2b3c4d"}])


class Caller(BaseModel):
    """Who a request is made as."""

    token_id: str = Field(examples=["a1b2c3d4e5f6"])
    name: str
    role: str = Field(description="anonymous, reader, analyst or admin", examples=["analyst"])


class ReviewIn(BaseModel):
    """An analyst's verdict on a finding."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"status": "confirmed", "note": "seen on imagery"}]},
    )
    status: Literal["confirmed", "dismissed", "needs-info"]
    note: str = Field(default="", max_length=4000)


class ReviewOut(BaseModel):
    """The current review of a finding."""

    finding_id: str
    status: str = Field(examples=list(STATUSES))
    note: str
    reviewer: str
    reviewed_at: str


class FindingOut(BaseModel):
    """A finding (see ``vigil.findings.model.Finding``) with its review."""

    model_config = ConfigDict(extra="allow")
    id: str
    kind: str
    measure_id: str
    resolution_paragraph: str
    start: str
    end: str
    confidence: float
    summary: str
    subjects: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    geometry: dict[str, Any] | None = None
    review: ReviewOut | None = None


class FindingPageOut(BaseModel):
    """One page of findings and the total that match the filters."""

    total: int
    offset: int
    limit: int
    findings: list[FindingOut]


class FindingDetail(FindingOut):
    """A finding with its cases and audit trail."""

    cases: list[str] = Field(default_factory=list)
    audit: list[dict[str, Any]] = Field(default_factory=list)


class FeatureCollection(BaseModel):
    """GeoJSON (RFC 7946), lon/lat."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[dict[str, Any]]
    total: int | None = None


class CaseIn(BaseModel):
    """A new case."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=200, examples=["Korea Bay transfers, May"])
    description: str = Field(default="", max_length=4000)


class CaseFindingsIn(BaseModel):
    """Findings to add to a case."""

    model_config = ConfigDict(extra="forbid")
    finding_ids: list[str] = Field(min_length=1, max_length=1000)


class CaseOut(BaseModel):
    """A case and its findings."""

    id: str
    title: str
    description: str
    created_by: str
    created_at: str
    finding_ids: list[str]


class VesselOut(BaseModel):
    """A vessel: identity history, track (GeoJSON) and findings."""

    mmsi: int
    identity: list[dict[str, Any]]
    track: dict[str, Any]
    findings: list[FindingOut]
    positions: int

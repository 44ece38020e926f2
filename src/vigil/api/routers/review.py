"""Review endpoints: verdicts on findings, cases, and the audit log. Writes need a token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from vigil.api.deps import ReaderDep, StoreDep, WriterDep
from vigil.api.models import CaseFindingsIn, CaseIn, CaseOut, ReviewIn, ReviewOut
from vigil.api.routers.common import AUTH, BAD_INPUT, NOT_FOUND
from vigil.api.routers.findings import FindingId
from vigil.findings import cases as case_store
from vigil.findings.review import audit_log, set_review

router = APIRouter(tags=["Review"])
CaseId = Annotated[str, Path(min_length=1, max_length=100, examples=["case-0a1b2c3d4e5f"])]


@router.put("/findings/{finding_id}/review", summary="Review a finding", response_model=ReviewOut,
            responses={**NOT_FOUND, **BAD_INPUT, **AUTH})  # fmt: skip
def review(finding_id: FindingId, body: ReviewIn, store: StoreDep, caller: WriterDep) -> Any:
    """Mark a finding confirmed, dismissed or needs-info, with a note (audited)."""
    return set_review(store, finding_id, body.status, body.note, caller.name).to_dict()


@router.get("/cases", summary="Cases", response_model=list[CaseOut])
def cases(store: StoreDep, _caller: ReaderDep) -> list[dict[str, Any]]:
    """Every case, newest first."""
    return [c.to_dict() for c in case_store.list_cases(store)]


@router.post("/cases", summary="Open a case", response_model=CaseOut, status_code=201,
             responses={**BAD_INPUT, **AUTH})  # fmt: skip
def create_case(body: CaseIn, store: StoreDep, caller: WriterDep) -> dict[str, Any]:
    """A new, empty case."""
    return case_store.create_case(store, body.title, body.description, caller.name).to_dict()


@router.get("/cases/{case_id}", summary="One case", response_model=CaseOut,
            responses={**NOT_FOUND})  # fmt: skip
def case(case_id: CaseId, store: StoreDep, _caller: ReaderDep) -> dict[str, Any]:
    """The case and its findings' ids."""
    return case_store.get_case(store, case_id).to_dict()


@router.post("/cases/{case_id}/findings", summary="Add findings to a case", response_model=CaseOut,
             responses={**NOT_FOUND, **BAD_INPUT, **AUTH})  # fmt: skip
def add_to_case(
    case_id: CaseId, body: CaseFindingsIn, store: StoreDep, caller: WriterDep
) -> dict[str, Any]:
    """Add findings (unknown ids are a 404, and nothing is added)."""
    return case_store.add_findings(store, case_id, body.finding_ids, caller.name).to_dict()


@router.delete("/cases/{case_id}/findings/{finding_id}", summary="Take a finding out of a case",
               response_model=CaseOut, responses={**NOT_FOUND, **AUTH})  # fmt: skip
def remove_from_case(
    case_id: CaseId, finding_id: FindingId, store: StoreDep, caller: WriterDep
) -> dict[str, Any]:
    """Remove one finding from a case."""
    return case_store.remove_findings(store, case_id, [finding_id], caller.name).to_dict()


@router.get("/audit", summary="The audit log")
def audit(
    store: StoreDep,
    _caller: ReaderDep,
    target: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Who changed what and when, newest first."""
    return audit_log(store, target, limit)

"""``/documents``: find designated names and identifiers in a posted text or file.

The answer is what ``vigil docs scan --json`` prints for one document, plus the document's
finding. Storing the scan and its finding (``save``) is a write and needs an analyst or admin
token; scanning alone needs only what reading needs.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any, Final

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from vigil.api.deps import AppState, ReaderDep, StateDep, with_cursor, writer
from vigil.api.models import ErrorResponse
from vigil.api.routers.common import AUTH, BAD_INPUT, LIMITS, unprocessable
from vigil.documents.cache import cache_path, load_matcher
from vigil.documents.document import document_finding
from vigil.documents.errors import DocumentError, UnreadableDocumentError
from vigil.documents.matcher import DocumentMatcher
from vigil.documents.store import save_scan
from vigil.documents.upload import safe_name, scan_bytes

router = APIRouter(tags=["Documents"])
MAX_TEXT_CHARS: Final = 2_000_000  # longer texts: scan the file with ``vigil docs scan``
EMPTY_REGISTER: Final[dict[int | str, dict[str, Any]]] = {
    409: {"model": ErrorResponse, "description": "The register is empty: nothing to find"}
}
_LOCK = threading.Lock()
_MATCHERS: dict[str, tuple[str, DocumentMatcher]] = {}  # app id -> (cache file, matcher)


class DocumentIn(BaseModel):
    """A text to scan."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"text": "Talks with Kim Jong Un began.",
                                         "name": "note.txt"}]},
    )  # fmt: skip
    text: str = Field(min_length=1, description=f"at most {MAX_TEXT_CHARS:,} characters")
    name: str = Field(default="text.txt", max_length=200, description="a name for the text")
    save: bool = Field(default=False, description="store the scan and its finding (token)")


class DocumentOut(BaseModel):
    """One scanned document: as ``vigil docs scan --json``, and its finding."""

    model_config = ConfigDict(extra="allow")
    path: str
    sha256: str
    format: str
    chars: int
    mentions: list[dict[str, Any]]
    finding: dict[str, Any] | None = None
    finding_id: str | None = Field(default=None, description="set when the scan was stored")


def matcher_of(state: AppState) -> DocumentMatcher:
    """The matcher of the current register: kept per app, reloaded when a version changes."""
    with with_cursor(state) as store, _LOCK:
        path = cache_path(state.settings, store)
        kept = _MATCHERS.get(str(id(state)))
        if kept is None or kept[0] != str(path):
            kept = (str(path), load_matcher(state.settings, store))
            _MATCHERS[str(id(state))] = kept
        return kept[1]


def _scan(state: AppState, data: bytes, name: str, save: bool) -> dict[str, Any]:
    matcher = matcher_of(state)
    if not matcher.records:
        raise HTTPException(409, "the register is empty; load lists with `vigil register`")
    try:
        scan = scan_bytes(data, name, matcher)
    except UnreadableDocumentError as exc:
        raise unprocessable(("body",), f"{safe_name(name)}: {exc.reason}") from exc
    except DocumentError as exc:
        raise unprocessable(("body",), str(exc)) from exc
    finding = document_finding(scan)
    out = {**scan.to_dict(), "finding": finding.to_dict() if finding else None}
    if save:
        with with_cursor(state) as store:
            out["finding_id"] = save_scan(store, scan)
    return out


async def _checked(request: Request, state: AppState, save: bool) -> None:
    if save:
        await writer(request, state)  # 401/403 unless the token may write


@router.post("/documents", summary="Scan a text", response_model=DocumentOut,
             responses={**BAD_INPUT, **AUTH, **LIMITS, **EMPTY_REGISTER})  # fmt: skip
async def scan_text_doc(
    body: DocumentIn, request: Request, state: StateDep, _caller: ReaderDep
) -> dict[str, Any]:
    """Mentions of register entries (names in any script or spelling, identifiers) in the
    text, each with its span, snippet, score and explanation, and the document's finding."""
    await _checked(request, state, body.save)
    if len(body.text) > MAX_TEXT_CHARS:
        raise HTTPException(413, f"text of {len(body.text):,} characters is over the "
                                 f"{MAX_TEXT_CHARS:,}-character limit")  # fmt: skip
    data = body.text.encode("utf-8")
    return await run_in_threadpool(_scan, state, data, body.name, body.save)


@router.post(
    "/documents/file",
    summary="Scan a file (text, HTML or PDF)",
    response_model=DocumentOut,
    responses={**BAD_INPUT, **AUTH, **LIMITS, **EMPTY_REGISTER},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}},
)  # fmt: skip
async def scan_file_doc(
    request: Request,
    state: StateDep,
    _caller: ReaderDep,
    name: Annotated[str, Query(min_length=1, max_length=200, examples=["report.pdf"])],
    save: Annotated[bool, Query(description="store the scan and its finding (token)")] = False,
) -> dict[str, Any]:
    """The file's bytes as the request body; ``name``'s suffix (``.html``, ``.pdf``) and the
    bytes say how to read it. Binary files, unknown encodings and empty files are a 422."""
    await _checked(request, state, save)
    data = await request.body()
    if not data:
        raise unprocessable(("body",), f"{safe_name(name)}: the file is empty")
    return await run_in_threadpool(_scan, state, data, name, save)

"""``/match/{dataset}`` and ``/search``: screening, compatible with yente's request and response."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Final

import orjson
from fastapi import APIRouter, HTTPException, Path, Query, Response
from fastapi.concurrency import run_in_threadpool

from vigil.api.deps import AppState, ReaderDep, StateDep, with_cursor
from vigil.api.models import (
    EntityExample,
    EntityMatchQuery,
    EntityMatchResponse,
    SearchResponse,
    TotalSpec,
)
from vigil.api.routers.common import BAD_INPUT, LIMITS, NOT_FOUND, unprocessable
from vigil.screening.algorithms import ALGORITHMS, DEFAULT_ALGORITHM
from vigil.screening.api import Screener
from vigil.screening.errors import QueryError
from vigil.screening.models import QUERY_SCHEMAS, Result
from vigil.screening.models import Query as ScreenQuery

router = APIRouter(tags=["Matching"])

# yente dataset names -> the register lists they cover (None: every list).
DATASETS: Final[dict[str, tuple[str, ...] | None]] = {
    "default": None, "sanctions": None, "un": ("un",), "ofac": ("ofac",),
}  # fmt: skip
COUNTRY_PROPS: Final = ("nationality", "country", "jurisdiction", "citizenship", "flag")
ID_PROPS: Final = ("imoNumber", "mmsi", "idNumber", "passportNumber", "registrationNumber",
                   "taxNumber", "innCode", "ogrnCode", "swiftBic")  # fmt: skip
MAX_LIMIT: Final = 500

# Declared as an enum in the spec, from the screening's table of versioned algorithms.
Algorithm = StrEnum("Algorithm", {name: name for name in ALGORITHMS})  # type: ignore[misc]  # functional API
DEFAULT = Algorithm(DEFAULT_ALGORITHM)
DatasetPath = Annotated[str, Path(description=f"one of {sorted(DATASETS)}", examples=["default"])]


def lists_of(dataset: str) -> tuple[str, ...] | None:
    """The register lists a dataset name covers (404 for unknown names)."""
    if dataset not in DATASETS:
        raise HTTPException(404, f"no dataset {dataset!r}; known: {sorted(DATASETS)}")
    return DATASETS[dataset]


def to_queries(example: EntityExample) -> list[ScreenQuery]:
    """One screening query per name of a yente example."""
    props = example.properties
    schema = example.schema_ if example.schema_ in QUERY_SCHEMAS else "any"
    names = [n for n in props.get("name", []) + props.get("alias", []) if n.strip()]
    if not names:
        raise QueryError("an example needs at least one value in properties.name")
    countries = tuple(v for p in COUNTRY_PROPS for v in props.get(p, []))
    ids = tuple(v for p in ID_PROPS for v in props.get(p, []))
    birth = next(iter(props.get("birthDate", [])), None)
    return [ScreenQuery(n, schema=schema, birth_date=birth, countries=countries,
                        identifiers=ids) for n in names[:10]]  # fmt: skip


def scored(result: Result) -> dict[str, Any]:
    """A screening result in yente's shape (the fields of :class:`ScoredEntity`, as JSON).

    Built as a plain dict and sent with orjson: /match is the hot path, and a pydantic model
    per result, validated again as the response, cost more than the scoring of cheap queries.
    ``tests/api/test_match_shape.py`` checks the dict against the model.
    """
    return {
        "id": result.entity_id, "caption": result.caption, "schema": result.schema,
        "properties": {"name": [result.caption]}, "datasets": list(result.lists),
        "referents": [], "target": True, "first_seen": None, "last_seen": None,
        "last_change": None, "score": round(result.score, 4), "match": result.match,
        "features": {c.feature: round(c.value, 4) for c in result.explanation},
        "explanations": {c.feature: c.detail for c in result.explanation}, "token": None,
    }  # fmt: skip


def matches(results: list[dict[str, Any]], example: EntityExample, status: int = 200,
            detail: str | None = None) -> dict[str, Any]:  # fmt: skip
    """One example's answer (the fields of :class:`EntityMatches`)."""
    return {"status": status, "results": results,
            "total": {"value": len(results), "relation": "eq"},
            "query": example.model_dump(mode="json", by_alias=True), "detail": detail}  # fmt: skip


def screen_example(
    screener: Screener, example: EntityExample, lists: tuple[str, ...] | None,
    threshold: float | None, limit: int, algorithm: str,
) -> list[Result]:  # fmt: skip
    """The best results over an example's names, one per entity, best first."""
    best: dict[str, Result] = {}
    for query in to_queries(example):
        for result in screener.screen(query, threshold=threshold, limit=limit, lists=lists,
                                      algorithm=algorithm):  # fmt: skip
            if result.entity_id not in best or result.score > best[result.entity_id].score:
                best[result.entity_id] = result
    return sorted(best.values(), key=lambda r: -r.score)[:limit]


async def screener_of(state: AppState) -> Screener:
    """The process's screener: without I/O when fresh, else checked (or built) off the loop."""
    found = state.screeners.fresh()
    if found is not None:
        return found

    def check() -> Screener:
        with with_cursor(state) as store:
            return state.screeners.get(store)

    return await run_in_threadpool(check)


@router.post(
    "/match/{dataset}",
    summary="Query by example matcher (yente-compatible)",
    response_model=EntityMatchResponse,
    responses={**NOT_FOUND, **BAD_INPUT, **LIMITS},
)
async def match(
    body: EntityMatchQuery,
    dataset: DatasetPath,
    state: StateDep,
    _caller: ReaderDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 5,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    algorithm: Annotated[Algorithm, Query(description="scoring algorithm")] = DEFAULT,
) -> Response:
    """Match each example of the batch against the register, as yente's ``/match`` does.

    An example that cannot be screened (no name, or a name with no comparable parts) gets
    ``status: 422`` and a ``detail`` in its own response; the others are answered.

    Send ``{"queries": {"q1": {"schema": "Person", "properties": {"name": [...]}}}}``; the
    response has ``responses.q1.results``, each with ``score``, ``match``, ``features`` and
    ``explanations``.
    """
    lists = lists_of(dataset)
    if len(body.queries) > state.config.api.max_match_queries:
        most = state.config.api.max_match_queries
        raise unprocessable(("body", "queries"), f"at most {most} queries a batch")
    # Scoring is CPU-bound and holds the GIL: it runs on the event loop, not in threads that
    # would only contend for it (measured in bench/api).
    screener = await screener_of(state)
    reply = answer(screener, body, lists, threshold, limit, str(algorithm))
    return Response(orjson.dumps(reply), media_type="application/json",
                    headers={"x-batch-size": str(len(body.queries))})  # fmt: skip


def answer(
    screener: Screener, body: EntityMatchQuery, lists: tuple[str, ...] | None,
    threshold: float | None, limit: int, algorithm: str,
) -> dict[str, Any]:  # fmt: skip
    """The /match reply (the fields of :class:`EntityMatchResponse`) for a checked request."""
    responses = {}
    for key, example in body.queries.items():
        try:
            results = screen_example(screener, example, lists, threshold, limit, algorithm)
        except QueryError as exc:  # reported for this example only, as yente's status allows
            responses[key] = matches([], example, 422, str(exc))
            continue
        responses[key] = matches([scored(r) for r in results], example)
    algo = ALGORITHMS[algorithm]
    return {"responses": responses, "matcher": {"name": algo.name, "threshold": algo.threshold},
            "limit": limit}  # fmt: skip


@router.get(
    "/search",
    summary="Search the register by name",
    response_model=SearchResponse,
    responses={**NOT_FOUND, **BAD_INPUT},
)
async def search(
    q: Annotated[str, Query(min_length=1, max_length=300, examples=["Kim Jong Un"])],
    state: StateDep,
    _caller: ReaderDep,
    schema: Annotated[str, Query(description=f"one of {sorted(QUERY_SCHEMAS)}")] = "any",
    dataset: Annotated[str, Query(description=f"one of {sorted(DATASETS)}")] = "default",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
) -> SearchResponse:
    """Entries whose names are like ``q``, in any script or romanization, best first."""
    lists = lists_of(dataset)
    example = EntityExample.model_validate({"schema": schema, "properties": {"name": [q]}})
    try:
        screener = await screener_of(state)
        results = screen_example(screener, example, lists, None, limit, DEFAULT_ALGORITHM)
    except QueryError as exc:  # a name with nothing to compare matches nothing
        return SearchResponse(query=q, total=TotalSpec(value=0), results=[], detail=str(exc))
    return SearchResponse.model_validate({"query": q, "total": {"value": len(results)},
                                          "results": [scored(r) for r in results]})  # fmt: skip
